// Compiles the CLI's TypeScript (src/, loaders/, geo/), and the plain modules it shares with the pages
// (pages/shared/, JavaScript), to JavaScript in build/, which bin/anchor-spend.js runs.
// Run by `npm install` / `npm ci` (prepare), `npm start`, `npm run build`, `npm run bench`, and before every
// vitest run (test/helpers/compile-global-setup.ts), so the command that tests spawn is always the current code.
//
// esbuild transpiles each file on its own (no bundle), the same transform tsx applies when it runs the
// sources; type checking is `tsc -p .` (npm test runs it). It takes about a second, so every caller compiles
// unconditionally rather than guessing whether build/ is stale. A file whose output has not changed is not
// rewritten, a changed one is replaced by rename (a CLI already running from build/ never reads a half-written
// file), and output whose source is gone is deleted.
import { build } from "esbuild";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../src/core/config.js";

/** The folders the CLI's code lives in, compiled to the same paths under build/. */
export const COMPILED_FOLDERS = ["src", "loaders", "geo", "pages/shared"] as const;
export const buildPath = join(projectRoot, "build");

function sourceFiles(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[jt]s$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)));
}

function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/**
 * Compiles the folders, and `alsoFiles` (project paths of other modules, such as the tests' load child) to the
 * same paths under build/; returns how many files were written (changed) and deleted (their source gone).
 */
export async function compile(alsoFiles: readonly string[] = []): Promise<{ files: number; written: number; deleted: number }> {
  const entryPoints = [...COMPILED_FOLDERS.flatMap(sourceFiles), ...alsoFiles];
  const result = await build({
    entryPoints, outdir: buildPath, outbase: projectRoot, format: "esm", platform: "node", target: "node20",
    bundle: false, write: false, logLevel: "silent",
  });
  const outputs = new Set<string>();
  let written = 0;
  for (const file of result.outputFiles) {
    outputs.add(file.path);
    let current: string | null = null;
    try {
      current = readFileSync(file.path, "utf-8");
    } catch {
      current = null;
    }
    if (current === file.text) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written++;
  }
  let deleted = 0;
  for (const folder of COMPILED_FOLDERS) {
    for (const path of filesUnder(join(buildPath, folder))) {
      if (outputs.has(path) || path.endsWith(".tmp")) continue;
      rmSync(path, { force: true });
      deleted++;
    }
  }
  return { files: entryPoints.length, written, deleted };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { files, written, deleted } = await compile();
  console.error(`compiled ${files} files to ${relative(process.cwd(), buildPath) || "."}/ (${written} changed, ${deleted} removed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
