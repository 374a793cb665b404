// `anchor-spend definitions` and `locate` on the demo: the shipped definitions give different answers, and
// each answer can be checked by hand from the reference (E1 8DE is in Tower Hamlets, within the NEL ICB).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoWarehouse } from "../helpers/demo-site.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
// The demo warehouse shared by the run's read-only tests: nothing here loads into it.
let warehouse: string;
beforeAll(async () => {
  warehouse = await demoWarehouse();
});
afterAll(() => folder.cleanup());

describe("anchor-spend definitions", () => {
  it("compare --json gives each definition's local share, unlocated share and local suppliers", () => {
    const result = runCli(["definitions", "compare", "--json", "--warehouse", warehouse]);
    expect(result.status, result.stderr).toBe(0);
    const { definitions } = JSON.parse(result.stdout) as { definitions: { id: string; localShare: number; unlocatedShare: number; localSuppliers: number; basis: string }[] };
    expect(definitions.length).toBeGreaterThanOrEqual(4);
    expect(definitions.map((d) => d.id)).toEqual(expect.arrayContaining(["own-local-authorities", "icb-footprint", "five-miles-from-headquarters", "postcode-districts"]));
    expect(new Set(definitions.map((d) => d.localShare.toFixed(4))).size).toBeGreaterThanOrEqual(4);
    const byId = Object.fromEntries(definitions.map((d) => [d.id, d]));
    // The ICB footprint holds the seven authorities and more; an "any address" basis admits more locations.
    expect(byId["icb-footprint"]!.localShare).toBeGreaterThanOrEqual(byId["own-local-authorities"]!.localShare);
    expect(byId["own-local-authorities-any-address"]!.localShare).toBeGreaterThanOrEqual(byId["own-local-authorities"]!.localShare);
    expect(byId["own-local-authorities-any-address"]!.unlocatedShare).toBeLessThanOrEqual(byId["own-local-authorities"]!.unlocatedShare);
  });

  it("list shows every loaded definition", () => {
    const result = runCli(["definitions", "list", "--warehouse", warehouse]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/own-local-authorities\s+1\s+local-authorities\s+registered\s+yes/);
  });

  it("check validates files and names the field and what was expected", () => {
    const good = runCli(["definitions", "check", "data/demo/definitions/five-miles-from-headquarters.json"]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain("five-miles-from-headquarters v1 (radius, registered)");
    const bad = join(folder.path, "definitions");
    mkdirSync(bad);
    writeFileSync(join(bad, "bad.json"), JSON.stringify({ id: "x", version: 1, name: "X", description: "x", kind: "radius", sites: ["E1 8DE"], distance: "five" }));
    const result = runCli(["definitions", "check", join(bad, "bad.json")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('definition.distance: expected a positive number, found "five"');
  });

  it("exits 2 without an action", () => {
    expect(runCli(["definitions", "--warehouse", warehouse]).status).toBe(2);
  });
});

describe("anchor-spend locate", () => {
  it("prints the normalised postcode, precision, authority, LSOA and local yes/no per definition", () => {
    const result = runCli(["locate", "e1 8de", "MK40", "--json", "--warehouse", warehouse]);
    expect(result.status, result.stderr).toBe(0);
    const [hq, district] = JSON.parse(result.stdout) as { postcode: string | null; precision: string; authority: string; icb: string; lsoa2021: string | null; iod2025Decile: number | null; local: Record<string, boolean | null> }[];
    // E1 8DE's 2021 LSOA as the shared directory gives it (E01032767), and that LSOA's IoD 2025 decile in the shared
    // File 7 copy (8): read with grep by hand, `zgrep E01032767 shared/reference/deprivation/iod2025-lsoa21.csv.gz`.
    expect(hq).toMatchObject({ postcode: "E1 8DE", precision: "unit", authority: "E09000030", icb: "E54000029", lsoa2021: "E01032767", iod2025Decile: 8 });
    expect(hq!.local).toMatchObject({ "own-local-authorities v1": true, "icb-footprint v1": true, "five-miles-from-headquarters v1": true, "postcode-districts v1": true });
    expect(district).toMatchObject({ postcode: null, precision: "district", authority: "E06000055" });
    expect(district!.local["own-local-authorities v1"]).toBe(true);
    expect(district!.local["five-miles-from-headquarters v1"]).toBe(false);
  });
});
