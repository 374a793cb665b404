import type { DuckDBAppender } from "@duckdb/node-api";
import { DuckDBDateValue } from "../../src/core/duckdb.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { epochDays, parseDate } from "../cells/parse-date.js";
import { decideDateOrder, type DateOrderChoice, type DateOrderContext } from "../cells/date-order.js";
import { SupplierKeys, isDigitsOnly, readSpendRow } from "./read-spend-row.js";
import { YES_TEXT } from "../cells/parse-flag.js";
import { REDACTED_SUPPLIER_NAME, type SpendWriter } from "./spend-writer.js";
import { REDACTED_SUPPLIER_ID } from "../schema/normalise-supplier-name.js";
import { STAGING_DATABASE, onOneThreadIfSmall, stageOtherCells, stagedTableParts, type StagedSpendCsv } from "./stage-spend-csv.js";
import { addStagedIdentifiers } from "./spend-identifiers.js";

const PAGE_ROWS = 50_000;

/** A staged cell (trimmed already), or '' for a column the file does not have. */
const cell = (column: number | undefined) => (column === undefined ? "''" : `c${column}`);

/** A staged spend CSV ready for its insert: its date column's order, and its distinct dates and names read (tables beside its lines). */
export interface PreparedSpendCsv extends StagedSpendCsv {
  dateOrder: DateOrderChoice;
  /** Each distinct date cell with its day in that order (null: not a date). */
  datesTable: string;
  /** Each distinct supplier cell with its supplier id and key, as the streaming loader keys it. */
  namesTable: string;
  /** Every cell of its lines, as a FROM clause (stageOtherCells), when some line is left to the row-by-row reader; null when SQL loads every line. */
  everyCell: string | null;
}

/** What SQL needs of a staged line's date (d), supplier name (n) and own cells (s) to load it. */
const DATE_SQL_READS = "d.day IS NOT NULL";
const NAME_SQL_READS = "n.name_key <> '' AND NOT n.digits_only";
const CELLS_SQL_READ = "s.amount_sql IS NOT NULL";

/**
 * The staged lines SQL loads (s: the line, d: its date, n: its supplier): a date read in the column's order, an
 * amount of a form SQL reads, and a supplier name with a key. Rows that may be shifted (a supplier of digits, an
 * amount like an identifier) are left to readSpendRow. The insert and the count before it (prepareStagedSpend) read it alike.
 */
function linesSqlLoads(staged: Omit<PreparedSpendCsv, "everyCell">): string {
  const { date, supplier } = staged.header.columns;
  return `FROM ${staged.table} s
       JOIN ${staged.datesTable} d ON d.text = ${cell(date)}
       JOIN ${staged.namesTable} n ON n.name = ${cell(supplier)}
     WHERE ${DATE_SQL_READS} AND ${NAME_SQL_READS} AND ${CELLS_SQL_READ}`;
}

/**
 * How many staged lines SQL loads (linesSqlLoads). Every line's date and name are among the distinct ones read
 * beside it: when SQL reads every one of those, the lines' own cells decide, counted without the joins (1M lines:
 * 10 ms against 40, measured 2026-12-02).
 */
async function countLinesSqlLoads(warehouse: Warehouse, staged: Omit<PreparedSpendCsv, "everyCell">): Promise<number> {
  const { unread, loaded } = await warehouse.one<{ unread: number; loaded: number }>(
    `SELECT ((SELECT count(*) FROM ${staged.datesTable} d WHERE NOT (${DATE_SQL_READS}))
             + (SELECT count(*) FROM ${staged.namesTable} n WHERE NOT (${NAME_SQL_READS})))::INTEGER AS unread,
            (SELECT count(*) FROM ${staged.table} s WHERE ${CELLS_SQL_READ})::INTEGER AS loaded`);
  if (unread === 0) return loaded;
  return (await warehouse.one<{ loaded: number }>(`SELECT count(*)::INTEGER AS loaded ${linesSqlLoads(staged)}`)).loaded;
}

