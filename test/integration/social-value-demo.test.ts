// Loads the shipped demo (data/demo) and checks the social value figures against figures computed here,
// independently of the code under test: the demo's CSV and JSON files are read with papaparse, postcodes are
// placed with the shipped reference files, and the sums, LM3 and checks are plain arithmetic.
import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { projectRoot } from "../../src/core/config.js";
import { localMultiplier } from "../../src/model/local-multiplier.js";
import { committedVsDelivered, deliveredLocally, proxyValues, type DeliveryDimension } from "../../src/model/social-value-metrics.js";
import { tenderingAndReturnsReport } from "../../src/model/tendering-checks.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const demo = join(projectRoot, "data", "demo");
const sv = join(demo, "social-value");
const read = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, "utf-8"), { header: true, skipEmptyLines: true }).data;
const readGz = (file: string) => Papa.parse<Record<string, string>>(gunzipSync(readFileSync(join(demo, "reference", file))).toString("utf-8"), { header: true, skipEmptyLines: true }).data;

const framework = JSON.parse(readFileSync(join(sv, "priorities.json"), "utf-8")) as { priorities: { code: string; measures: { code: string; proxy?: { valuePerUnit: number } }[] }[] };
const priorityOf = new Map(framework.priorities.flatMap((p) => p.measures.map((m) => [m.code, p.code])));
const contracts = read(join(sv, "contracts.csv"));
const bank = read(join(sv, "question-bank.csv"));
const allReturns = read(join(sv, "returns.csv"));
const isQuantity = (text: string) => text === "" || /^\d+(\.\d+)?$/.test(text);
const returns = allReturns.filter((r) => isQuantity(r.Committed!) && isQuantity(r.Delivered!));
const num = (text: string | undefined) => (text ? Number(text) : 0);
const share = (text: string | undefined) => (text ? Number(text.replace("%", "")) / 100 : null);
const supplierOf = new Map(contracts.map((c) => [c["Contract ID"]!, c.Supplier!]));
const own = JSON.parse(readFileSync(join(demo, "definitions", "own-local-authorities.json"), "utf-8")) as { codes: string[] };

/** IoD 2025 IMD decile by 2021 LSOA, from the shipped File 7 rows (headings as MHCLG publishes them). */
const iod2025 = new Map(readGz("iod2025-file7-lsoa21-nel-blmk.csv.gz").map((r) => [r["LSOA code (2021)"]!, Number(r["Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"])]));
/** Postcode → authority and IoD 2025 decile (by its 2021 LSOA) from the shipped directories; a register postcode outside them by its sector. */
const directory = new Map(readGz("postcodes-nel-blmk-codepoint2025.csv.gz").map((r) => [r.postcode!, { lad: r.lad_cd!, decile: iod2025.get(r.lsoa21cd_pip!) ?? NaN }]));
for (const r of readGz("nspl-nov2021-wc.csv.gz")) if (Math.abs(Number(r.lat)) <= 90 && !directory.has(r.pcds!)) directory.set(r.pcds!, { lad: r.laua!, decile: NaN });
const sectors = new Map(readGz("postcode-sector-centroids-gb-codepoint2025.csv.gz").map((r) => [r.sector!, r.modal_lad_cd!]));
const authorityOf = (postcode: string) => directory.get(postcode)?.lad ?? sectors.get(postcode.slice(0, -2));
const register = new Map(read(join(demo, "suppliers.csv")).map((r) => [r["Supplier Name"]!, r.Postcode!]));

function sums(key: (row: Record<string, string>) => string): Map<string, { committed: number; delivered: number }> {
  const totals = new Map<string, { committed: number; delivered: number }>();
  for (const row of returns) {
    const k = `${key(row)}|${row["Measure Code"]}`;
    const total = totals.get(k) ?? { committed: 0, delivered: 0 };
    total.committed += num(row.Committed);
    total.delivered += num(row.Delivered);
    totals.set(k, total);
  }
  return totals;
}

