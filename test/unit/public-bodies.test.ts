// Public bodies among suppliers (loaders/schema/public-bodies.ts, the public_bodies table and the
// int_supplier_public_bodies view): on 555 real supplier names labelled by hand (test/fixtures/public-bodies/README.md),
// every public body the shipped reference names is recognised as its kind and nothing else is; the shipped keys
// file is what the reference gives today.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/config.js";
import { PUBLIC_BODY_NAMES, publicBodyNames, publicBodyNamesCsv } from "../../loaders/schema/public-bodies.js";
import { refreshPublicBodies } from "../../loaders/reference/load-public-bodies.js";
import { supplierId, supplierNameKey } from "../../loaders/schema/normalise-supplier-name.js";
import { withTempWarehouse } from "../helpers/temp-warehouse.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";

const FIXTURE = join(projectRoot, "test", "fixtures", "public-bodies", "real-supplier-names.csv");
const labelled = Papa.parse<{ name: string; institution: string; expected: string }>(readFileSync(FIXTURE, "utf-8"), { header: true, skipEmptyLines: true }).data;

/** The kind the warehouse recognises for each name (suppliers written as the spend loader keys them), or "". */
async function recognised(warehouse: Warehouse, names: readonly string[]): Promise<Map<string, { kind: string; recognised_by: string; code: string | null; reference_name: string }>> {
  await warehouse.transaction(() => refreshPublicBodies(warehouse));
  const rows = names.map((name) => ({ supplier_id: supplierId(supplierNameKey(name)), name, name_key: supplierNameKey(name) }));
  await warehouse.run(
    `INSERT INTO suppliers (supplier_id, name, name_key, is_redacted)
     SELECT supplier_id, name, name_key, false FROM (SELECT unnest(from_json(?, '[{"supplier_id":"VARCHAR","name":"VARCHAR","name_key":"VARCHAR"}]'), recursive := true))`,
    [JSON.stringify(rows)],
  );
  const found = await warehouse.all<{ name: string; kind: string; recognised_by: string; code: string | null; reference_name: string }>(
    "SELECT s.name, p.kind, p.recognised_by, p.code, p.reference_name FROM suppliers s JOIN int_supplier_public_bodies p USING (supplier_id)",
  );
  return new Map(found.map(({ name, ...body }) => [name, body]));
}

