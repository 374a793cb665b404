import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { describeRequired, type FieldSpec } from "../schema/column-synonyms.js";
import { detectHeader } from "../schema/detect-header.js";
import { writeQuarantine, type QuarantineEntry } from "../quarantine.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";
import type { LoadOutcome } from "../load-outcome.js";
import type { Parsed } from "./parse-social-value-cells.js";
import { readAllRows, type TableSource } from "../files/read-table.js";
import { readWorkbookSheets } from "../files/read-workbook.js";

/** A social value table as read: its rows, and the workbook sheet they come from (null for CSV). */
/** A social value table's loader: the table's rows into the warehouse, for the institution whose folder held it (null: shared). */
export type SocialValueTableLoader = (warehouse: Warehouse, sheetTable: SheetTable, path: string, fileId: number, institutionId: string | null) => Promise<LoadOutcome>;

export interface SheetTable {
  rows: string[][];
  sheet: string | null;
}

/**
 * Reads a small table file whole: a CSV file, or the first sheet of a workbook whose top rows hold the
 * table's heading row (so that notes or lookups on other sheets neither mix in nor shift row numbers).
 */
export async function readSheetTable(source: TableSource, fields: readonly FieldSpec[]): Promise<SheetTable> {
  if (source.format === "csv") return { rows: await readAllRows(source), sheet: null };
  const sheets = await readWorkbookSheets(source.path);
  const found = sheets.find(({ rows }) => detectHeader(rows, fields)) ?? sheets[0];
  return { rows: found?.rows ?? [], sheet: found?.sheet ?? null };
}

/** One data row of a table as a loader sees it: its cells by field, and a place to note what is wrong. */
export interface TableRow {
  /** 1-based, as a spreadsheet shows it (title lines and the heading row count). */
  rowNumber: number;
  /** The cell of a field, trimmed; "" when the field's column is absent or the cell blank. */
  text(field: string): string;
  /** The heading as written in the file, for quarantine entries. */
  heading(field: string): string;
  /** Notes a bad cell: the row will be quarantined with every problem found in it. */
  problem(field: string | null, rawValue: string | null, code: ProblemCode, reason: string): void;
  /** Whether any problem has been noted in this row so far. */
  hasProblems(): boolean;
  /** A parsed cell's value, or undefined after noting its problem. */
  parsed<T>(field: string, result: Parsed<T>): T | undefined;
}

export interface TableRows<T> {
  accepted: T[];
  quarantined: QuarantineEntry[];
  rowsRead: number;
  rowsQuarantined: number;
}

/**
 * Reads every data row below a table's heading row through `visit`, which returns what to load or null.
 * A row with any problem noted (all of its bad cells, not just the first) goes to quarantine instead;
 * blank lines are not rows. A file with no heading row is refused, naming what it needs.
 */
export function readTableRows<T>(
  { rows }: SheetTable,
  fields: readonly FieldSpec[],
  path: string,
  what: string,
  visit: (row: TableRow) => T | null,
): TableRows<T> {
  const header = detectHeader(rows, fields);
  if (!header) throw new InputError(`no ${what} heading row found in the first 30 rows (needs ${describeRequired(fields)})`, { file: path });
  const headings = rows[header.headerIndex]!;
  const result: TableRows<T> = { accepted: [], quarantined: [], rowsRead: 0, rowsQuarantined: 0 };
  for (let index = header.headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell.trim() === "")) continue;
    result.rowsRead++;
    const problems: QuarantineEntry[] = [];
    const row: TableRow = {
      rowNumber: index + 1,
      text: (field) => {
        const column = header.columns[field];
        return column === undefined ? "" : (cells[column] ?? "").trim();
      },
      heading: (field) => {
        const column = header.columns[field];
        return column === undefined ? field : (headings[column] ?? field);
      },
      problem: (field, rawValue, code, reason) => {
        problems.push({ row: index + 1, column: field === null ? null : row.heading(field), rawValue, code, reason });
      },
      hasProblems: () => problems.length > 0,
      parsed: (field, parsed) => {
        if (parsed.ok) return parsed.value;
        row.problem(field, row.text(field), parsed.code, parsed.reason);
        return undefined;
      },
    };
    const value = visit(row);
    if (problems.length > 0 || value === null) {
      if (problems.length === 0) problems.push({ row: index + 1, column: null, rawValue: null, code: "not-a-row", reason: `not a ${what} row` });
      result.quarantined.push(...problems);
      result.rowsQuarantined++;
    } else {
      result.accepted.push(value);
    }
  }
  return result;
}

/**
 * Inserts rows in one statement: the rows travel as one JSON parameter and DuckDB casts each field to the
 * column's type (`columns`: name → DuckDB type, e.g. {"period_start": "DATE"}).
 */
export async function insertRows(
  warehouse: Warehouse,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns).join(", ");
  const type = JSON.stringify([columns]).replaceAll("'", "''");
  await warehouse.run(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM (SELECT unnest(from_json(?, '${type}'), recursive := true))`,
    [JSON.stringify(rows)],
  );
}

/** Writes a table's quarantined rows (with the workbook sheet, when there is one) inside the file's transaction. */
export async function writeTableQuarantine(warehouse: Warehouse, fileId: number, path: string, table: SheetTable, entries: readonly QuarantineEntry[]): Promise<void> {
  await writeQuarantine(warehouse, fileId, path, entries, table.sheet);
}

/** Institution ids that are loaded: a row naming another is quarantined (its institution.json must load first). */
export async function loadedInstitutions(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.all<{ institution_id: string }>("SELECT institution_id FROM institutions");
  return new Set(rows.map((row) => row.institution_id));
}
