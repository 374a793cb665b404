import type { Warehouse } from "../src/warehouse/warehouse.js";

/** What one file's load did, in counts that must reconcile: read = loaded + quarantined. */
export interface LoadOutcome {
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  /** BigInt: a file's total may pass 2^53 pence. */
  amountLoadedPence?: bigint;
  firstDate?: string;
  lastDate?: string;
}

/** One bad row (or cell) of a file, kept with where it was and why it was not loaded. */
export interface QuarantineEntry {
  row: number;
  column: string | null;
  rawValue: string | null;
  reason: string;
}

/** Writes quarantine entries for a file inside the file's transaction. */
export async function writeQuarantine(
  warehouse: Warehouse,
  fileId: number,
  path: string,
  entries: readonly QuarantineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const appender = await warehouse.connection.createAppender("quarantine");
  for (const entry of entries) {
    appender.appendInteger(fileId);
    appender.appendVarchar(path);
    appender.appendInteger(entry.row);
    if (entry.column === null) appender.appendNull();
    else appender.appendVarchar(entry.column);
    if (entry.rawValue === null) appender.appendNull();
    else appender.appendVarchar(entry.rawValue);
    appender.appendVarchar(entry.reason);
    appender.appendNull(); // sheet: these files are CSV or a workbook's only table
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}
