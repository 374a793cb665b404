// A run of spend files loads each file's lines staged beside the file before it (loaders/load-inputs.ts: DuckDB reads
// the next file on a second connection while this file's transaction runs). That must load exactly what each file
// loaded on its own loads. The files are written here: a plain month with a note line, a month DuckDB's strict
// reader refuses (streamed instead), a month refused whole (its total is more than the warehouse holds), a month of US
// dates staged while that refused month's transaction ran, a re-issue of the first month with a line more, and a
// copy of the first month's bytes (already loaded, its staging dropped unused). The first month is staged as soon as
// it is found, while the other files are still being scanned; a reference file found after it loads first, and then
// that staging is dropped unused.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";
import { VOLATILE_COLUMNS, changedTables, contentChecksums } from "../helpers/warehouse-state.js";

const folder = tempFolder("anchor-spend-beside-");
afterAll(() => folder.cleanup());

const HEADING = "Date,Expense Type,Supplier,Amount";
const april = Array.from({ length: 30 }, (_, i) => `${String(1 + (i % 28)).padStart(2, "0")}/04/2024,Catering,Supplier ${i % 7} Ltd,"£${(i + 1) * 1000}.50"`);
const files: Record<string, string> = {
  "2024-04.csv": [HEADING, ...april, ",,Total,£465015.00"].join("\n"),
  "2024-05.csv": [HEADING, "02/05/2024,Catering,Supplier 1 Ltd,10.00", "03/05/2024,Catering,Supplier 2 Ltd,20.00,extra cell"].join("\n"),
  "2024-06.csv": [HEADING, ...Array.from({ length: 120 }, (_, i) => `${String(1 + (i % 28)).padStart(2, "0")}/06/2024,Estates,Supplier 3 Ltd,90000000000000.00`)].join("\n"),
  "2024-07.csv": [HEADING, "09/13/2024,Catering,Supplier 4 Ltd,12.00", "09/02/2024,Catering,Supplier 5 Ltd,13.00", "09/30/2024,Catering,Supplier 6 Ltd,14.00"].join("\n"),
  "2024-10.csv": [HEADING, ...april, "30/04/2024,Catering,Supplier 8 Ltd,£1.00"].join("\n"),
  "2024-11.csv": [HEADING, ...april, ",,Total,£465015.00"].join("\n"),
};
const root = join(folder.path, "T");
mkdirSync(root);
writeFileSync(join(root, "institution.json"), JSON.stringify({ id: "T", name: "Staged beside", kind: "nhs-trust" }));
for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), `${content}\n`);

/** What a file's report says, in terms both loads must agree on. */
function reported(result: FileResult): unknown {
  if (result.status === "loaded") {
    const { rowsRead, rowsLoaded, rowsQuarantined, amountLoadedPence, firstDate, lastDate, superseded, reading } = result.outcome;
    return { path: result.path, status: result.status, rowsRead, rowsLoaded, rowsQuarantined, pence: String(amountLoadedPence), firstDate, lastDate, superseded, reading };
  }
  return result;
}

async function load(loads: string[][]): Promise<{ results: FileResult[]; checksums: Record<string, string>; besideStatements: number; stagedLeft: number }> {
  const timings = process.env.ANCHOR_SPEND_SQL_TIMINGS;
  process.env.ANCHOR_SPEND_SQL_TIMINGS = "1";
  const warehouse = await Warehouse.inMemory(folder.path);
  if (timings === undefined) delete process.env.ANCHOR_SPEND_SQL_TIMINGS;
  else process.env.ANCHOR_SPEND_SQL_TIMINGS = timings;
  try {
    const results: FileResult[] = [];
    for (const paths of loads) results.push(...(await loadInputs(warehouse, paths)));
    const besideStatements = [...warehouse.sqlTimings!.keys()].filter((statement) => statement.startsWith("beside: CREATE TABLE anchor_staging.spend_csv_N AS")).length;
    const { stagedLeft } = await warehouse.one<{ stagedLeft: number }>("SELECT count(*)::INTEGER AS stagedLeft FROM duckdb_tables() WHERE database_name = 'anchor_staging'");
    return { results, checksums: await contentChecksums(warehouse, { ...VOLATILE_COLUMNS, schema_version: ["applied_at"] }), besideStatements, stagedLeft };
  } finally {
    warehouse.close();
  }
}

describe("spend files staged beside the file before them", () => {
  it("load as each file loads on its own: the same rows, quarantine, refusals and reports, nothing left staged", async () => {
    const together = await load([[root]]);
    const alone = await load([join(root, "institution.json"), ...Object.keys(files).map((name) => join(root, name))].map((path) => [path]));
    expect(together.besideStatements).toBeGreaterThan(0);
    expect(alone.besideStatements).toBe(0);
    expect(together.results.map(reported)).toEqual(alone.results.map(reported));
    expect(changedTables(alone.checksums, together.checksums)).toEqual([]);
    expect(together.stagedLeft).toBe(0);
    // The cases were what they say: one refused, one already loaded, one streamed, the US month (staged beside the
    // refused one) read month first.
    const byName = (name: string) => together.results.find((result) => result.path.endsWith(name))!;
    expect(byName("2024-06.csv").status).toBe("refused");
    expect(byName("2024-11.csv").status).toBe("already loaded");
    const outcome = (name: string) => (byName(name) as Extract<FileResult, { status: "loaded" }>).outcome as { reader?: string; rowsQuarantined: number; reading?: string };
    expect(outcome("2024-05.csv").reader).toBe("stream");
    expect(outcome("2024-04.csv").reader).toBe("duckdb");
    expect(outcome("2024-04.csv").rowsQuarantined).toBe(1);
    expect(outcome("2024-07.csv").reader).toBe("duckdb");
    expect(outcome("2024-07.csv").reading).toMatch(/month first|mdy|US/i);
  }, 120_000);

  it("drop the first month staged while the files were scanned when a reference file, found after it, loads first", async () => {
    // A real ONS postcode directory sample (test/fixtures/geo/README.md), walked after the institution's folder.
    const postcodes = "test/fixtures/geo/onspd-ab1-sample.csv";
    const together = await load([[root, postcodes]]);
    const alone = await load([join(root, "institution.json"), postcodes, ...Object.keys(files).map((name) => join(root, name))].map((path) => [path]));
    expect(together.results.map((result) => [result.path.split("/").at(-1), result.status])).toContainEqual(["onspd-ab1-sample.csv", "loaded"]);
    expect(together.results.map(reported)).toEqual(alone.results.map(reported));
    expect(changedTables(alone.checksums, together.checksums)).toEqual([]);
    expect(together.stagedLeft).toBe(0);
  }, 120_000);
});
