import type { DuckDBAppender, DuckDBValue } from "@duckdb/node-api";
import type { ProblemCode } from "../src/core/problem-codes.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";

/** One bad row (or cell) of a file, kept with where it was and why it was not loaded. */
export interface QuarantineEntry {
  /** 1-based, as a spreadsheet shows it. */
  row: number;
  /** The heading as written in the file; null for a fault of the whole row. */
  column: string | null;
  /** The raw cell (or row) as read. */
  rawValue: string | null;
  /** What is wrong, as a stable code (src/core/problem-codes.ts): grouping, advice and publishing key on it. */
  code: ProblemCode;
  /** The same in words, for the partner who fixes the file (it may quote the raw value: never published). */
  reason: string;
}

/** The quarantine table's columns, by name: nothing here depends on their order in the migrations. */
const COLUMNS = "file_id, path, sheet, row_number, column_name, raw_value, code, reason";

let staged = 0;

/**
 * The one way rows reach the quarantine table, inside the file's transaction. Entries (appended one by one,
 * or selected by SQL: a reference table's bad rows) go to a staging table this writer lays out itself, and
 * into the quarantine table by column name, in the order added, when it closes.
 */
export class QuarantineWriter {
  /** Whether any entry was added or selected: a clean file's writer writes nothing to the quarantine table. */
  private holdsEntries = false;

  private constructor(
    private readonly warehouse: Warehouse,
    private readonly table: string,
    private readonly appender: DuckDBAppender,
    private readonly fileId: number,
    private readonly path: string,
  ) {}

  static async open(warehouse: Warehouse, fileId: number, path: string): Promise<QuarantineWriter> {
    const table = `staged_quarantine_${++staged}`;
    await warehouse.run(
      `CREATE OR REPLACE TEMP TABLE ${table} (sheet VARCHAR, row_number INTEGER, column_name VARCHAR, raw_value VARCHAR, code VARCHAR, reason VARCHAR)`,
    );
    return new QuarantineWriter(warehouse, table, await warehouse.connection.createAppender(table), fileId, path);
  }

  add(entry: QuarantineEntry, sheet: string | null = null): void {
    this.holdsEntries = true;
    const text = (value: string | null) => (value === null ? this.appender.appendNull() : this.appender.appendVarchar(value));
    text(sheet);
    this.appender.appendInteger(entry.row);
    text(entry.column);
    text(entry.rawValue);
    text(entry.code);
    text(entry.reason);
    this.appender.endRow();
  }

  /**
   * Quarantines the rows a query selects: `select` yields row_number, column_name and raw_value; every row
   * gets the one code and reason given.
   */
  async addSelected(select: string, params: Record<string, DuckDBValue>, problem: { code: ProblemCode; reason: string }): Promise<void> {
    this.holdsEntries = true;
    this.appender.flushSync();
    await this.warehouse.run(
      `INSERT INTO ${this.table} (sheet, row_number, column_name, raw_value, code, reason)
       SELECT NULL, row_number, column_name, raw_value, $quarantine_code, $quarantine_reason FROM (${select})`,
      { ...params, quarantine_code: problem.code, quarantine_reason: problem.reason },
    );
  }

  /** Writes the appended entries to the quarantine table (in the order added) and drops the staging table. */
  async close(): Promise<void> {
    this.appender.flushSync();
    this.appender.closeSync();
    if (this.holdsEntries) {
      await this.warehouse.run(
        `INSERT INTO quarantine (${COLUMNS})
         SELECT $file, $path, sheet, row_number, column_name, raw_value, code, reason FROM ${this.table} ORDER BY rowid`,
        { file: this.fileId, path: this.path },
      );
    }
    await this.warehouse.run(`DROP TABLE ${this.table}`);
  }
}

/** Writes a file's quarantine entries (from one sheet, or none) inside the file's transaction. */
export async function writeQuarantine(
  warehouse: Warehouse,
  fileId: number,
  path: string,
  entries: readonly QuarantineEntry[],
  sheet: string | null = null,
): Promise<void> {
  if (entries.length === 0) return;
  const writer = await QuarantineWriter.open(warehouse, fileId, path);
  for (const entry of entries) writer.add(entry, sheet);
  await writer.close();
}
