// Each failure issue 14 found in real published files, reproduced on a small fixture cut from the shared real
// files (test/fixtures/real-quirks, see its README) and shown fixed. Expected figures are the fixtures' own
// amounts added up by hand (in the comments), or, for the workbooks, read-excel-file's reading of the original.
import * as XLSX from "@e965/xlsx";
import readXlsxFile from "read-excel-file/node";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const trust = join(folder.path, "trust");
const warehouse = join(folder.path, "w.duckdb");
const workbook = "test/fixtures/spend-real/nhs-raw/NMID/NMID 01 - April.xlsx";
let load: ReturnType<typeof runCli>;

type FileLine = { path: string; rows_read: number; rows_loaded: number; rows_quarantined: number; pence: string; first_date: string | null; reading: string | null };
let files: FileLine[];
let quarantine: { path: string; row_number: number; code: string; reason: string }[];
const file = (name: string) => files.find((line) => line.path.endsWith(name))!;

beforeAll(async () => {
  cpSync("test/fixtures/real-quirks/trust", trust, { recursive: true });
  // The same real workbook saved as Excel 97–2003 and as OpenDocument (written here from the .xlsx).
  const book = XLSX.read(readFileSync(workbook), { cellDates: false, cellNF: true });
  writeFileSync(join(trust, "NMID 01 - April.xls"), XLSX.write(book, { bookType: "biff8", type: "buffer" }));
  writeFileSync(join(trust, "NMID 01 - April.ods"), XLSX.write(book, { bookType: "ods", type: "buffer" }));
  // A file a folder load cannot read, whose name says it is spend.
  writeFileSync(join(trust, "expenditure over 25k - March.pdf"), "%PDF-1.4\n");
  load = runCli(["load", trust, "--warehouse", warehouse]);
  await withWarehouse(warehouse, "read", async (w) => {
    files = await w.all<FileLine>(`SELECT path, rows_read, rows_loaded, rows_quarantined, (amount_loaded * 100)::BIGINT::VARCHAR AS pence, first_date::VARCHAR AS first_date, reading FROM source_files WHERE kind = 'spend'`);
    quarantine = await w.all(`SELECT path, row_number, code, reason FROM quarantine ORDER BY path, row_number`);
  });
}, 120_000);
afterAll(() => folder.cleanup());

describe("real-file failures of issue 14, fixed", () => {
  it("a folder load lists the file it cannot read and exits 1, loading the rest", () => {
    expect(load.status).toBe(1);
    expect(load.stderr).toMatch(/expenditure over 25k - March\.pdf: looks like spend but is not a format anchor-spend reads/);
    expect(files).toHaveLength(6);
  });

  it("matches headings outside the synonym table by meaning, with typos, and says how", () => {
    // 49,521.52 + 369,136.00 + 46,859.89 + 83,207.21 + 85,072.93 + 75,000.00
    expect(file("headings-by-meaning.csv")).toMatchObject({ rows_read: 6, rows_loaded: 6, pence: "70879755", first_date: "2020-04-30" });
    expect(file("headings-by-meaning.csv").reading).toContain('"Date of payment" → date (by a word)');
    expect(file("headings-by-meaning.csv").reading).toContain('"Suppklier" → supplier (a typo)');
    expect(file("headings-by-meaning.csv").reading).toContain('"Amount in Sterling £" → amount (by a word)');
  });

  it("takes a column of dates under an unknown heading (Data) as the date, by its values", () => {
    // 90,069.67 + 47,000.00 + 42,074.54 − 35,062.12 + 226,842.00 + 97,790.54
    expect(file("heading-by-values.csv")).toMatchObject({ rows_loaded: 6, pence: "46871463", first_date: "2020-05-31" });
    expect(file("heading-by-values.csv").reading).toContain('"Data" → date (by its values)');
    expect(file("heading-by-values.csv").reading).toContain('"Invoice Nett Amount" → amount');
  });

  it("quarantines Sum: and sub-total lines as not spend: totals", () => {
    // 28,990.27 + 95,358.81 + 44,210.08 + 37,538.53 + 240,272.70 + 48,054.54
    expect(file("totals-lines.csv")).toMatchObject({ rows_read: 8, rows_loaded: 6, rows_quarantined: 2, pence: "49442493" });
    const totals = quarantine.filter((q) => q.path.endsWith("totals-lines.csv"));
    expect(totals.map((q) => [q.row_number, q.code])).toEqual([[8, "not-spend-totals"], [9, "not-spend-totals"]]);
    expect(totals[0]!.reason).toMatch(/^not spend: totals/);
  });

  it("quarantines rows whose columns look shifted, saying so, and loads the rest", () => {
    // 30,899.04 + 30,899.04 + 38,156.52 + 31,429.00 + 54,170.88 + 48,351.57
    expect(file("shifted-columns.csv")).toMatchObject({ rows_read: 8, rows_loaded: 6, rows_quarantined: 2, pence: "23390605" });
    const shifted = quarantine.filter((q) => q.path.endsWith("shifted-columns.csv"));
    expect(shifted.map((q) => [q.row_number, q.code])).toEqual([[5, "columns-shifted"], [6, "columns-shifted"]]);
    expect(shifted.every((q) => /columns look shifted/.test(q.reason))).toBe(true);
    expect(shifted[1]!.reason).toContain('"32339638" is only digits');
  });

  it("reads the same workbook saved as .xls and as .ods as the .xlsx reads", async () => {
    let rows = 0;
    let pence = 0;
    for (const { data } of await readXlsxFile(workbook)) {
      const header = (data as unknown[][]).findIndex((row) => row.includes("Amount"));
      if (header < 0) continue;
      const amount = (data as unknown[][])[header]!.indexOf("Amount");
      for (const row of (data as unknown[][]).slice(header + 1).filter((cells) => cells.some((cell) => cell !== null && cell !== ""))) {
        rows++;
        pence += Math.round(Number(row[amount]) * 100);
      }
    }
    for (const name of ["NMID 01 - April.xls", "NMID 01 - April.ods"]) {
      expect(file(name)).toMatchObject({ rows_read: rows, rows_loaded: rows, pence: String(pence), first_date: "2020-04-01" });
    }
  });
});