describe("public bodies among suppliers", () => {
  it("recognises every public body the shipped reference names among 555 real supplier names, and nothing else", async () => {
    const found = await withTempWarehouse((warehouse) => recognised(warehouse, labelled.map((row) => row.name)));
    const wrong = labelled.filter((row) => (found.get(row.name)?.kind ?? "") !== (row.expected.startsWith("not-covered:") ? "" : row.expected))
      .map((row) => `${row.name}: expected ${row.expected || "none"}, recognised ${found.get(row.name)?.kind ?? "none"}`);
    expect(wrong).toEqual([]);
    const count = (predicate: (row: (typeof labelled)[number]) => boolean) => labelled.filter(predicate).length;
    const byKind = Object.fromEntries([...new Set([...found.values()].map((body) => body.kind))].sort()
      .map((kind) => [kind, [...found.values()].filter((body) => body.kind === kind).length]));
    const missed = Object.fromEntries([...new Set(labelled.map((row) => row.expected).filter((e) => e.startsWith("not-covered:")))].sort()
      .map((label) => [label.slice("not-covered:".length), count((row) => row.expected === label)]));
    // Hand-counted from the labels: 184 councils, 67 NHS trusts, 13 CCGs, 6 HMRC, 1 combined authority.
    expect(byKind).toEqual({ ccg: 13, "combined-authority": 1, council: 184, hmrc: 6, "nhs-trust": 67 });
    console.log(`recognised among ${labelled.length} real names (of 7,589 suppliers):`, byKind, "; public bodies not covered:", missed,
      "; not public bodies (none recognised):", count((row) => row.expected === ""));
    const sample = [...found].filter((_, index) => index % 25 === 0).map(([name, body]) => `${name} → ${body.kind} ${body.code ?? ""} by ${body.recognised_by} (${body.reference_name})`);
    console.log(`a sample:\n  ${sample.join("\n  ")}`);
  });

  it("recognises councils, HMRC and NHS bodies as payment files write them, and says how", async () => {
    const names = [
      "London Borough of Hackney", "Hackney Council", "LB Hackney", "Hackney London Borough Council", "Bedford Borough Council",
      "Central Bedfordshire Council", "City of Bradford Metropolitan District Council", "Durham County Council", "Kent County Council",
      "HM Revenue & Customs", "HMRC", "H M Revenue and Customs", "HMRC - PAYE", "NHS North East London ICB", "North East London Integrated Care Board",
      "Barts Health NHS Trust", "East London NHS FT", "NHS Professionals Ltd", "Redbridge Council for Voluntary Service", "Hackney", "Kent CC",
    ];
    const found = await withTempWarehouse((warehouse) => recognised(warehouse, names));
    const said = Object.fromEntries(names.map((name) => {
      const body = found.get(name);
      return [name, body ? `${body.kind} ${body.code ?? "-"} ${body.recognised_by}` : null];
    }));
    expect(said).toEqual({
      "London Borough of Hackney": "council E09000012 authority-code",
      "Hackney Council": "council E09000012 authority-code",
      "LB Hackney": "council E09000012 authority-code",
      "Hackney London Borough Council": "council E09000012 authority-code",
      "Bedford Borough Council": "council E06000055 authority-code",
      "Central Bedfordshire Council": "council E06000056 authority-code",
      "City of Bradford Metropolitan District Council": "council E08000032 authority-code",
      "Durham County Council": "council E06000047 authority-code",
      "Kent County Council": "council E10000016 authority-code",
      "HM Revenue & Customs": "hmrc - name-rule",
      HMRC: "hmrc - name-rule",
      "H M Revenue and Customs": "hmrc - name-rule",
      "HMRC - PAYE": "hmrc - name-rule",
      "NHS North East London ICB": "icb QMF ods-code",
      "North East London Integrated Care Board": "icb QMF ods-code",
      "Barts Health NHS Trust": "nhs-trust R1H ods-code",
      "East London NHS FT": "nhs-trust RWK ods-code",
      // A company the DHSC owns, not a body of the ODS files: not recognised (the fixture's README says why).
      "NHS Professionals Ltd": null,
      "Redbridge Council for Voluntary Service": null,
      "Hackney": null,
      // "CC" is also a cricket club: not an ending councils are recognised by.
      "Kent CC": null,
    });
  });

  it("fills public_bodies from the shipped keys once: the same keys again leave it untouched", async () => {
    const runs = await withTempWarehouse(async (warehouse) => {
      const first = await warehouse.transaction(() => refreshPublicBodies(warehouse));
      const second = await warehouse.transaction(() => refreshPublicBodies(warehouse));
      const { keys } = await warehouse.one<{ keys: number }>("SELECT count(*)::INTEGER AS keys FROM public_bodies");
      return { first, second, keys };
    });
    expect(runs).toEqual({ first: true, second: false, keys: publicBodyNames().names.length });
  });

  it("reads nothing when the table's mark is this file's and this code's; compares and rewrites under any other", async () => {
    const runs = await withTempWarehouse(async (warehouse) => {
      await warehouse.transaction(() => refreshPublicBodies(warehouse));
      const mark = "SELECT comment FROM duckdb_tables() WHERE table_name = 'public_bodies'";
      const { comment } = await warehouse.one<{ comment: string }>(mark);
      // A row gone behind the mark's back (only refreshPublicBodies writes the table): the mark is trusted.
      await warehouse.run("DELETE FROM public_bodies WHERE rowid = (SELECT min(rowid) FROM public_bodies)");
      const trusted = await warehouse.transaction(() => refreshPublicBodies(warehouse));
      // Another mark (another file, code or schema made the table): the rows are compared, and put right.
      await warehouse.run("COMMENT ON TABLE public_bodies IS 'shipped keys sha256 0, read by 0, schema 0'");
      const compared = await warehouse.transaction(() => refreshPublicBodies(warehouse));
      const { keys } = await warehouse.one<{ keys: number }>("SELECT count(*)::INTEGER AS keys FROM public_bodies");
      return { comment, trusted, compared, keys, after: (await warehouse.one<{ comment: string }>(mark)).comment };
    });
    expect(runs.comment).toMatch(/^shipped keys sha256 [0-9a-f]{64}, read by [0-9a-f]{16}, schema \d+$/);
    expect(runs).toEqual({ comment: runs.comment, trusted: false, compared: true, keys: publicBodyNames().names.length, after: runs.comment });
  });

  it("ships the keys the reference gives (run scripts/write-public-body-names.ts after changing either), none naming two bodies", () => {
    expect(gunzipSync(readFileSync(PUBLIC_BODY_NAMES)).toString("utf-8")).toBe(publicBodyNamesCsv());
    expect(publicBodyNames().ambiguous).toEqual([]);
  });
});
