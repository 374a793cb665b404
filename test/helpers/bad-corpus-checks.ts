// Checks one bad-input case's load against what its generator said (scripts/generate-bad-corpus.ts). Every
// figure compared here is read back from the warehouse or computed from the generator's clean values; the
// loader's own parsers are never called.
import { basename } from "node:path";
import { expect } from "vitest";
import type { FileResult } from "../../loaders/load-inputs.js";
import type { BadCase, ExpectedRow } from "../../scripts/generate-bad-corpus.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { changedTables } from "./warehouse-state.js";

/** A refusal message longer than this is not one an analyst can read. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** Characters a message must not hold: control characters (ESC, NUL, C1…) and invisible formatting (BOM, bidi overrides). */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\uFEFF]/u;

/** Raw internals passed through instead of words for the analyst: JavaScript and DuckDB error classes, errno codes, SQL. */
const INTERNALS = /\b(TypeError|RangeError|SyntaxError|Maximum call stack|Conversion Error|Invalid Input Error|TransactionContext Error|Catalog Error|Binder Error|Parser Error|INTERNAL Error|EISDIR|ENOENT|EACCES|EPERM|ENOSPC|EROFS|EFBIG|ENOTDIR|LINE \d+:)/;

export interface CaseLoad {
  result: FileResult;
  before: Record<string, string>;
  after: Record<string, string>;
  milliseconds: number;
}

/** What a checked case adds to the figures. */
export interface CaseFigures { rowsRead: number; rowsLoaded: number; rowsQuarantined: number; pence: bigint }

const keyOf = (sheet: string | null, row: number) => `${sheet ?? ""}\u0000${row}`;
const describeKey = (key: string) => key.replace("\u0000", ":").replace(/^:/, "row ");

/** A refusal names the file, says what was wrong in words, and is short and printable. */
export function checkRefusalMessage(badCase: BadCase, message: string, messageIncludes: readonly string[]): void {
  const names = [basename(badCase.target), "institution.json", "mapping.json"];
  expect(names.some((name) => message.includes(name)), `the refusal names the file: ${message.slice(0, 300)}`).toBe(true);
  for (const words of messageIncludes) expect(message.toLowerCase(), "the refusal says what was wrong").toContain(words.toLowerCase());
  expect(message.length, `the refusal is short enough to read: ${message.slice(0, 200)}…`).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  expect(UNPRINTABLE.exec(message)?.[0], `the refusal holds no control or invisible characters: ${JSON.stringify(message.slice(0, 300))}`).toBeUndefined();
  expect(INTERNALS.exec(message)?.[0], `the refusal is in words, not internals: ${message.slice(0, 300)}`).toBeUndefined();
  for (const secret of badCase.messageMustNotInclude ?? []) expect(message, "the refusal quotes nothing it had no business reading").not.toContain(secret);
}

/** A refused file leaves every table's content as it was. */
export function checkUnchanged(load: CaseLoad): void {
  expect(changedTables(load.before, load.after), "tables changed by a refused file").toEqual([]);
}

interface FileRow { file_id: number; sha256: string; rows_read: number; rows_loaded: number; rows_quarantined: number; amount_pence: string | null }
interface SpendRow { file_id: number; sheet: string | null; row_number: number; pence: string; date: string; name: string | null; expense_type: string | null }
interface QuarantineRow { file_id: number; sheet: string | null; row_number: number; column_name: string | null; reason: string }

/** Every file's report line, spend row and quarantine entry, read once (one query each, not three a case). */
export interface WarehouseRows {
  files: Map<string, FileRow>;
  spend: Map<number, SpendRow[]>;
  quarantine: Map<number, QuarantineRow[]>;
}

function byFile<T extends { file_id: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(Number(row.file_id));
    if (list) list.push(row);
    else grouped.set(Number(row.file_id), [row]);
  }
  return grouped;
}

