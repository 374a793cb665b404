// An institution with spend and no definition of local: `load` says so in words, and `build` on a warehouse where
// no institution has one refuses in words (no stack trace) and writes no site. The body is made here: an
// institution.json and one month of the partners demo's council file (data/partners-demo/council, its README).
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
afterAll(() => folder.cleanup());

function bodyWithoutDefinition(): string {
  const body = join(folder.path, "no-definition");
  mkdirSync(join(body, "spend"), { recursive: true });
  writeFileSync(join(body, "institution.json"), JSON.stringify({ id: "NODEF", name: "Body With No Definition", kind: "council", isDemo: true, note: "Test body." }));
  copyFileSync("data/partners-demo/council/spend/council-2024-04.csv", join(body, "spend", "council-2024-04.csv"));
  return body;
}

describe("an institution with no definition of local", () => {
  const warehouse = join(folder.path, "warehouse.duckdb");

  it("is named by the load, which still loads its spend", () => {
    const load = runCli(["load", bodyWithoutDefinition(), "--warehouse", warehouse]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stderr).toContain("read 250 = loaded 250 + quarantined 0");
    expect(load.stderr).toContain("warning: no definition of local is loaded for Body With No Definition (NODEF), so no local share can be worked out for it.");
  });

  it("makes build refuse in words when no institution has one, writing no site", () => {
    const output = join(folder.path, "dist");
    const build = runCli(["build", "--warehouse", warehouse], { ANCHOR_SPEND_SITE_OUTPUT: output });
    expect(build.status).toBe(1);
    // One plain line, before any build lock is waited for or page data written; no stack trace.
    expect(build.stderr.trim()).toMatch(/^anchor-spend build: cannot build the site: no definition of local is loaded for Body With No Definition \(NODEF\)/);
    expect(build.stderr).not.toMatch(/\n\s+at /);
    expect(build.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(output)).toBe(false);
  });

  it("is still named when the demo trust, with definitions of its own, is loaded beside it", () => {
    // The demo's definitions belong to the demo trust (DEMO), so loading it leaves NODEF without one: still warned.
    const load = runCli(["load", "data/demo", "--warehouse", warehouse]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stderr).toContain("no definition of local is loaded for Body With No Definition (NODEF)");
    expect(load.stderr).not.toContain("Demo NHS Foundation Trust (DEMO)");
  }, 300_000);
});
