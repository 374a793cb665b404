// The modules a TypeScript entry loads before its first line runs: its static value imports and re-exports, followed
// through the project's files (type-only imports are erased when compiled; import() is lazy). Read by the
// architecture tests that keep a start light (cli-start-up, reload-imports).
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const projectRoot = resolve(import.meta.dirname, "../..");

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/gm;

/** Every module `entry` (a project path) loads before its first line runs, as project paths or package names. */
export function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith(".ts")) continue;
    for (const [, specifier] of readFileSync(join(projectRoot, file), "utf8").matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith(".")) queue.push(relative(projectRoot, resolve(projectRoot, dirname(file), specifier!)).replace(/\.js$/, ".ts"));
      else seen.add(specifier!);
    }
  }
  return seen;
}
