import { DuckDBDateValue, DuckDBDecimalValue, type DuckDBAppender } from "@duckdb/node-api";
import { InputError } from "../src/errors.js";
import type { Warehouse } from "../src/warehouse.js";
import { SPEND_FIELDS, describeRequired, headingKey, withExtraHeadings, type FieldSpec } from "./column-synonyms.js";
import { HEADER_SEARCH_ROWS, detectHeader } from "./detect-header.js";
import type { InstitutionFolder, VatBasis } from "./institution-folder.js";
import type { LoadOutcome, QuarantineEntry } from "./load-outcome.js";
import { REDACTED_SUPPLIER_ID } from "./normalise-supplier-name.js";
import { epochDays } from "./parse-date.js";
import { readCsvOrXlsx, type TableSource } from "./read-table.js";
import { SupplierKeys, readSpendRow, type SpendHeader, type SpendLine } from "./read-spend-row.js";

/** Told every PROGRESS_EVERY rows of a long load: the file and the rows read so far. */
export type ProgressListener = (path: string, rowsRead: number) => void;
const PROGRESS_EVERY = 50_000;

function appendText(appender: DuckDBAppender, text: string | null): void {
  if (text === null) appender.appendNull();
  else appender.appendVarchar(text);
}

/** Writes one file's lines, quarantined rows and new suppliers through appenders, and keeps the counts. */
class SpendWriter {
  rowsRead = 0;
  rowsLoaded = 0;
  amountPence = 0;
  firstDate: string | null = null;
  lastDate: string | null = null;
  private readonly quarantinedRows = new Set<string>();
  private readonly suppliersSeen = new Set<string>();

  private constructor(
    private readonly spend: DuckDBAppender,
    private readonly quarantine: DuckDBAppender,
    private readonly suppliers: DuckDBAppender,
    private readonly fileId: number,
    private readonly path: string,
    private readonly institutionId: string,
    private readonly onProgress: ProgressListener | undefined,
  ) {}

  static async open(warehouse: Warehouse, fileId: number, path: string, institutionId: string, onProgress?: ProgressListener): Promise<SpendWriter> {
    await warehouse.run("CREATE OR REPLACE TEMP TABLE staged_suppliers (supplier_id VARCHAR, name VARCHAR, name_key VARCHAR, is_redacted BOOLEAN)");
    const connection = warehouse.connection;
    return new SpendWriter(
      await connection.createAppender("spend"), await connection.createAppender("quarantine"),
      await connection.createAppender("staged_suppliers"), fileId, path, institutionId, onProgress,
    );
  }

  private counted(): void {
    this.rowsRead++;
    if (this.rowsRead % PROGRESS_EVERY === 0) this.onProgress?.(this.path, this.rowsRead);
  }

  line(line: SpendLine, sheet: string | null): void {
    this.counted();
    this.rowsLoaded++;
    this.amountPence += line.amountPence;
    if (this.firstDate === null || line.date < this.firstDate) this.firstDate = line.date;
    if (this.lastDate === null || line.date > this.lastDate) this.lastDate = line.date;
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
    a.endRow();
    if (!this.suppliersSeen.has(line.supplierId)) {
      this.suppliersSeen.add(line.supplierId);
      const s = this.suppliers;
      s.appendVarchar(line.supplierId);
      s.appendVarchar(line.isRedacted ? "Redacted payee" : line.supplierName);
      s.appendVarchar(line.isRedacted ? REDACTED_SUPPLIER_ID : line.supplierKey);
      s.appendBoolean(line.isRedacted);
      s.endRow();
    }
  }

  quarantined(entries: readonly QuarantineEntry[], sheet: string | null): void {
    const first = entries[0];
    if (!first) return;
    this.counted();
    this.quarantinedRows.add(`${sheet ?? ""}\u0000${first.row}`);
    for (const entry of entries) {
      const q = this.quarantine;
      q.appendInteger(this.fileId);
      q.appendVarchar(this.path);
      q.appendInteger(entry.row);
      appendText(q, entry.column);
      appendText(q, entry.rawValue);
      q.appendVarchar(entry.reason);
      appendText(q, sheet);
      q.endRow();
    }
  }

