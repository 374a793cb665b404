// A reload of files already loaded (issue 19: under a second) walks, hashes and orders them, and reads nothing
// else: loaders/load-inputs.ts imports the readers and loaders of new files (load-file.ts) through import(),
// only when a file is new. This follows its static imports and fails on any that reaches a reader, a loader
// of one kind of file, the model, or a package that is not the CSV parser the ODS register's path comes with.
import { describe, expect, it } from "vitest";
import { loadedAtStart } from "../helpers/static-imports.js";

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