describe("the demo's social value inputs", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let results: FileResult[];

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    results = await loadInputs(warehouse, [demo]);
  });
  afterAll(() => {
    warehouse.close();
    folder.cleanup();
  });

  it("load, every row accounted for; the unfinished return row is quarantined with its row, column and value", async () => {
    const social = results.filter((r) => r.path.startsWith("data/demo/social-value/"));
    expect(social.map((r) => [r.path, r.status])).toEqual(
      ["priorities.json", "question-bank.csv", "contracts.csv", "returns.csv", "engagement.csv"].map((f) => [`data/demo/social-value/${f}`, "loaded"]));
    const outcome = (file: string) => (social.find((r) => r.path.endsWith(file)) as Extract<FileResult, { status: "loaded" }>).outcome;
    expect(outcome("returns.csv")).toMatchObject({ rowsRead: allReturns.length, rowsLoaded: returns.length, rowsQuarantined: allReturns.length - returns.length });
    expect(outcome("contracts.csv")).toMatchObject({ rowsRead: contracts.length, rowsLoaded: contracts.length, rowsQuarantined: 0 });
    const bad = allReturns.map((r, index) => ({ r, row: index + 2 })).filter(({ r }) => !isQuantity(r.Delivered!));
    const quarantined = await warehouse.all("SELECT path, row_number, column_name, raw_value FROM quarantine WHERE path LIKE '%social-value%'");
    expect(quarantined).toEqual(bad.map(({ r, row }) => ({ path: "data/demo/social-value/returns.csv", row_number: row, column_name: "Delivered", raw_value: r.Delivered })));
  });

  it("sums committed and delivered by priority, measure, contract, supplier and period as the files say", async () => {
    const keys: Record<DeliveryDimension, (row: Record<string, string>) => string> = {
      priority: (row) => priorityOf.get(row["Measure Code"]!)!,
      measure: (row) => row["Measure Code"]!,
      contract: (row) => row["Contract ID"]!,
      supplier: (row) => supplierOf.get(row["Contract ID"]!)!,
      period: (row) => row["Reporting Period"]!,
    };
    for (const [dimension, key] of Object.entries(keys) as [DeliveryDimension, (row: Record<string, string>) => string][]) {
      const expected = sums(key);
      const rows = await committedVsDelivered(warehouse, dimension, { institutionId: "DEMO" });
      const got = new Map(rows.map((r) => [`${dimension === "supplier" ? r.label : r.key}|${r.measureCode}`, r]));
      expect([...got.keys()].sort(), dimension).toEqual([...expected.keys()].sort());
      for (const [k, want] of expected) {
        const row = got.get(k)!;
        expect(row.committed, `${dimension} ${k}`).toBeCloseTo(want.committed, 6);
        expect(row.delivered, `${dimension} ${k}`).toBeCloseTo(want.delivered, 6);
        expect(row.deliveryRate!, `${dimension} ${k}`).toBeCloseTo(want.delivered / want.committed, 9);
      }
    }
  });

  it("values delivered emissions at the framework's cited proxy and no other measure", async () => {
    const proxied = framework.priorities.flatMap((p) => p.measures).filter((m) => m.proxy);
    const values = await proxyValues(warehouse, { institutionId: "DEMO" });
    const expected = proxied.reduce((sum, m) => sum + sums((r) => r["Measure Code"]!).get(`${m.code}|${m.code}`)!.delivered * m.proxy!.valuePerUnit, 0);
    expect(values.totalProxyValue).toBeCloseTo(expected, 6);
    expect(values.rows.filter((r) => r.proxyValue !== null).map((r) => r.measureCode)).toEqual(proxied.map((m) => m.code));
  });

  it("counts outcomes delivered locally and in the two most deprived deciles, by delivery postcode", async () => {
    const { rows } = await deliveredLocally(warehouse, { institutionId: "DEMO" });
    const expected = new Map<string, { local: number; nonLocal: number; unplaced: number; deprived: number }>();
    for (const row of returns.filter((r) => num(r.Delivered) > 0)) {
      const total = expected.get(row["Measure Code"]!) ?? { local: 0, nonLocal: 0, unplaced: 0, deprived: 0 };
      const place = row["Delivery Postcode"] ? directory.get(row["Delivery Postcode"]) : undefined;
      if (!place) total.unplaced += num(row.Delivered);
      else if (own.codes.includes(place.lad)) total.local += num(row.Delivered);
      else total.nonLocal += num(row.Delivered);
      if (place && place.decile <= 2) total.deprived += num(row.Delivered);
      expected.set(row["Measure Code"]!, total);
    }
    const got = rows.filter((r) => r.definitionId === "own-local-authorities");
    expect(got.map((r) => r.measureCode).sort()).toEqual([...expected.keys()].sort());
    for (const row of got) {
      const want = expected.get(row.measureCode)!;
      expect([row.local, row.nonLocal, row.unplaced, row.inMostDeprived].map((n) => Math.round(n * 10) / 10), row.measureCode)
        .toEqual([want.local, want.nonLocal, want.unplaced, want.deprived].map((n) => Math.round(n * 10) / 10));
    }
    expect(got.reduce((sum, r) => sum + r.local, 0)).toBeGreaterThan(0);
  });

  it("computes LM3 per contract and overall as (R1 + R2 + R3) / R1", async () => {
    const expected = contracts.flatMap((c) => {
      const id = c["Contract ID"]!;
      const r1 = Number(c["Contract Value"]);
      const lad = authorityOf(register.get(c.Supplier!)!);
      const local = lad !== undefined && own.codes.includes(lad);
      const withShares = returns.filter((r) => r["Contract ID"] === id && r["Local Re-spend Share (%)"]).sort((a, b) => a["Reporting Period"]!.localeCompare(b["Reporting Period"]!));
      const latest = withShares.at(-1);
      if (!local) return [{ id, r1, r2: 0, r3: 0 }];
      if (!latest) return [];
      const [s, w, k] = [share(latest["Local Re-spend Share (%)"]), share(latest["Staff Living Locally (%)"]), share(latest["Staff Cost Share (%)"])] as number[];
      return [{ id, r1, r2: r1, r3: r1 * (k! * w! + (1 - k!) * s!) }];
    });
    const result = await localMultiplier(warehouse, { id: "own-local-authorities", version: 1 }, { institutionId: "DEMO" });
    expect(result.contracts.map((c) => c.contractId)).toEqual(expected.map((c) => c.id));
    for (const [index, want] of expected.entries()) {
      const got = result.contracts[index]!;
      expect([got.r1, got.r2]).toEqual([want.r1, want.r2]);
      expect(got.r3).toBeCloseTo(want.r3, 4);
      expect(got.lm3).toBeCloseTo((want.r1 + want.r2 + want.r3) / want.r1, 9);
    }
    const total = (key: "r1" | "r2" | "r3") => expected.reduce((sum, c) => sum + c[key], 0);
    expect(result.overall.lm3!).toBeCloseTo((total("r1") + total("r2") + total("r3")) / total("r1"), 9);
    expect(result.contracts.some((c) => c.supplierStatus === "local") && result.contracts.some((c) => c.supplierStatus === "non_local")).toBe(true);
    expect(result.notComputed.map((c) => c.contractId)).toEqual(contracts.map((c) => c["Contract ID"]!).filter((id) => !expected.some((e) => e.id === id)));
  });

  it("finds on the demo what the files hold: a weighting below 10%, a contract without the climate theme, returns without evidence, a missing quarter, a tenfold delivery", async () => {
    const report = await tenderingAndReturnsReport(warehouse, { institutionId: "DEMO" });
    const found = Object.fromEntries(report.checks.map((check) => [check.id, check.findings.map((f) => [f.contractId, f.period, f.measureCode].filter(Boolean).join(" "))]));
    const climate = new Set(bank.filter((q) => q.Theme === "Fighting climate change").map((q) => q["Question ID"]!));
    const quarters = [1, 2, 3, 4].map((q) => ({ label: `2024/25 Q${q}`, start: ["2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01"][q - 1]!, end: ["2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"][q - 1]! }));
    const missing = contracts.flatMap((c) => quarters
      .filter((q) => q.end >= c["Start Date"]! && q.start <= c["End Date"]! && !returns.some((r) => r["Contract ID"] === c["Contract ID"] && r["Reporting Period"] === q.label))
      .map((q) => `${c["Contract ID"]} ${q.label}`));
    expect(found).toEqual({
      "nhs-without-climate-theme": contracts.filter((c) => !c["Social Value Questions"]!.split("; ").some((q) => climate.has(q))).map((c) => c["Contract ID"]),
      "weighting-below-minimum": contracts.filter((c) => Number(c["Social Value Weighting (%)"]!.replace("%", "")) < 10).map((c) => c["Contract ID"]),
      "question-not-in-bank": [],
      "question-serving-no-priority": [],
      "return-for-unknown-contract": [],
      "return-for-unknown-measure": [],
      "delivered-without-evidence": returns.filter((r) => num(r.Delivered) > 0 && !r["Evidence Reference"]).map((r) => `${r["Contract ID"]} ${r["Reporting Period"]} ${r["Measure Code"]}`),
      "return-missing-for-period": missing,
      "delivered-far-above-committed": returns.filter((r) => num(r.Committed) > 0 && num(r.Delivered) > 3 * num(r.Committed)).map((r) => `${r["Contract ID"]} ${r["Reporting Period"]} ${r["Measure Code"]}`),
    });
    for (const id of ["nhs-without-climate-theme", "weighting-below-minimum", "delivered-without-evidence", "return-missing-for-period", "delivered-far-above-committed"]) {
      expect(found[id]!.length, id).toBeGreaterThan(0);
    }
  });
});
