// Compiles the CLI's TypeScript (src/, loaders/, geo/, and the plain modules it shares with the pages, pages/shared/)
// to JavaScript in build/, which bin/anchor-spend.js runs, with the processes the tests and the benchmark spawn.
// Run by `npm install` / `npm ci` (prepare), `npm start`, `npm run build`, `npm run bench`, and before every
// vitest run (test/helpers/compile-global-setup.ts), so the command that tests spawn is always the current code.
//
// esbuild bundles each program's own modules (the transform tsx applies when it runs the sources; packages stay in
// node_modules, imported as they were), split at every import() so that what a command loads later (the loaders,
// the site build, the browser, PDF) is a chunk loaded only then: Node then resolves and reads a few files at a
// command's start rather than the hundreds of modules (a 1M-line load 0.10–0.15 s sooner, measured 2026-12-03).
// Type checking is `tsc -p .` (npm test runs it). It takes about a second, so every caller compiles unconditionally
// rather than guessing whether build/ is stale. Every program is compiled every time, so build/ is the same whoever
// compiled it. A file whose output has not changed is not rewritten, a changed one is replaced by rename (a program
// already running from build/ never reads a half-written file; chunks are named by their content), and any other
// file in build/ is deleted.
import { build } from "esbuild";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../src/core/config.js";

/**
 * The programs run from build/, each at its source's path there (src/cli/main.ts as build/src/cli/main.js): the CLI,
 * the fault tests' load child (test/helpers/cli-process.ts), and the benchmark's load and register children.
 */
export const PROGRAMS = ["src/cli/main.ts", "test/helpers/load-child.ts", "scripts/bench/load-child.ts", "scripts/bench/register-child.ts"] as const;
export const buildPath = join(projectRoot, "build");

function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** Removes the folders under `folder` that hold no file (what earlier output left). */
function removeEmptyFolders(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(folder, entry.name);
    removeEmptyFolders(path);
    if (readdirSync(path).length === 0) rmdirSync(path);
  }
}

/** Compiles PROGRAMS into build/; returns how many files it holds, were written (changed) and deleted (no longer output). */
export async function compile(): Promise<{ files: number; written: number; deleted: number }> {
  const result = await build({
    entryPoints: PROGRAMS.map((program) => join(projectRoot, program)), outdir: buildPath, outbase: projectRoot,
    bundle: true, splitting: true, packages: "external", chunkNames: "chunks/[name]-[hash]",
    format: "esm", platform: "node", target: "node20", write: false, logLevel: "silent",
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
  for (const path of filesUnder(buildPath)) {
    if (outputs.has(path) || path.endsWith(".tmp")) continue;
    rmSync(path, { force: true });
    deleted++;
  }
  removeEmptyFolders(buildPath);
  return { files: outputs.size, written, deleted };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const { files, written, deleted } = await compile();
  console.error(`compiled ${files} files to ${relative(process.cwd(), buildPath) || "."}/ (${written} changed, ${deleted} removed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