  async close(warehouse: Warehouse): Promise<void> {
    for (const appender of [this.spend, this.quarantine, this.suppliers]) {
      appender.flushSync();
      appender.closeSync();
    }
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

/**
 * Reads one table (a CSV file or one sheet) record by record: buffers the top rows until the heading row
 * is found, then reads every row below it. Never holds more than the top rows in memory.
 */
class SpendTableReader {
  private readonly topRows: { cells: string[]; row: number }[] = [];
  private readonly suppliers = new SupplierKeys();
  header: SpendHeader | null = null;

  constructor(
    private readonly fields: readonly FieldSpec[],
    private readonly writer: SpendWriter,
    readonly sheet: string | null,
  ) {}

  record(cells: string[], row: number): void {
    if (this.header) return this.read(cells, row);
    if (this.topRows.length >= HEADER_SEARCH_ROWS) return;
    this.topRows.push({ cells, row });
    const found = detectHeader([cells], this.fields);
    if (!found) return;
    this.header = { ...found, headings: cells, headingKeys: cells.map(headingKey) };
  }

  private read(cells: string[], row: number): void {
    const verdict = readSpendRow(cells, row, this.header!, this.suppliers);
    if (verdict.kind === "line") this.writer.line(verdict.line, this.sheet);
    else if (verdict.kind === "quarantined") this.writer.quarantined(verdict.entries, this.sheet);
  }

  describeTop(): string {
    return this.topRows.slice(0, 3).map(({ cells }) => cells.filter(Boolean).map((c) => `"${c}"`).join(", ")).filter(Boolean).join(" | ");
  }
}

/** The VAT basis a file's amounts are on: the mapping file's word, else what the amount heading says. */
function vatBasisOf(amountHeading: string, mappingBasis: VatBasis | null): VatBasis | "not stated" {
  if (mappingBasis) return mappingBasis;
  if (/\b(net|excl)/i.test(amountHeading)) return "net";
  if (/\b(gross|incl)/i.test(amountHeading)) return "gross";
  return "not stated";
}

export interface SpendLoadOutcome extends LoadOutcome {
  vatBasis: string;
  sheets: string[];
}

/**
 * Loads a spend file (CSV streamed, or every sheet of an XLSX workbook that holds a spend table) for its
 * institution. A file, or workbook, with no spend heading row anywhere is refused, naming what it found.
 */
export async function loadSpend(
  warehouse: Warehouse,
  source: TableSource,
  fileId: number,
  institution: InstitutionFolder,
  onProgress?: ProgressListener,
): Promise<SpendLoadOutcome> {
  const fields = withExtraHeadings(SPEND_FIELDS, institution.mapping.columns);
  const writer = await SpendWriter.open(warehouse, fileId, source.path, institution.institutionId, onProgress);
  const readers: SpendTableReader[] = [];
  try {
    await readCsvOrXlsx(source, (sheet) => {
      const reader = new SpendTableReader(fields, writer, sheet);
      readers.push(reader);
      return (cells, row) => reader.record(cells, row);
    });
  } finally {
    await writer.close(warehouse);
  }
  const withHeader = readers.filter((reader) => reader.header !== null);
  if (withHeader.length === 0) {
    const found = readers.map((reader) => reader.describeTop()).filter(Boolean).join(" | ");
    throw new InputError(
      `no spend heading row in the first ${HEADER_SEARCH_ROWS} rows (found ${found || "nothing"}); a spend file needs ${describeRequired(SPEND_FIELDS)}`,
      { file: source.path },
    );
  }
  const firstHeader = withHeader[0]!.header!;
  return {
    rowsRead: writer.rowsRead,
    rowsLoaded: writer.rowsLoaded,
    rowsQuarantined: writer.rowsQuarantined,
    amountLoadedPence: writer.amountPence,
    ...(writer.firstDate ? { firstDate: writer.firstDate } : {}),
    ...(writer.lastDate ? { lastDate: writer.lastDate } : {}),
    vatBasis: vatBasisOf(firstHeader.headings[firstHeader.columns.amount!] ?? "", institution.mapping.vatBasis),
    sheets: withHeader.flatMap((reader) => (reader.sheet === null ? [] : [reader.sheet])),
  };
}