export async function readWarehouseRows(warehouse: Warehouse): Promise<WarehouseRows> {
  const files = await warehouse.all<FileRow & Record<string, unknown>>(
    "SELECT file_id, sha256, rows_read, rows_loaded, rows_quarantined, (amount_loaded::DECIMAL(38,2) * 100)::HUGEINT::VARCHAR AS amount_pence FROM source_files");
  const spend = await warehouse.all<SpendRow & Record<string, unknown>>(
    `SELECT s.file_id, s.sheet, s.row_number, (s.amount::DECIMAL(38,2) * 100)::HUGEINT::VARCHAR AS pence, s.payment_date::VARCHAR AS date,
            -- a 10 MB name is compared by its length and ends, not carried whole into every row
            CASE WHEN length(p.name) > 100000 THEN 'long:' || length(p.name) ELSE p.name END AS name, s.expense_type
     FROM spend s LEFT JOIN suppliers p USING (supplier_id)`);
  const quarantine = await warehouse.all<QuarantineRow & Record<string, unknown>>(
    `SELECT file_id, sheet, row_number, column_name,
            CASE WHEN length(reason) > 2000 THEN left(reason, 1000) || ' … ' || right(reason, 1000) ELSE reason END AS reason
     FROM quarantine`);
  return { files: new Map(files.map((file) => [file.sha256, file])), spend: byFile(spend), quarantine: byFile(quarantine) };
}

function fileRow(rows: WarehouseRows, sha256: string): FileRow {
  const file = rows.files.get(sha256);
  if (!file) throw new Error(`no source_files row for ${sha256}`);
  return file;
}

/**
 * A loaded spend file: every row read is loaded or quarantined, once; the report's counts and total equal the
 * warehouse's rows; loaded + quarantined amounts equal the file's amounts; and each row is where the
 * generator says, with its amount, date, supplier and reasons.
 */
export function checkSpendLoad(rows: WarehouseRows, load: CaseLoad, expected: readonly ExpectedRow[]): CaseFigures {
  const { result } = load;
  if (result.status !== "loaded") throw new Error("not loaded");
  const file = fileRow(rows, result.sha256);
  const spend = rows.spend.get(Number(file.file_id)) ?? [];
  const quarantine = rows.quarantine.get(Number(file.file_id)) ?? [];

  // The report reconciles, and says what the warehouse holds.
  const { outcome } = result;
  expect(outcome.rowsRead, "report: read = loaded + quarantined").toBe(outcome.rowsLoaded + outcome.rowsQuarantined);
  expect([file.rows_read, file.rows_loaded, file.rows_quarantined], "source_files agrees with the report").toEqual([outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined]);
  const loadedKeys = new Set(spend.map((row) => keyOf(row.sheet, Number(row.row_number))));
  const quarantinedKeys = new Set(quarantine.map((row) => keyOf(row.sheet, Number(row.row_number))));
  expect(loadedKeys.size, "no row loaded twice").toBe(spend.length);
  expect([...loadedKeys].filter((key) => quarantinedKeys.has(key)).map(describeKey), "no row both loaded and quarantined").toEqual([]);
  expect([loadedKeys.size, quarantinedKeys.size], "the warehouse holds the rows the report counts").toEqual([outcome.rowsLoaded, outcome.rowsQuarantined]);
  const loadedPence = spend.reduce((sum, row) => sum + BigInt(row.pence), 0n);
  expect(String(outcome.amountLoadedPence), "the report's total is the sum of the loaded lines").toBe(String(loadedPence));
  expect(file.amount_pence, "source_files' total is the sum of the loaded lines").toBe(String(loadedPence));

  // Nothing lost, nothing invented: the rows read are the file's rows, and the amounts add up.
  const byKey = new Map(expected.map((row) => [keyOf(row.sheet, row.row), row]));
  const invented = [...loadedKeys, ...quarantinedKeys].filter((key) => !byKey.has(key));
  expect(invented.slice(0, 20).map(describeKey), "rows the file does not have").toEqual([]);
  const lost = [...byKey.keys()].filter((key) => !loadedKeys.has(key) && !quarantinedKeys.has(key));
  expect(lost.slice(0, 20).map(describeKey), `rows of the file neither loaded nor quarantined (${lost.length})`).toEqual([]);
  const filePence = expected.reduce((sum, row) => sum + BigInt(row.pence ?? 0), 0n);
  const quarantinedPence = [...quarantinedKeys].reduce((sum, key) => sum + BigInt(byKey.get(key)?.pence ?? 0), 0n);
  expect(String(loadedPence + quarantinedPence), "amounts loaded + amounts of quarantined rows = amounts in the file").toBe(String(filePence));

  // Each row where the generator says it goes.
  const wrongFate = expected.filter((row) => row.loaded !== loadedKeys.has(keyOf(row.sheet, row.row)));
  expect(wrongFate.slice(0, 20).map((row) => `${describeKey(keyOf(row.sheet, row.row))} should be ${row.loaded ? "loaded" : "quarantined"}`), "rows with the wrong fate").toEqual([]);
  const stored = new Map(spend.map((row) => [keyOf(row.sheet, Number(row.row_number)), row]));
  const wrongValues: string[] = [];
  for (const row of expected.filter((r) => r.loaded)) {
    const line = stored.get(keyOf(row.sheet, row.row))!;
    const where = describeKey(keyOf(row.sheet, row.row));
    if (line.pence !== String(row.pence)) wrongValues.push(`${where}: amount ${line.pence}p, expected ${row.pence}p`);
    if (row.date && line.date !== row.date) wrongValues.push(`${where}: payment date ${line.date}, expected ${row.date}`);
    if (row.supplier !== undefined && line.name !== row.supplier) wrongValues.push(`${where}: supplier stored as ${JSON.stringify(line.name)}, written ${JSON.stringify(row.supplier)}`);
    if (row.expenseType !== undefined && line.expense_type !== row.expenseType) wrongValues.push(`${where}: expense type stored as ${JSON.stringify(line.expense_type)}, written ${JSON.stringify(row.expenseType)}`);
  }
  expect(wrongValues.slice(0, 20), "loaded rows whose values differ from what the file says").toEqual([]);
  const entriesByKey = new Map<string, typeof quarantine>();
  for (const q of quarantine) {
    const key = keyOf(q.sheet, Number(q.row_number));
    entriesByKey.set(key, [...(entriesByKey.get(key) ?? []), q]);
  }
  const missingReasons: string[] = [];
  for (const row of expected.filter((r) => !r.loaded)) {
    const entries = entriesByKey.get(keyOf(row.sheet, row.row)) ?? [];
    for (const reason of row.reasons ?? []) {
      if (!entries.some((q) => q.column_name === reason.column && q.reason.includes(reason.includes))) {
        missingReasons.push(`${describeKey(keyOf(row.sheet, row.row))}: no "${reason.includes}" reason on ${reason.column ?? "the row"} (found ${JSON.stringify(entries.map((q) => [q.column_name, q.reason.slice(0, 80)]))})`);
      }
    }
  }
  expect(missingReasons.slice(0, 20), "quarantined rows without the reason the generator expects").toEqual([]);
  return { rowsRead: outcome.rowsRead, rowsLoaded: outcome.rowsLoaded, rowsQuarantined: outcome.rowsQuarantined, pence: filePence };
}

