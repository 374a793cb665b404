// Loads the shipped demo (data/demo) through the real CLI into a temporary warehouse, and checks counts,
// totals and the local share against figures computed here, independently of the loader: the test reads
// the same files with papaparse and plain arithmetic, and never calls loader code.
import Papa from "papaparse";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/config.js";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { refreshSupplierLocality } from "../../src/model/refresh-locality.js";
import { runCli } from "../helpers/run-cli.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const demo = join(projectRoot, "data", "demo");

interface ExpectedFile { read: number; loaded: number; quarantined: number; pence: number; badRows: number[] }

function expectedSpend(): Map<string, ExpectedFile & { lines: { supplier: string; pence: number }[] }> {
  const expected = new Map<string, ExpectedFile & { lines: { supplier: string; pence: number }[] }>();
  for (const file of readdirSync(join(demo, "spend")).sort()) {
    const rows = Papa.parse<string[]>(readFileSync(join(demo, "spend", file), "utf-8"), { skipEmptyLines: false }).data;
    const headerIndex = rows.findIndex((row) => row[0] === "Department Family");
    const entry = { read: 0, loaded: 0, quarantined: 0, pence: 0, badRows: [] as number[], lines: [] as { supplier: string; pence: number }[] };
    rows.forEach((row, index) => {
      if (index <= headerIndex || row.every((cell) => cell.trim() === "")) return;
      entry.read++;
      const amount = Number(row[7]);
      if (Number.isNaN(amount) || row[7]!.trim() === "") {
        entry.quarantined++;
        entry.badRows.push(index + 1);
        return;
      }
      entry.loaded++;
      entry.pence += Math.round(amount * 100);
      entry.lines.push({ supplier: row[5]!, pence: Math.round(amount * 100) });
    });
    expected.set(`data/demo/spend/${file}`, entry);
  }
  return expected;
}

/**
 * Supplier name → local authority code, from the register's registered postcode and the shipped postcode
 * files: the unit postcode's authority, else (a postcode outside them) its sector's most common authority.
 */
function supplierAuthorities(): Map<string, string> {
  const read = (file: string) => Papa.parse<Record<string, string>>(gunzipSync(readFileSync(join(demo, "reference", file))).toString("utf-8"), { header: true, skipEmptyLines: true }).data;
  const authority = new Map<string, string>();
  for (const row of read("postcodes-nel-blmk-codepoint2025.csv.gz")) authority.set(row.postcode!, row.lad_cd!);
  for (const row of read("nspl-nov2021-wc.csv.gz")) if (Math.abs(Number(row.lat)) <= 90) authority.set(row.pcds!, row.laua!);
  const sectors = new Map(read("postcode-sector-centroids-gb-codepoint2025.csv.gz").map((row) => [row.sector!, row.modal_lad_cd!]));
  const lookUp = (postcode: string) => authority.get(postcode) ?? sectors.get(postcode.slice(0, -2));
  const register = Papa.parse<Record<string, string>>(readFileSync(join(demo, "suppliers.csv"), "utf-8"), { header: true, skipEmptyLines: true }).data;
  const bySupplier = new Map<string, string>();
  for (const row of register) {
    const lad = row.Postcode ? lookUp(row.Postcode) : undefined;
    if (lad) bySupplier.set(row["Supplier Name"]!, lad);
  }
  return bySupplier;
}

