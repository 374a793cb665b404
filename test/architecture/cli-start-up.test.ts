// `anchor-spend --help` answers in a fraction of a second because the CLI's start loads only its own command
// table: every command file imports src/core, node: modules and type-only imports at the top, and everything
// heavier (DuckDB, the loaders, the model, the site build, the browser, PDF) inside its `run`, through import().
// This follows the static imports from src/cli/main.ts and fails on any that reaches beyond that.
import { describe, expect, it } from "vitest";
import { loadedAtStart } from "../helpers/static-imports.js";

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
