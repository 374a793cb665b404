// Loads the raw NHS "expenditure over £25,000" files in test/fixtures/spend-real/nhs-raw (copies of
// shared/reference/spend/nhs-raw, exactly as published; see the README there) with no mapping.json, and
// checks each file's rows, pounds and first and last dates against a reading made here, independently of the
// loader: CSVs by DuckDB's read_csv with the date format, supplier and amount columns chosen by hand for each
// publisher (and each file, where a publisher changed its date order), workbooks by read-excel-file.
import { DuckDBInstance } from "@duckdb/node-api";
import readXlsxFile from "read-excel-file/node";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/spend-real/nhs-raw";
const US = "%m/%d/%Y";
const UK = "%d/%m/%Y";
const DAY_MONTH_YY = "%d-%b-%y";

/** The date formats each publisher's files are written in, read off the files by eye (see the README). */
function dateFormats(body: string, file: string): string[] {
  const month = Number(/ (\d\d) - /.exec(file)![1]);
  switch (body) {
    case "EPSH": return [US];
    case "KICO": return [DAY_MONTH_YY, UK];
    case "LEGR": return [UK];
    case "NCL": return [1, 3, 4, 8, 9, 11, 12].includes(month) ? [US] : [UK];
    case "NEBD": return month <= 3 ? [UK] : [US];
    case "NWBR": return [DAY_MONTH_YY, UK];
    default: throw new Error(`no date formats for ${body}`);
  }
}
const SUPPLIER_HEADINGS = ["Supplier", "Supplier Name", "Suppklier"];
const AMOUNT_HEADINGS = ["amount", "Amount"];

interface Expected { read: number; loaded: number; pence: bigint; first: string | null; last: string | null }

const files = readdirSync(fixtures, { recursive: true, encoding: "utf-8" }).filter((file) => /\.(csv|xlsx)$/.test(file)).sort();

async function expectedCsv(path: string, body: string, file: string): Promise<Expected> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const source = `read_csv('${path.replaceAll("'", "''")}', header = true, all_varchar = true)`;
  const names = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjects().map((row) => String(row.column_name));
  const supplier = SUPPLIER_HEADINGS.find((name) => names.includes(name))!;
  const amount = AMOUNT_HEADINGS.find((name) => names.includes(name))!;
  const formats = `[${dateFormats(body, file).map((format) => `'${format}'`).join(", ")}]`;
  const result = await connection.runAndReadAll(`
    WITH lines AS (
      SELECT try_strptime(trim("Date"), ${formats})::DATE AS day, trim("${supplier}") AS supplier,
             try_cast(replace(trim("${amount}"), ',', '') AS DECIMAL(18, 2)) AS pounds
      FROM ${source} WHERE coalesce(concat_ws('', *COLUMNS(*)), '') <> ''
    ), good AS (SELECT * FROM lines WHERE day IS NOT NULL AND pounds IS NOT NULL AND supplier <> '' AND NOT regexp_full_match(supplier, '\\d+'))
    SELECT (SELECT count(*) FROM lines)::INTEGER AS read, count(*)::INTEGER AS loaded, (coalesce(sum(pounds), 0) * 100)::BIGINT::VARCHAR AS pence,
           min(day)::VARCHAR AS first, max(day)::VARCHAR AS last FROM good`);
  connection.closeSync();
  const row = result.getRowObjects()[0]!;
  return { read: Number(row.read), loaded: Number(row.loaded), pence: BigInt(String(row.pence)), first: row.first === null ? null : String(row.first), last: row.last === null ? null : String(row.last) };
}

async function expectedWorkbook(path: string): Promise<Expected> {
  const expected: Expected = { read: 0, loaded: 0, pence: 0n, first: null, last: null };
  for (const { data } of await readXlsxFile(path)) {
    const rows = data as unknown[][];
    const headerIndex = rows.findIndex((row) => row.includes("Supplier") && row.includes("Amount"));
    if (headerIndex < 0) continue;
    const [dateColumn, amountColumn, supplierColumn] = ["Date Paid", "Amount", "Supplier"].map((heading) => rows[headerIndex]!.indexOf(heading === "Date Paid" && !rows[headerIndex]!.includes("Date Paid") ? "Date" : heading));
    for (const row of rows.slice(headerIndex + 1).filter((cells) => cells.some((cell) => cell !== null && cell !== ""))) {
      expected.read++;
      const day = row[dateColumn!] instanceof Date ? (row[dateColumn!] as Date).toISOString().slice(0, 10) : null;
      const amount = row[amountColumn!];
      if (day === null || typeof amount !== "number" || String(row[supplierColumn!] ?? "").trim() === "") continue;
      expected.loaded++;
      expected.pence += BigInt(Math.round(amount * 100));
      if (expected.first === null || day < expected.first) expected.first = day;
      if (expected.last === null || day > expected.last) expected.last = day;
    }
  }
  return expected;
}

describe("raw NHS spend files, as published, with no mapping.json", () => {
  const folder = tempFolder();
  const warehouse = join(folder.path, "w.duckdb");
  let report: { path: string; kind: string; rowsRead: number; rowsLoaded: number; rowsQuarantined: number; amountLoaded: string; firstDate: string | null; lastDate: string | null; supersededBy: string | null; reading: string | null }[];
  let stderr = "";

  beforeAll(() => {
    const load = runCli(["load", fixtures, "--warehouse", warehouse]);
    stderr = load.stderr;
    if (load.status !== 0) throw new Error(load.stderr);
    report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout);
  }, 300_000);
  afterAll(() => folder.cleanup());

  it("finds all 76 files of the seven bodies and loads each", () => {
    expect(files).toHaveLength(76);
    expect(report.filter((line) => line.kind === "spend")).toHaveLength(76);
  });

  it.each(files)("%s: rows, pounds and first and last dates as read independently", async (file) => {
    const path = join(fixtures, file);
    const body = file.split("/")[0]!;
    const expected = file.endsWith(".xlsx") ? await expectedWorkbook(path) : await expectedCsv(path, body, file);
    const line = report.find((entry) => entry.path === path)!;
    expect({ read: line.rowsRead, loaded: line.rowsLoaded, quarantined: line.rowsQuarantined, first: line.firstDate, last: line.lastDate })
      .toEqual({ read: expected.read, loaded: expected.loaded, quarantined: expected.read - expected.loaded, first: expected.first, last: expected.last });
    expect(BigInt(Math.round(Number(line.amountLoaded) * 100))).toBe(expected.pence);
  });

  it("supersedes no month: consecutive months with invoices dated in each other's months are not re-issues", () => {
    expect(report.filter((line) => line.supersededBy !== null)).toEqual([]);
    expect(stderr).not.toContain("replaces");
    // King's College Hospital repeats 18 of September's 203 lines in October: reported, both counted.
    expect(stderr).toMatch(/note: 18 of 203 lines of .*KICO 06 - September\.csv appear again here/);
  });

  it("reports how each file was read: the heading mapping and the date order with its reason", () => {
    const reading = (name: string) => report.find((line) => line.path.endsWith(name))!.reading;
    expect(reading("NWBR 05 - August.pdf.csv")).toContain('"Suppklier" → supplier (a typo)');
    expect(reading("EPSH 04 - July.csv")).toMatch(/dates month first: \d+ distinct date\(s\) can only be read so \(e\.g\. "7\/\d\d\/2020"\)/);
    expect(reading("LEGR 01 - April.csv")).toMatch(/dates day first/);
    expect(reading("NCL 01 - April.pdf.csv")).toContain('"Transaction" → transaction_number (by a word)');
  });
});