/**
 * Every supplier name a run's staged files held, keyed as the streaming loader keys it (SupplierKeys: a pure function
 * of the name), in the staging database: a year's monthly files name mostly the same suppliers, and a file's names are
 * read into JavaScript and keyed only when new (12 monthly files of 83k lines and 5,000 suppliers: after the first
 * month, none). Two files made ready at once may both add a name (its rows are the same), or one may empty the table
 * past KEPT_KEYED_NAMES names: a file takes what it finds there first, then keys and adds what it did not find to its
 * own names too, so that its names are whole whatever the other does. Dropped as the run ends (forgetKeyedNames).
 */
const KEYED_NAMES = `${STAGING_DATABASE}.keyed_names`;
const KEPT_KEYED_NAMES = 100_000;
const NAME_COLUMNS = "name VARCHAR, supplier_id VARCHAR, name_key VARCHAR, is_redacted BOOLEAN, digits_only BOOLEAN";

/** Drops the names the run's staged files held (keyNewNames): nothing is left staged when a run ends. */
export async function forgetKeyedNames(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`DROP TABLE IF EXISTS ${KEYED_NAMES}`);
}

/**
 * `namesTable`: each distinct supplier cell of a staged file's lines, once, with its supplier id, key, whether it is a
 * redacted payee and whether it is digits only: those keyed before from KEYED_NAMES, the others keyed here (and kept;
 * the table emptied first when it would hold more than `keep`).
 */
