import type { DuckDBAppender } from "@duckdb/node-api";
import { DuckDBDateValue, DuckDBDecimalValue } from "../../src/core/duckdb.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { QuarantineWriter, type QuarantineEntry } from "../quarantine.js";
import { REDACTED_SUPPLIER_ID } from "../schema/normalise-supplier-name.js";
import { epochDays } from "../cells/parse-date.js";
import type { SpendLine } from "./read-spend-row.js";
import { SpendIdentifiers } from "./spend-identifiers.js";

/** Told every PROGRESS_EVERY rows of a long load: the file and the rows read so far. */
/** Progress through a big file: so many rows read (or, with `unit`, so many of what it names: "of 1,000 boundary cells checked"). */
export type ProgressListener = (path: string, count: number, unit?: string) => void;
const PROGRESS_EVERY = 50_000;

/** The suppliers table's name for a redacted payee (never the cell's text). */
export const REDACTED_SUPPLIER_NAME = "Redacted payee";

function appendText(appender: DuckDBAppender, text: string | null): void {
  if (text === null) appender.appendNull();
  else appender.appendVarchar(text);
}

/** A supplier a file names on a loaded line: the first such line (by sheet, then row) gives the name kept. */
export interface SupplierSeen {
  supplierId: string;
  name: string;
  nameKey: string;
  isRedacted: boolean;
  row: number;
  sheet: string | null;
}

/** Lines loaded in bulk (by SQL) rather than one at a time: their count, pence and dates. */
export interface BulkLines {
  count: number;
  pence: bigint;
  firstDate: string | null;
  lastDate: string | null;
}

/**
 * Writes one file's lines, quarantined rows and new suppliers, and keeps the counts. Pence are summed as
 * BigInt: a file's total may pass 2^53 pence even when each line is well within it.
 */
export class SpendWriter {
  rowsRead = 0;
  rowsLoaded = 0;
  amountPence = 0n;
  firstDate: string | null = null;
  lastDate: string | null = null;
  private readonly quarantinedRows = new Set<string>();
  private readonly suppliersSeen = new Map<string, SupplierSeen & { order: number }>();
  private readonly sheetOrder = new Map<string | null, number>();
  /** The company, charity and VAT numbers the file's loaded lines give for their suppliers. */
  readonly identifiers = new SpendIdentifiers();

  private constructor(
    private readonly spend: DuckDBAppender,
    private readonly quarantine: QuarantineWriter,
    private readonly fileId: number,
    private readonly path: string,
    private readonly institutionId: string,
    private readonly onProgress: ProgressListener | undefined,
  ) {}

  static async open(warehouse: Warehouse, fileId: number, path: string, institutionId: string, onProgress?: ProgressListener): Promise<SpendWriter> {
    const connection = warehouse.connection;
    return new SpendWriter(await connection.createAppender("spend"), await QuarantineWriter.open(warehouse, fileId, path), fileId, path, institutionId, onProgress);
  }

  private counted(rows = 1): void {
    const before = this.rowsRead;
    this.rowsRead += rows;
    if (Math.floor(this.rowsRead / PROGRESS_EVERY) > Math.floor(before / PROGRESS_EVERY)) this.onProgress?.(this.path, this.rowsRead);
  }

  private dates(first: string | null, last: string | null): void {
    if (first !== null && (this.firstDate === null || first < this.firstDate)) this.firstDate = first;
    if (last !== null && (this.lastDate === null || last > this.lastDate)) this.lastDate = last;
  }

  /** Keeps the supplier of a loaded line, by the earliest line (sheets in the order read, then rows) that names it. */
  supplier(seen: SupplierSeen): void {
    if (!this.sheetOrder.has(seen.sheet)) this.sheetOrder.set(seen.sheet, this.sheetOrder.size);
    const order = this.sheetOrder.get(seen.sheet)! * 2 ** 32 + seen.row;
    const known = this.suppliersSeen.get(seen.supplierId);
    if (!known || order < known.order) this.suppliersSeen.set(seen.supplierId, { ...seen, order });
  }

  line(line: SpendLine, sheet: string | null): void {
    this.counted();
    this.rowsLoaded++;
    this.amountPence += BigInt(line.amountPence);
    this.dates(line.date, line.date);
    const a = this.spend;
    a.appendInteger(this.fileId);
    a.appendInteger(line.row);
    a.appendVarchar(this.institutionId);
    a.appendDate(new DuckDBDateValue(epochDays(line.date)));
    a.appendDecimal(new DuckDBDecimalValue(BigInt(line.amountPence), 18, 2));
    a.appendVarchar(line.supplierId);
    appendText(a, line.expenseType);
    appendText(a, line.expenseArea);
    appendText(a, line.transactionNumber);
    a.appendBoolean(line.isRedacted);
    appendText(a, sheet);
    a.appendBoolean(line.isPeriodTotal === true);
    a.endRow();
    if (line.identifiers) this.identifiers.add(line.supplierId, line.identifiers);
    if (!this.suppliersSeen.has(line.supplierId)) {
      this.supplier({ supplierId: line.supplierId, name: line.supplierName, nameKey: line.supplierKey, isRedacted: line.isRedacted, row: line.row, sheet });
    }
  }

  /** Counts lines another path (SQL) has already written to the spend table. */
  bulk(lines: BulkLines): void {
    this.counted(lines.count);
    this.rowsLoaded += lines.count;
    this.amountPence += lines.pence;
    this.dates(lines.firstDate, lines.lastDate);
  }

  quarantined(entries: readonly QuarantineEntry[], sheet: string | null): void {
    const first = entries[0];
    if (!first) return;
    this.counted();
    this.quarantinedRows.add(`${sheet ?? ""}\u0000${first.row}`);
    for (const entry of entries) this.quarantine.add(entry, sheet);
  }

  async close(warehouse: Warehouse): Promise<void> {
    this.spend.flushSync();
    this.spend.closeSync();
    await this.quarantine.close();
    await this.identifiers.write(warehouse, this.fileId, this.institutionId);
    if (this.suppliersSeen.size === 0) return;
    await warehouse.run("CREATE OR REPLACE TEMP TABLE staged_suppliers (supplier_id VARCHAR, name VARCHAR, name_key VARCHAR, is_redacted BOOLEAN)");
    const suppliers = await warehouse.connection.createAppender("staged_suppliers");
    for (const seen of this.suppliersSeen.values()) {
      suppliers.appendVarchar(seen.supplierId);
      suppliers.appendVarchar(seen.isRedacted ? REDACTED_SUPPLIER_NAME : seen.name);
      suppliers.appendVarchar(seen.isRedacted ? REDACTED_SUPPLIER_ID : seen.nameKey);
      suppliers.appendBoolean(seen.isRedacted);
      suppliers.endRow();
    }
    suppliers.flushSync();
    suppliers.closeSync();
    await warehouse.run(
      `INSERT INTO suppliers (supplier_id, name, name_key, is_redacted)
       SELECT supplier_id, name, name_key, is_redacted FROM staged_suppliers ON CONFLICT DO NOTHING`,
    );
    await warehouse.run("DROP TABLE staged_suppliers");
  }

  get rowsQuarantined(): number {
    return this.quarantinedRows.size;
  }
}
