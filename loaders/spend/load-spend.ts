import { InputError } from "../../src/core/errors.js";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { SPEND_FIELDS, describeRequired, headingKey, withExtraHeadings, type FieldSpec } from "../schema/column-synonyms.js";
import { HEADER_SEARCH_ROWS, detectHeader } from "../schema/detect-header.js";
import type { InstitutionFolder, VatBasis } from "../schema/institution-folder.js";
import type { LoadOutcome } from "../load-outcome.js";
import { loadStagedSpend } from "./load-staged-spend.js";
import { readCsvOrXlsx, type TableSource } from "../files/read-table.js";
import { SupplierKeys, readSpendRow, type SpendHeader } from "./read-spend-row.js";
import { SpendWriter, type ProgressListener } from "./spend-writer.js";
import type { StagedSpendCsv } from "./stage-spend-csv.js";

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
    return printableExcerpt(this.topRows.slice(0, 3).map(({ cells }) => cells.filter(Boolean).map((c) => `"${c}"`).join(", ")).filter(Boolean).join(" | "), 300);
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
  /** How the rows were read: by DuckDB's CSV reader and SQL, or streamed row by row. */
  reader: "duckdb" | "stream";
  vatBasis: string;
  sheets: string[];
}

/** The spend fields an institution's files are read with: the schema's headings and its mapping file's. */
export function spendFieldsOf(institution: InstitutionFolder): readonly FieldSpec[] {
  return withExtraHeadings(SPEND_FIELDS, institution.mapping.columns);
}

/** Streams a table (a CSV file, or every sheet of a workbook) row by row; returns the heading rows and sheets found. */
async function streamSpend(source: TableSource, fields: readonly FieldSpec[], writer: SpendWriter): Promise<{ headers: SpendHeader[]; sheets: string[] }> {
  const readers: SpendTableReader[] = [];
  await readCsvOrXlsx(source, (sheet) => {
    const reader = new SpendTableReader(fields, writer, sheet);
    readers.push(reader);
    return (cells, row) => reader.record(cells, row);
  });
  const withHeader = readers.filter((reader) => reader.header !== null);
  if (withHeader.length === 0) {
    const found = readers.map((reader) => reader.describeTop()).filter(Boolean).join(" | ");
    throw new InputError(
      `no spend heading row in the first ${HEADER_SEARCH_ROWS} rows (found ${found || "nothing"}); a spend file needs ${describeRequired(SPEND_FIELDS)}`,
      { file: source.path },
    );
  }
  return {
    headers: withHeader.map((reader) => reader.header!),
    sheets: withHeader.flatMap((reader) => (reader.sheet === null ? [] : [reader.sheet])),
  };
}

/**
 * Loads a spend file for its institution: a CSV file DuckDB has staged (stage-spend-csv.ts) through SQL,
 * any other CSV file streamed, and every sheet of an XLSX workbook that holds a spend table. A file, or
 * workbook, with no spend heading row anywhere is refused, naming what it found.
 */
export async function loadSpend(
  warehouse: Warehouse,
  source: TableSource,
  fileId: number,
  institution: InstitutionFolder,
  staged: StagedSpendCsv | null,
  onProgress?: ProgressListener,
): Promise<SpendLoadOutcome> {
  const writer = await SpendWriter.open(warehouse, fileId, source.path, institution.institutionId, onProgress);
  let firstHeader: SpendHeader;
  let sheetNames: string[] = [];
  try {
    if (staged) {
      await loadStagedSpend(warehouse, staged, writer, fileId, institution.institutionId);
      firstHeader = staged.header;
    } else {
      const found = await streamSpend(source, spendFieldsOf(institution), writer);
      firstHeader = found.headers[0]!;
      sheetNames = found.sheets;
    }
  } finally {
    await writer.close(warehouse);
  }
  return {
    rowsRead: writer.rowsRead,
    rowsLoaded: writer.rowsLoaded,
    rowsQuarantined: writer.rowsQuarantined,
    amountLoadedPence: writer.amountPence,
    ...(writer.firstDate ? { firstDate: writer.firstDate } : {}),
    ...(writer.lastDate ? { lastDate: writer.lastDate } : {}),
    vatBasis: vatBasisOf(firstHeader.headings[firstHeader.columns.amount!] ?? "", institution.mapping.vatBasis),
    sheets: sheetNames,
    reader: staged ? "duckdb" : "stream",
  };
}
