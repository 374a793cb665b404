// `anchor-spend --help` answers in a fraction of a second because the CLI's start loads only its own command
// table: every command file imports src/core, node: modules and type-only imports at the top, and everything
// heavier (DuckDB, the loaders, the model, the site build, the browser, PDF) inside its `run`, through import().
// This follows the static imports from src/cli/main.ts and fails on any that reaches beyond that.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = resolve(import.meta.dirname, "../..");

/** Static value imports and re-exports (type-only ones are erased when compiled; import() is lazy). */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/gm;

function staticImports(file: string): string[] {
  const text = readFileSync(join(projectRoot, file), "utf8");
  return [...text.matchAll(STATIC_IMPORT)].map((match) => match[1]!);
}

/** Every module `file` loads before its first line runs, as project paths or package names. */
function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith(".ts")) continue;
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith(".")) queue.push(relative(projectRoot, resolve(projectRoot, dirname(file), specifier)).replace(/\.js$/, ".ts"));
      else seen.add(specifier);
    }
  }
  return seen;
}

describe("the CLI's start", () => {
  const loaded = [...loadedAtStart("src/cli/main.ts")];

  it("follows the command table into every command file", () => {
    expect(loaded).toContain("src/cli/commands.ts");
    expect(loaded).toContain("src/cli/commands/load.ts");
    expect(loaded).toContain("src/cli/commands/start.ts");
  });

  it("loads only src/cli, src/core and node: modules before a command runs", () => {
    const heavy = loaded.filter((module) => !module.startsWith("src/cli/") && !module.startsWith("src/core/") && !module.startsWith("node:"));
    expect(heavy).toEqual([]);
  });
});
