// A reload of files already loaded (issue 19: under a second) walks, hashes and orders them, and reads nothing
// else: loaders/load-inputs.ts imports the readers and loaders of new files (load-file.ts) through import(),
// only when a file is new. This follows its static imports and fails on any that reaches a reader, a loader
// of one kind of file, the model, or a package that is not the CSV parser the ODS register's path comes with.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = resolve(import.meta.dirname, "../..");

/** Static value imports and re-exports (type-only ones are erased when compiled; import() is lazy). */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']/gm;

function loadedAtStart(entry: string): Set<string> {
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

describe("a reload's imports", () => {
  const loaded = [...loadedAtStart("loaders/load-inputs.ts")];

  it("follows load-inputs.ts into the walk's modules", () => {
    expect(loaded).toContain("loaders/files/scan-file.ts");
    expect(loaded).toContain("loaders/schema/input-kinds.ts");
  });

  it("imports no loader of new files, no reader of tables, no model and no package but papaparse", () => {
    const heavy = loaded.filter((module) =>
      module === "loaders/load-file.ts" || module.startsWith("src/model/") || module.startsWith("loaders/spend/")
      || module.startsWith("loaders/social-value/") || module.startsWith("loaders/notices/") || module.startsWith("loaders/suppliers/")
      || ["loaders/files/read-table.ts", "loaders/files/read-csv.ts", "loaders/schema/detect-kind.ts", "geo/compile-definition.ts"].includes(module)
      || (!module.includes("/") && !module.startsWith("node:") && module !== "papaparse"));
    expect(heavy).toEqual([]);
  });
});
