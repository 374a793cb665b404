import type { Warehouse } from "../../src/warehouse/warehouse.js";
import type { DetectedTable } from "../schema/detect-kind.js";
import { spendHeaderOf, type SpendHeader } from "./read-spend-row.js";
import type { TableSource } from "../files/read-table.js";
import { stagedAmountColumn } from "./staged-amount.js";
import { monthColumnOf, type MonthColumn } from "../schema/month-column.js";

/** What JavaScript's String.prototype.trim removes (white space and line terminators), for SQL's trim. */
const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * A cell trimmed as the streaming reader trims it (JavaScript's trim), '' for an empty one. When the file
 * holds no white space but spaces (scan-file.ts), only a cell that starts or ends with one is trimmed: most
 * cells do not, and trim copies every cell it is given. Else all of JavaScript's white space is trimmed.
 */
function trimmedCell(column: string, unusualWhitespace: boolean): string {
  if (unusualWhitespace) return `trim(coalesce(${column}, ''), '${JS_WHITESPACE}')`;
  return `CASE WHEN starts_with(${column}, ' ') OR ends_with(${column}, ' ') THEN trim(${column}, ' ') ELSE coalesce(${column}, '') END`;
}

/**
 * The database spend CSVs' lines are staged in: held in memory and attached to the warehouse's DuckDB, so that a
 * file staged on the connection beside the warehouse's (alongside()) is read by the warehouse's own. Each file's
 * lines are a table there, one text column per heading (c0, c1, …), trimmed; a line is known by its rowid (0 for the
 * first line below the heading). One CREATE TABLE AS under preserve_insertion_order (DuckDB's default, which
 * anchor-spend never changes) holds the reader's rows in file order, as WITH ORDINALITY numbers them; ORDINALITY
 * reads on one thread (1M lines: 1.9 s against 0.8 s of wall clock, measured 2026-12-02).
 */
export const STAGING_DATABASE = "anchor_staging";

/** Files staged in this process: each staged table's name is new. */
let stagedFiles = 0;

/** A spend CSV read by DuckDB: its heading row, and where its lines are. */
export interface StagedSpendCsv {
  /** The table its lines are in (in STAGING_DATABASE). */
  table: string;
  header: SpendHeader;
  /** The heading's row number: staged line n (rowid n - 1) is row headerRow + n of the file. */
  headerRow: number;
  columns: number;
  /** Lines staged (every line below the heading, blank ones included). */
  records: number;
  /**
   * The table holds only the cells the SQL insert reads (its mapped columns and a Month column); `otherCells`
   * selects the rest, trimmed, FROM `reader` (the file's read), for stageOtherCells(), when some line is left to the
   * row-by-row reader, which reads every cell ("" when the table holds every cell).
   */
  reader: string;
  otherCells: string;
  /** Its Month or period column (monthColumnOf), whose cells decide ambiguous dates: kept with the mapped ones. */
  monthColumn: MonthColumn | null;
}

const quotedLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * A file of fewer lines than this (DuckDB's row group) is read and inserted on one thread: its threads cost more
 * than they share out (measured 2026-12-02, 1M lines in 12 monthly files of 83k: staging 1.3 s of CPU on two
 * threads, 0.56 s on one, and faster by the wall clock too; the whole load 6.0–6.5 s of CPU against 4.5–4.8).
 */
export const ONE_THREAD_BELOW_LINES = 122_880;

/**
 * Warehouses whose thread setting is kept between works (keepThreadSetting … restoreThreads, around a run's files), with whether
 * DuckDB is on one thread now. SET threads costs 5–10 ms of CPU (its workers stopped or started): a run of
 * small files sets it once, not twice per statement.
 */
const keptSetting = new WeakMap<Warehouse, boolean>();

/** From here on (a run of files), the thread setting is kept from one work to the next, until restoreThreads. */
export function keepThreadSetting(warehouse: Warehouse): void {
  if (!keptSetting.has(warehouse)) keptSetting.set(warehouse, false);
}

/** Ends keepThreadSetting: DuckDB's threads as before it. */
export async function restoreThreads(warehouse: Warehouse): Promise<void> {
  const oneThread = keptSetting.get(warehouse);
  keptSetting.delete(warehouse);
  if (oneThread) await warehouse.run("RESET threads");
}

/** After keepThreadSetting: DuckDB on one thread from here on when `lines` is under ONE_THREAD_BELOW_LINES, else on its own threads. Outside it, nothing. */
export async function threadsForLines(warehouse: Warehouse, lines: number): Promise<void> {
  const oneThread = keptSetting.get(warehouse);
  if (oneThread === undefined) return;
  const wanted = lines < ONE_THREAD_BELOW_LINES;
  if (wanted === oneThread) return;
  await warehouse.run(wanted ? "SET threads = 1" : "RESET threads");
  keptSetting.set(warehouse, wanted);
}

/**
 * Runs `work` with DuckDB on one thread when `lines` is under ONE_THREAD_BELOW_LINES; its threads as before
 * afterwards, or, after keepThreadSetting, left for the next work.
 */
export async function onOneThreadIfSmall<T>(warehouse: Warehouse, lines: number, work: () => Promise<T>): Promise<T> {
  if (keptSetting.has(warehouse)) {
    await threadsForLines(warehouse, lines);
    return work();
  }
  if (lines >= ONE_THREAD_BELOW_LINES) return work();
  await warehouse.run("SET threads = 1");
  try {
    return await work();
  } finally {
    await warehouse.run("RESET threads");
  }
}

/**
 * Reads a spend CSV's lines below its heading with DuckDB's own CSV reader into a table of STAGING_DATABASE (cells
 * trimmed, empty cells as ''), before
 * the file's transaction starts (a reader error must not end that transaction). Returns null, staging
 * nothing, whenever DuckDB's reading could differ from the streaming reader's, so that the loader streams
 * the file instead, as before: a file that is not UTF-8, has no heading in its first bytes, has a blank
 * line or a cell holding a line break above its heading, or that DuckDB's strict reader refuses (a stray quote, a row
 * with more or fewer cells than headings, an oversized cell), or in which DuckDB read fewer records than
 * the file has lines (blank lines, which DuckDB skips, and cells holding line breaks would shift row
 * numbers). Every row number the loader reports therefore stays the file's own.
 */
export async function stageSpendCsv(warehouse: Warehouse, source: TableSource, detected: DetectedTable, options: { beside?: boolean } = {}): Promise<StagedSpendCsv | null> {
  const { path, scan } = source;
  const head = detected.head.csv;
  const found = detected.headings.get(null);
  // A table with no date column (supplier totals for a month) is streamed: its lines take the file's period.
  if (source.format !== "csv" || scan.encoding !== "utf-8" || scan.hasNul || !head || !found || found.columns.date === undefined) return null;
  if (head.linebreak !== "\n" && head.linebreak !== "\r\n") return null;
  const topRows = detected.head.tables[0]!.rows;
  // Above the heading, one record per line and no blank line (whatever DuckDB's skip makes of those).
  const top = head.rows.slice(0, found.headerIndex + 1);
  if (top.some((row) => row.some((cell) => /[\r\n]/.test(cell)) || row.every((cell) => cell.trim() === ""))) return null;
  const headings = topRows[found.headerIndex]!;
  const headerRow = found.headerIndex + 1;
  const columns = `{${headings.map((_, index) => `'c${index}': 'VARCHAR'`).join(", ")}}`;
  const cellsOf = (indexes: readonly number[]) => indexes.map((index) => `${trimmedCell(`c${index}`, scan.unusualWhitespace)} AS c${index}`).join(", ");
  // Only the cells the insert reads are kept (DuckDB's reader then builds no others: 12 monthly files of 83k lines,
  // 8 headings of which 6 mapped, 72 ms a month's staging against 85, measured 2026-12-02); every line is still read whole.
  const monthColumn = monthColumnOf(headings, found.columns);
  const kept = [...new Set([...Object.values(found.columns), ...(monthColumn ? [monthColumn.index] : [])])].sort((a, b) => a - b);
  const amount = found.columns.amount;
  await warehouse.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGING_DATABASE}`);
  const table = `${STAGING_DATABASE}.spend_csv_${++stagedFiles}`;
  const reader = `read_csv(${quotedLiteral(path)}, auto_detect = false, header = false, skip = ${headerRow},
         delim = ${quotedLiteral(head.delimiter)}, quote = '"', escape = '"', new_line = ${quotedLiteral(head.linebreak === "\n" ? "\\n" : "\\r\\n")},
         columns = ${columns}, strict_mode = true, null_padding = false, encoding = 'utf-8')`;
  try {
    const create = () => warehouse.run(
      `CREATE TABLE ${table} AS
       SELECT *, ${stagedAmountColumn(amount === undefined ? null : `c${amount}`)} FROM (SELECT ${cellsOf(kept)} FROM ${reader})`,
    );
    // Beside another file's transaction, on the threads that file set (the setting is DuckDB's, for every connection).
    await (options.beside ? create() : onOneThreadIfSmall(warehouse, scan.lines, create));
  } catch {
    await dropStagedSpend(warehouse, table);
    return null;
  }
  const records = await warehouse.one<{ records: number }>(`SELECT count(*)::INTEGER AS records FROM ${table}`)
    .then((row) => row.records, async (error: unknown) => {
      await dropStagedSpend(warehouse, table);
      throw error;
    });
  if (records !== scan.lines - headerRow) {
    await dropStagedSpend(warehouse, table);
    return null;
  }
  const others = headings.map((_, index) => index).filter((index) => !kept.includes(index));
  return { table, header: spendHeaderOf(found, headings), headerRow, columns: headings.length, records, reader, otherCells: cellsOf(others), monthColumn };
}

/**
 * Every cell of a staged file's lines, as a FROM clause (s: the staged lines; line n is s.rowid n), for the lines the
 * row-by-row reader reads: the cells the staged table does not hold are read again into `${table}_cells` (the same
 * lines in the same order), before the file's transaction, on the connection that staged it. Null when they
 * cannot be read again as the first read read them (the file is then streamed).
 */
export async function stageOtherCells(warehouse: Warehouse, staged: StagedSpendCsv): Promise<string | null> {
  if (staged.otherCells === "") return `${staged.table} s`;
  const cells = `${staged.table}_cells`;
  try {
    await warehouse.run(`CREATE TABLE ${cells} AS SELECT ${staged.otherCells} FROM ${staged.reader}`);
    const { records } = await warehouse.one<{ records: number }>(`SELECT count(*)::INTEGER AS records FROM ${cells}`);
    if (records !== staged.records) return null;
  } catch {
    return null;
  }
  return `${staged.table} s JOIN ${cells} o ON o.rowid = s.rowid`;
}

/** A staged table's name as an appender takes it: table, schema, database. */
export function stagedTableParts(table: string): [string, string, string] {
  return [table.slice(STAGING_DATABASE.length + 1), "main", STAGING_DATABASE];
}

/** Drops a staged file's lines (a table stageSpendCsv named), and what was read from them beside (its _dates, _names and _cells). */
export async function dropStagedSpend(warehouse: Warehouse, table: string): Promise<void> {
  for (const name of [table, `${table}_dates`, `${table}_names`, `${table}_cells`]) await warehouse.run(`DROP TABLE IF EXISTS ${name}`);
}