describe("anchor-spend load data/demo", () => {
  const folder = tempFolder();
  const warehousePath = join(folder.path, "warehouse.duckdb");
  const expected = expectedSpend();
  let firstLoad: ReturnType<typeof runCli>;
  let checksumsAfterFirst: Record<string, string>;

  beforeAll(async () => {
    firstLoad = runCli(["load", "data/demo", "--warehouse", warehousePath]);
    checksumsAfterFirst = await withWarehouse(warehousePath, "read", tableChecksums);
  });
  afterAll(() => folder.cleanup());

  it("exits 0 and reports every spend file with counts and totals that match the files", () => {
    expect(firstLoad.status, firstLoad.stderr).toBe(0);
    const report = runCli(["report", "--json", "--warehouse", warehousePath]);
    expect(report.status).toBe(0);
    const lines = JSON.parse(report.stdout) as { path: string; sha256: string; kind: string; rowsRead: number; rowsLoaded: number; rowsQuarantined: number; amountLoaded: string }[];
    const spendLines = lines.filter((line) => line.kind === "spend");
    expect(spendLines.map((line) => line.path).sort()).toEqual([...expected.keys()].sort());
    expect(spendLines).toHaveLength(12);
    for (const line of spendLines) {
      const want = expected.get(line.path)!;
      expect(line.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect({ read: line.rowsRead, loaded: line.rowsLoaded, quarantined: line.rowsQuarantined }).toEqual({ read: want.read, loaded: want.loaded, quarantined: want.quarantined });
      expect(Number(line.amountLoaded.replace(".", ""))).toBe(want.pence);
    }
    for (const line of lines) expect(line.rowsRead).toBe(line.rowsLoaded + line.rowsQuarantined);
  });

  it("quarantines the unfinished row with its file, row, column and raw value", async () => {
    const bad = [...expected.entries()].flatMap(([path, file]) => file.badRows.map((row) => ({ path, row })));
    expect(bad.length).toBeGreaterThan(0);
    const quarantined = await withWarehouse(warehousePath, "read", (w) =>
      w.all<{ path: string; row_number: number; column_name: string; raw_value: string; code: string }>(
        "SELECT path, row_number, column_name, raw_value, code FROM quarantine WHERE path LIKE '%/spend/%' ORDER BY path, row_number"));
    expect(quarantined.map((q) => ({ path: q.path, row: Number(q.row_number) }))).toEqual(bad);
    expect(quarantined[0]).toMatchObject({ column_name: "Amount", raw_value: "TBC", code: "not-an-amount" });
    // Every row of every file has its problem's code.
    const uncoded = await withWarehouse(warehousePath, "read", (w) => w.one("SELECT count(*)::INTEGER AS rows FROM quarantine WHERE code IS NULL OR code = 'unclassified'"));
    expect(uncoded).toEqual({ rows: 0 });
  });

  it("computes total spend and the local share under the headline definition as the files say", async () => {
    const own = JSON.parse(readFileSync(join(demo, "definitions", "own-local-authorities.json"), "utf-8")) as { codes: string[]; headline: boolean; basis: string };
    expect(own).toMatchObject({ headline: true, basis: "registered" });
    const authorities = supplierAuthorities();
    let totalPence = 0;
    let localPence = 0;
    let unlocatedPence = 0;
    for (const file of expected.values()) {
      for (const line of file.lines) {
        totalPence += line.pence;
        const lad = /redacted/i.test(line.supplier) ? undefined : authorities.get(line.supplier);
        if (lad === undefined) unlocatedPence += line.pence;
        else if (own.codes.includes(lad)) localPence += line.pence;
      }
    }
    const figures = await withWarehouse(warehousePath, "read", async (w) => headline(w, await resolveScope(w)));
    expect(Math.round(figures.totalSpend * 100)).toBe(totalPence);
    expect(Math.round(figures.localSpend * 100)).toBe(localPence);
    expect(Math.round(figures.unlocatedSpend * 100)).toBe(unlocatedPence);
    expect(localPence).toBeGreaterThan(0);
    expect(unlocatedPence).toBeGreaterThan(0);
  });

  it("loads nothing the second time: every file is already loaded and every table is unchanged", async () => {
    const second = runCli(["load", "data/demo", "--warehouse", warehousePath]);
    expect(second.status, second.stderr).toBe(0);
    const alreadyLoaded = second.stderr.split("\n").filter((line) => line.startsWith("already loaded"));
    const inputFiles = (readdirSync(demo, { recursive: true }) as string[]).filter((f) => /\.(csv|csv\.gz|json)$/.test(f) && !f.endsWith(".geojson"));
    expect(alreadyLoaded).toHaveLength(inputFiles.length);
    expect(second.stderr).not.toMatch(/^loaded /m);
    expect(await withWarehouse(warehousePath, "read", tableChecksums)).toEqual(checksumsAfterFirst);
  });
});

describe("locality after spend files", () => {
  // A spend file only adds suppliers, so the loader classifies just the pairs of that file's own lines
  // (refresh-locality.ts, scope { spendFile }), relying on every earlier file's pairs having been classified in
  // the transaction that loaded it. A full refresh over the demo and the partners demo (several institutions,
  // their own and shared definitions, re-issued months) must then change nothing.
  const folder = tempFolder();
  const warehousePath = join(folder.path, "warehouse.duckdb");
  afterAll(() => folder.cleanup());

  it("is what a full refresh computes", async () => {
    expect(runCli(["load", "data/demo", "data/partners-demo", "--warehouse", warehousePath]).status).toBe(0);
    await withWarehouse(warehousePath, "write", async (warehouse) => {
      const locality = () => warehouse.all("SELECT * FROM supplier_locality ORDER BY institution_id, supplier_id, definition_id, version");
      const incremental = await locality();
      expect(incremental.length).toBeGreaterThan(100);
      await refreshSupplierLocality(warehouse, "all");
      expect(await locality()).toEqual(incremental);
    });
  });
});
