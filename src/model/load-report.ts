import { formatTable } from "../core/format-table.js";
import { problemTitle } from "../core/problem-codes.js";
import type { Warehouse } from "../warehouse/warehouse.js";

/** One file's line in the load report (`anchor-spend report --json`). */
export interface LoadReportLine {
  path: string;
  sha256: string;
  kind: string;
  institution: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** The file's total in pounds as an exact decimal ("199999999999980.01"): a JSON number would pass through a double. */
  amountLoaded: string | null;
  firstDate: string | null;
  lastDate: string | null;
  loadedAt: string;
  /** Net or gross of VAT, from the amount heading or the institution's mapping file; "not stated" otherwise. */
  vatBasis: string | null;
  sheets: string[] | null;
  /** The later file that re-issued this one: no figure counts a superseded file. */
  supersededBy: string | null;
  /** How a spend file was read: each table's heading mapping, its date column's order and why. */
  reading: string | null;
  reconciles: boolean;
  /**
   * Payees of the file's loaded lines whose names look like private individuals' (src/core/individual-name.ts): a
   * data-quality finding (a published file should withhold them); a count only, never their names. 0 for other kinds.
   */
  individualPayees: number;
}

export async function loadReport(warehouse: Warehouse): Promise<LoadReportLine[]> {
  const rows = await warehouse.all<Record<string, string | number | string[] | null>>(
    `SELECT f.path, f.sha256, f.kind, f.institution_id, f.rows_read, f.rows_loaded, f.rows_quarantined,
            f.amount_loaded::VARCHAR AS amount_loaded, f.first_date, f.last_date,
            strftime(f.loaded_at, '%Y-%m-%dT%H:%M:%SZ') AS loaded_at, f.vat_basis, f.sheets, later.path AS superseded_by, f.reading,
            coalesce(individuals.payees, 0) AS individual_payees
     FROM source_files f LEFT JOIN source_files later ON later.file_id = f.superseded_by
     LEFT JOIN (SELECT sp.file_id, count(DISTINCT sp.supplier_id) AS payees FROM spend sp JOIN suppliers s USING (supplier_id)
                WHERE NOT s.is_redacted AND looks_like_individual(s.name) GROUP BY sp.file_id) individuals ON individuals.file_id = f.file_id
     ORDER BY f.file_id`,
  );
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return rows.map((row) => ({
    path: String(row.path),
    sha256: String(row.sha256),
    kind: String(row.kind),
    institution: row.institution_id === null ? null : String(row.institution_id),
    rowsRead: Number(row.rows_read),
    rowsLoaded: Number(row.rows_loaded),
    rowsQuarantined: Number(row.rows_quarantined),
    amountLoaded: text(row.amount_loaded),
    firstDate: row.first_date === null ? null : String(row.first_date),
    lastDate: row.last_date === null ? null : String(row.last_date),
    loadedAt: String(row.loaded_at),
    vatBasis: text(row.vat_basis),
    sheets: (row.sheets as unknown as string[] | null) ?? null,
    supersededBy: text(row.superseded_by),
    reading: text(row.reading),
    reconciles: Number(row.rows_read) === Number(row.rows_loaded) + Number(row.rows_quarantined),
    individualPayees: Number(row.individual_payees),
  }));
}

/**
 * Quarantined rows grouped by file, column and problem code, for the data quality page: each group's reason
 * is its code's title, so no raw cell value (a quarantine message may quote one) is ever published.
 */
export async function quarantineByReason(warehouse: Warehouse): Promise<{ path: string; column: string | null; code: string; reason: string; rows: number }[]> {
  const rows = await warehouse.all<{ path: string; column_name: string | null; code: string; rows: number }>(
    `SELECT path, column_name, code, count(DISTINCT (sheet, row_number)) AS rows
     FROM quarantine GROUP BY ALL ORDER BY path, rows DESC, code, column_name`,
  );
  return rows.map((row) => ({ path: row.path, column: row.column_name, code: row.code, reason: problemTitle(row.code), rows: Number(row.rows) }));
}

/** Pounds with separators, formatted from the decimal text itself: Intl reads a string as an exact decimal (never through a double; the cast is for lib typings that only know numbers). */
const exactPounds = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The load report as a fixed-width table for the terminal. */
export function formatLoadReport(lines: readonly LoadReportLine[]): string {
  if (lines.length === 0) return "(the warehouse holds no loaded file yet)";
  return formatTable(
    ["file", "kind", "read", "loaded", "quarantined", "amount loaded (£)", "reconciles", "note"],
    lines.map((line) => [
      line.path, line.kind, String(line.rowsRead), String(line.rowsLoaded), String(line.rowsQuarantined),
      line.amountLoaded === null ? "" : exactPounds.format(line.amountLoaded as unknown as number),
      line.reconciles ? "yes" : "NO",
      line.supersededBy ? `superseded by ${line.supersededBy}` : "",
    ]),
    [2, 3, 4, 5],
  );
}

/** One quarantined row as an analyst reads it: where it is, the raw value, and why (internal: raw values may be personal data). */
export interface QuarantinedRow {
  path: string;
  sheet: string | null;
  row: number;
  column: string | null;
  rawValue: string | null;
  code: string;
  reason: string;
}

/**
 * Every quarantined row, file by file and row by row, at most `limit` of them, and how many there are in all: for
 * the analysts' build only (`build --level internal`). The published site carries quarantineByReason's counts.
 */
export async function quarantinedRows(warehouse: Warehouse, limit: number): Promise<{ total: number; rows: QuarantinedRow[] }> {
  const { total } = await warehouse.one<{ total: number }>("SELECT count(*)::INTEGER AS total FROM quarantine");
  const rows = await warehouse.all<{ path: string; sheet: string | null; row_number: number; column_name: string | null; raw_value: string | null; code: string | null; reason: string }>(
    `SELECT path, sheet, row_number, column_name, raw_value, code, reason FROM quarantine
     ORDER BY file_id, sheet NULLS FIRST, row_number, column_name NULLS FIRST LIMIT ?`,
    [limit],
  );
  return {
    total: Number(total),
    rows: rows.map((r) => ({ path: r.path, sheet: r.sheet, row: Number(r.row_number), column: r.column_name, rawValue: r.raw_value, code: r.code ?? "unclassified", reason: r.reason })),
  };
}