/** A loaded register, directory, definitions file or institution: counts as the generator says, reasons on the right rows. */
export function checkCountsLoad(
  rows: WarehouseRows,
  load: CaseLoad,
  expected: { counts: { read: number; loaded: number; quarantined: number }; quarantine: readonly { row: number; column: string | null; includes: string }[] },
): CaseFigures {
  const { result } = load;
  if (result.status !== "loaded") throw new Error("not loaded");
  const { outcome } = result;
  const file = fileRow(rows, result.sha256);
  expect(outcome.rowsRead, "report: read = loaded + quarantined").toBe(outcome.rowsLoaded + outcome.rowsQuarantined);
  expect([outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined]).toEqual([expected.counts.read, expected.counts.loaded, expected.counts.quarantined]);
  expect([file.rows_read, file.rows_loaded, file.rows_quarantined], "source_files agrees with the report").toEqual([outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined]);
  const quarantine = rows.quarantine.get(Number(file.file_id)) ?? [];
  expect(new Set(quarantine.map((q) => Number(q.row_number))).size, "quarantined rows in the warehouse").toBe(outcome.rowsQuarantined);
  for (const want of expected.quarantine) {
    const found = quarantine.some((q) => Number(q.row_number) === want.row && q.column_name === want.column && q.reason.includes(want.includes));
    expect(found, `row ${want.row}: a "${want.includes}" reason on ${want.column ?? "the row"} (found ${JSON.stringify(quarantine.map((q) => [Number(q.row_number), q.column_name, q.reason.slice(0, 60)]))})`).toBe(true);
  }
  return { rowsRead: outcome.rowsRead, rowsLoaded: outcome.rowsLoaded, rowsQuarantined: outcome.rowsQuarantined, pence: 0n };
}

/** Text that must be nowhere in the warehouse: searched in every text column of every table. */
export async function checkNowhere(warehouse: Warehouse, texts: readonly string[]): Promise<void> {
  if (texts.length === 0) return;
  const columns = await warehouse.all<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
     WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND c.data_type IN ('VARCHAR', 'VARCHAR[]')`,
  );
  for (const text of texts) {
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const { n } = await warehouse.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${table_name}" WHERE contains("${column_name}"::VARCHAR, ?)`, [text]);
      if (Number(n) > 0) found.push(`${table_name}.${column_name}`);
    }
    expect(found, `"${text}" is kept nowhere`).toEqual([]);
  }
}