export async function keyNewNames(warehouse: Warehouse, staged: StagedSpendCsv, namesTable: string, keep = KEPT_KEYED_NAMES): Promise<void> {
  const name = cell(staged.header.columns.supplier);
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${KEYED_NAMES} (${NAME_COLUMNS})`);
  // One pass over the lines: each distinct name with its keys where kept (a name kept twice taken once), none where new.
  await warehouse.run(
    `CREATE TABLE ${namesTable} AS SELECT DISTINCT ON (name) name, k.supplier_id, k.name_key, k.is_redacted, k.digits_only
     FROM (SELECT DISTINCT ${name} AS name FROM ${staged.table}) LEFT JOIN ${KEYED_NAMES} k USING (name)`);
  const names = await warehouse.all<{ name: string }>(`SELECT name FROM ${namesTable} WHERE supplier_id IS NULL`);
  if (names.length === 0) return;
  await warehouse.run(`DELETE FROM ${namesTable} WHERE supplier_id IS NULL`);
  const suppliers = new SupplierKeys();
  const fill = (appender: DuckDBAppender) => {
    for (const { name } of names) {
      const keyed = suppliers.of(name);
      appender.appendVarchar(name);
      appender.appendVarchar(keyed.supplierId);
      appender.appendVarchar(keyed.supplierKey);
      appender.appendBoolean(keyed.isRedacted);
      appender.appendBoolean(isDigitsOnly(name));
      appender.endRow();
    }
  };
  await warehouse.append(stagedTableParts(namesTable), fill);
  const { kept } = await warehouse.one<{ kept: number }>(`SELECT count(*)::INTEGER AS kept FROM ${KEYED_NAMES}`);
  if (kept + names.length > keep) await warehouse.run(`DELETE FROM ${KEYED_NAMES}`);
  await warehouse.append(stagedTableParts(KEYED_NAMES), fill);
}

/**
 * Makes a staged spend CSV ready for its insert, before the file's transaction (on the connection that staged it,
 * which may be the one beside another file's transaction): one order for the whole date column, from all its distinct values (and each with its line's month,
 * where a Month or period column gives one), as the streamed path decides it; each distinct date read in that
 * order, and each distinct supplier name keyed (keyNewNames), by the streaming loader's own functions; when SQL will not load every
 * line, the cells the staged table does not hold, for the row-by-row reader (stageOtherCells; null if they cannot be
 * read again as first read: the file is then streamed). The tables are dropped with its lines (dropStagedSpend).
 */
export async function prepareStagedSpend(warehouse: Warehouse, staged: StagedSpendCsv, dateContext: DateOrderContext): Promise<PreparedSpendCsv | null> {
  const { date } = staged.header.columns;
  const datesTable = `${staged.table}_dates`;
  const namesTable = `${staged.table}_names`;
  await warehouse.run(`CREATE TABLE ${datesTable} (text VARCHAR, day DATE)`);
  const dates = await warehouse.all<{ text: string }>(`SELECT DISTINCT ${cell(date)} AS text FROM ${staged.table}`);
  const { monthColumn } = staged;
  const rowMonths = monthColumn
    ? { column: monthColumn, pairs: (await warehouse.all<{ text: string; month: string }>(`SELECT DISTINCT ${cell(date)} AS text, ${cell(monthColumn.index)} AS month FROM ${staged.table}`)).map(({ text, month }) => [text, month] as const) }
    : null;
  const dateOrder = decideDateOrder(dates.map(({ text }) => text), { ...dateContext, ...(rowMonths ? { rowMonths } : {}) });
  await warehouse.append(stagedTableParts(datesTable), (appender) => {
    for (const { text } of dates) {
      const day = parseDate(text, dateOrder.order);
      appender.appendVarchar(text);
      if (day === null) appender.appendNull();
      else appender.appendDate(new DuckDBDateValue(epochDays(day)));
      appender.endRow();
    }
  });
  await keyNewNames(warehouse, staged, namesTable);
  const prepared = { ...staged, dateOrder, datesTable, namesTable };
  // Lines SQL will not load (a bad cell, a note, a blank line) are read row by row, from every cell of theirs.
  if ((await countLinesSqlLoads(warehouse, prepared)) === staged.records) return { ...prepared, everyCell: null };
  // (null: the cells could not be read again as they were read first; the caller streams the file)
  const everyCell = await stageOtherCells(warehouse, staged);
  return everyCell === null ? null : { ...prepared, everyCell };
}

/**
 * Loads a prepared spend CSV (see stage-spend-csv.ts, prepareStagedSpend) into the spend table inside the file's transaction.
 * Dates and supplier names are read by the same functions as the streaming loader, once per distinct value;
 * amounts of the common forms are parsed in SQL; every other row (a bad cell, a note, a total, an amount in
 * another form) is read by `readSpendRow` exactly as a streamed row would be, so the outcome — lines,
 * quarantine, reasons, row numbers — is the streaming loader's.
 */
export async function loadStagedSpend(
  warehouse: Warehouse, staged: PreparedSpendCsv, writer: SpendWriter, fileId: number, institutionId: string,
): Promise<void> {
  const { headerRow } = staged;
  const { supplier, expense_type, expense_area, transaction_number, period_total } = staged.header.columns;
  const suppliers = new SupplierKeys();
  const header = { ...staged.header, dateOrder: staged.dateOrder.order };

  // One pass over the staged lines, nothing materialised on the way: the lines whose date, amount and
  // supplier SQL can read go straight into the spend table. Under preserve_insertion_order, which anchor-spend
  // never turns off: the next file, staged beside this transaction, is numbered by it (and turning it off here
  // saved nothing measurable: 1M lines in one file loaded in 2.42–2.50 s against 2.38–2.60 s, 2026-12-02).
  await onOneThreadIfSmall(warehouse, staged.records, () => warehouse.run(
    `INSERT INTO spend (file_id, row_number, institution_id, payment_date, amount, supplier_id, expense_type, expense_area, transaction_number, is_redacted, sheet, is_period_total)
     SELECT $file, s.rowid + $offset, $institution, d.day, s.amount_sql, n.supplier_id, nullif(${cell(expense_type)}, ''), nullif(${cell(expense_area)}, ''),
            nullif(${cell(transaction_number)}, ''), n.is_redacted, NULL, lower(${cell(period_total)}) IN (${YES_TEXT.map((text) => `'${text}'`).join(", ")})
     ${linesSqlLoads(staged)}`,
    { file: fileId, offset: headerRow + 1, institution: institutionId },
  ));
  await addStagedIdentifiers(warehouse, staged.table, staged.header.columns, fileId, headerRow + 1, writer.identifiers);
  const totals = await warehouse.one<{ count: number; pence: string | null; first: string | null; last: string | null }>(
    `SELECT count(*)::INTEGER AS count, (sum(amount) * 100)::HUGEINT::VARCHAR AS pence, min(payment_date)::VARCHAR AS first, max(payment_date)::VARCHAR AS last
     FROM spend WHERE file_id = ?`,
    [fileId],
  );
  writer.bulk({ count: totals.count, pence: BigInt(totals.pence ?? 0), firstDate: totals.first, lastDate: totals.last });
  // Each supplier's name as written on its first loaded line.
  const firstLines = `SELECT supplier_id, min(row_number) - $offset AS line FROM spend WHERE file_id = $file GROUP BY supplier_id`;
  if (totals.count === staged.records) {
    // Every line loaded by SQL: its suppliers go in by SQL, keyed as beside (prepareStagedSpend), none through
    // JavaScript (an 83,334-line month: 25 ms less of the file's transaction); none at all when every name the
    // file holds is a known supplier's (a year's later months: 15–20 ms less again, the lines not grouped).
    const { unknown } = await warehouse.one<{ unknown: number }>(
      `SELECT count(*)::INTEGER AS unknown FROM ${staged.namesTable} n WHERE NOT EXISTS (SELECT 1 FROM suppliers s WHERE s.supplier_id = n.supplier_id)`);
    if (unknown === 0) return;
    await warehouse.run(
      `INSERT INTO suppliers (supplier_id, name, name_key, is_redacted)
       SELECT f.supplier_id, CASE WHEN n.is_redacted THEN '${REDACTED_SUPPLIER_NAME}' ELSE n.name END,
              CASE WHEN n.is_redacted THEN '${REDACTED_SUPPLIER_ID}' ELSE n.name_key END, n.is_redacted
       FROM (${firstLines}) f JOIN ${staged.table} s ON s.rowid = f.line JOIN ${staged.namesTable} n ON n.name = ${cell(supplier)}
       ON CONFLICT DO NOTHING`,
      { file: fileId, offset: headerRow + 1 },
    );
    return;
  }
  const named = await warehouse.all<{ supplier_id: string; name: string; line: number }>(
    `WITH first_lines AS (${firstLines})
     SELECT f.supplier_id, ${cell(supplier)} AS name, f.line::INTEGER AS line
     FROM first_lines f JOIN ${staged.table} s ON s.rowid = f.line`,
    { file: fileId, offset: headerRow + 1 },
  );
  for (const row of named) {
    const keyed = suppliers.of(row.name);
    writer.supplier({ supplierId: row.supplier_id, name: row.name, nameKey: keyed.supplierKey, isRedacted: keyed.isRedacted, row: row.line + headerRow + 1, sheet: null });
  }
  // The rest (when SQL did not load every line), row by row, in file order, a page at a time, from every cell of theirs.
  const columns = Array.from({ length: staged.columns }, (_, index) => `c${index}`);
  if (totals.count < staged.records && staged.everyCell === null) {
    throw new Error(`SQL loaded ${totals.count} of the ${staged.records} lines it had counted to load (an error in anchor-spend: please report it)`);
  }
  for (let after = -1; totals.count < staged.records;) {
    const page = await warehouse.all<Record<string, string | null> & { line: number }>(
      `SELECT s.rowid::INTEGER AS line, ${columns.join(", ")} FROM ${staged.everyCell}
       WHERE s.rowid > $after AND (${columns.join(" || ")}) <> ''
         AND s.rowid NOT IN (SELECT row_number - $offset FROM spend WHERE file_id = $file)
       ORDER BY s.rowid LIMIT ${PAGE_ROWS}`,
      { after, offset: headerRow + 1, file: fileId },
    );
    for (const row of page) {
      const verdict = readSpendRow(columns.map((column) => row[column] ?? ""), row.line + headerRow + 1, header, suppliers);
      if (verdict.kind === "line") writer.line(verdict.line, null);
      else if (verdict.kind === "quarantined") writer.quarantined(verdict.entries, null);
    }
    if (page.length < PAGE_ROWS) break;
    after = page[page.length - 1]!.line;
  }
}
