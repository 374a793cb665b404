// Loads every real published spend file in test/fixtures/spend-real (copies of shared/reference/spend,
// see its README; the raw NHS files in nhs-raw/ have their own test, load-nhs-raw.test.ts, and the cuts in
// issue-14/ theirs, period-totals.test.ts) and checks each file's report against counts and sums computed here: CSVs with papaparse
// and plain arithmetic, workbooks with read-excel-file's raw cell values — never through loader code.
import Papa from "papaparse";
import readXlsxFile from "read-excel-file/node";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/spend-real";
const AMOUNT_HEADINGS = ["Amount", "Net Amount"];

/**
 * Folders of spend-real that other tests check: nhs-raw is loaded here too (no month of any body may be superseded
 * by another's), issue-14 not (its cut of Epsom's July is, rightly, a re-issue of nhs-raw's July).
 */
const CHECKED_ELSEWHERE = ["nhs-raw", "issue-14"];
const LOADED_HERE = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== "issue-14").map((entry) => join(fixtures, entry.name));
const checkedHere = (path: string) => !CHECKED_ELSEWHERE.some((folder) => path.startsWith(folder) || path.includes(`/${folder}/`));

/** Pence of a published amount as these files print it: 1234.56, or (1,234.56) for a credit. */
function pence(text: string): number {
  const negative = /^\(.*\)$/.test(text.trim());
  const value = Number(text.replace(/[(),\s]/g, ""));
  if (Number.isNaN(value)) throw new Error(`fixture amount ${text} unexpected`);
  return Math.round(value * 100) * (negative ? -1 : 1);
}

interface Expected { rows: number; pence: number }

async function expectedFor(path: string): Promise<Expected> {
  if (path.endsWith(".xlsx")) {
    const data = ((await readXlsxFile(path))[0]?.data ?? []) as unknown[][];
    const headerIndex = data.findIndex((row) => row.includes("Amount"));
    const amountColumn = data[headerIndex]!.indexOf("Amount");
    const lines = data.slice(headerIndex + 1).filter((row) => row.some((cell) => cell !== null && cell !== ""));
    return { rows: lines.length, pence: lines.reduce((sum, row) => sum + Math.round(Number(row[amountColumn]) * 100), 0) };
  }
  const { data, meta } = Papa.parse<Record<string, string>>(readFileSync(path, "utf-8"), { header: true, skipEmptyLines: true });
  const amountHeading = AMOUNT_HEADINGS.find((heading) => meta.fields!.includes(heading))!;
  return { rows: data.length, pence: data.reduce((sum, row) => sum + pence(row[amountHeading]!), 0) };
}

describe("real published spend files", () => {
  const folder = tempFolder();
  const warehouse = join(folder.path, "w.duckdb");
  let report: { path: string; kind: string; rowsRead: number; rowsLoaded: number; rowsQuarantined: number; amountLoaded: string; supersededBy: string | null; reconciles: boolean }[];

  beforeAll(() => {
    const load = runCli(["load", ...LOADED_HERE, "--warehouse", warehouse]);
    if (load.status !== 0) throw new Error(load.stderr);
    report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout);
  });
  afterAll(() => folder.cleanup());

  const files = readdirSync(fixtures, { recursive: true, encoding: "utf-8" })
    .filter((file) => /\.(csv|xlsx)$/.test(file) && checkedHere(file))
    .sort();

  it("finds all 31 files of the reference set (7 Cabinet Office, 13 GLA, 3 Bradford, 2 Manchester, 6 Barts)", () => {
    expect(files).toHaveLength(31);
    expect(report.filter((line) => line.kind === "spend" && checkedHere(line.path))).toHaveLength(files.length);
  });

  it.each(files)("%s loads every row, with the file's own total", async (file) => {
    const expected = await expectedFor(join(fixtures, file));
    const line = report.find((entry) => entry.path === join(fixtures, file))!;
    expect(line.reconciles).toBe(true);
    expect({ read: line.rowsRead, loaded: line.rowsLoaded, quarantined: line.rowsQuarantined }).toEqual({ read: expected.rows, loaded: expected.rows, quarantined: 0 });
    expect(Number(line.amountLoaded.replace(".", ""))).toBe(expected.pence);
  });

  it("treats no file as a re-issue of another (four-weekly GLA periods share calendar months)", () => {
    expect(report.filter((line) => line.supersededBy !== null)).toEqual([]);
  });
});
