import { InputError } from "../../src/core/errors.js";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { SPEND_FIELDS, describeMapping, describeRequired, withExtraHeadings, type FieldSpec } from "../schema/column-synonyms.js";
import { HEADER_SEARCH_ROWS, type FoundHeader } from "../schema/detect-header.js";
import type { TableHeadings } from "../schema/detect-kind.js";
import type { InstitutionFolder, VatBasis } from "../schema/institution-folder.js";
import { periodFromName } from "../schema/period-from-name.js";
import { decideDateOrder, type DateOrderChoice, type DateOrderContext } from "../cells/date-order.js";
import { filePeriod, noPeriodReason, type FilePeriod } from "./file-period.js";
import { monthColumnOf, type MonthColumn } from "../schema/month-column.js";
import type { DateOrder } from "../cells/parse-date.js";
import type { LoadOutcome } from "../load-outcome.js";
import { loadStagedSpend, prepareStagedSpend, type PreparedSpendCsv } from "./load-staged-spend.js";
import { tableReader, type TableSource } from "../files/read-table.js";
import { SupplierKeys, readSpendRow, spendHeaderOf, type SpendHeader } from "./read-spend-row.js";
import { SpendWriter, type ProgressListener } from "./spend-writer.js";
import { dropStagedSpend, stageSpendCsv } from "./stage-spend-csv.js";
import type { DetectedTable } from "../schema/detect-kind.js";

type RowSink = (cells: string[], row: number, header: SpendHeader) => void;

/**
 * One table (a CSV file or one sheet) record by record: buffers the top rows down to its heading row (found
 * once, from the file's top rows, when its kind was told: loaders/schema/detect-kind.ts), then hands on
 * every row below it. Never holds more than the top rows in memory.
 */
class SpendTable {
  private readonly topRows: { cells: string[]; row: number }[] = [];
  private searched = false;
  header: SpendHeader | null = null;

  constructor(
    private readonly found: FoundHeader | undefined,
    private readonly sink: RowSink,
    readonly sheet: string | null,
    private readonly reading: { dateOrder?: DateOrder; periodDate?: string } = {},
  ) {}

  record(cells: string[], row: number): void {
    if (this.header) return this.sink(cells, row, this.header);
    if (this.searched) return;
    this.topRows.push({ cells, row });
    if (this.topRows.length >= HEADER_SEARCH_ROWS) this.finish();
  }

  /** Takes the heading row from what was buffered (called at the end of a short table). */
  finish(): void {
    if (this.searched) return;
    this.searched = true;
    const found = this.found;
    if (!found || found.headerIndex >= this.topRows.length) return;
    // A table with no date column (supplier totals for a month) reads every line as of its period's first day.
    const { dateOrder = "dmy", periodDate } = this.reading;
    this.header = { ...spendHeaderOf(found, this.topRows[found.headerIndex]!.cells), dateOrder, ...(periodDate && found.columns.date === undefined ? { periodDate } : {}) };
    for (const { cells, row } of this.topRows.slice(found.headerIndex + 1)) this.sink(cells, row, this.header);
  }

  describeTop(): string {
    return printableExcerpt(this.topRows.slice(0, 3).map(({ cells }) => cells.filter(Boolean).map((c) => `"${c}"`).join(", ")).filter(Boolean).join(" | "), 300);
  }
}

/** The VAT basis a file's amounts are on: the mapping file's word, else what the amount heading says. */
function vatBasisOf(amountHeading: string, mappingBasis: VatBasis | null): VatBasis | "not stated" {
  if (mappingBasis) return mappingBasis;
  if (/\b(net|nett|excl)/i.test(amountHeading)) return "net";
  if (/\b(gross|incl)/i.test(amountHeading)) return "gross";
  return "not stated";
}

export interface SpendLoadOutcome extends LoadOutcome {
  /** How the rows were read: by DuckDB's CSV reader and SQL, or streamed row by row. */
  reader: "duckdb" | "stream";
  vatBasis: string;
  sheets: string[];
  /** How the file was read, in words for the load report: each table's heading mapping and date order. */
  reading: string;
}

/** The spend fields an institution's files are read with: the schema's headings and its mapping file's. */
export function spendFieldsOf(institution: InstitutionFolder): readonly FieldSpec[] {
  return withExtraHeadings(SPEND_FIELDS, institution.mapping.columns);
}

/** How a table's dates are read: one order for its date column, or, with no date column, the file's period. */
type TableDates = DateOrderChoice & { period?: FilePeriod };

interface StreamedTable {
  sheet: string | null;
  header: SpendHeader;
  dateOrder: TableDates;
}

/**
 * Streams a table (a CSV file, or every sheet of a workbook) in two passes: the first finds each table's
 * heading row and the distinct values of its date column, from which the column's order is decided; the
 * second reads every row in that order. Returns the tables read.
 */
async function streamSpend(source: TableSource, headings: TableHeadings, writer: SpendWriter, dateContext: DateOrderContext, period: FilePeriod | null): Promise<StreamedTable[]> {
  const read = await tableReader(source);
  const surveyed = new Map<string | null, { table: SpendTable; dates: Set<string>; months: Set<string> }>();
  await read((sheet) => {
    const dates = new Set<string>();
    // Each distinct date with its line's month, where a Month or period column gives one (date-order evidence).
    const months = new Set<string>();
    let monthColumn: MonthColumn | null | undefined;
    const table = new SpendTable(headings.get(sheet), (cells, _row, header) => {
      if (header.columns.date === undefined) return;
      dates.add(cells[header.columns.date] ?? "");
      monthColumn ??= monthColumnOf(header.headings, header.columns);
      if (monthColumn) months.add(`${cells[header.columns.date] ?? ""}\u0000${cells[monthColumn.index] ?? ""}`);
    }, sheet);
    surveyed.set(sheet, { table, dates, months });
    return { record: (cells, row) => table.record(cells, row), end: () => table.finish() };
  });
  const withHeader = [...surveyed.values()].filter(({ table }) => table.header !== null);
  if (withHeader.length === 0) {
    const found = [...surveyed.values()].map(({ table }) => table.describeTop()).filter(Boolean).join(" | ");
    throw new InputError(
      `no spend heading row in the first ${HEADER_SEARCH_ROWS} rows (found ${found || "nothing"}); a spend file needs ${describeRequired(SPEND_FIELDS)}`,
      { file: source.path },
    );
  }
  const orders = new Map(withHeader.map(({ table, dates, months }): [string | null, TableDates] => {
    const header = table.header!;
    if (header.columns.date !== undefined) {
      const column = monthColumnOf(header.headings, header.columns);
      const pairs = [...months].map((pair) => pair.split("\u0000") as [string, string]);
      return [table.sheet, decideDateOrder(dates, { ...dateContext, ...(column ? { rowMonths: { column, pairs } } : {}) })];
    }
    // No date column (its kind was told by the headings without one: detect-kind.ts): the file's period, or refused.
    if (!period) throw new InputError(noPeriodReason(source.path), { file: source.path });
    return [table.sheet, { order: "dmy", reason: "", period }];
  }));
  const suppliers = new SupplierKeys();
  const tables: StreamedTable[] = [];
  await read((sheet) => {
    const dateOrder = orders.get(sheet);
    const table = new SpendTable(headings.get(sheet), (cells, row, header) => {
      const verdict = readSpendRow(cells, row, header, suppliers);
      if (verdict.kind === "line") writer.line(verdict.line, sheet);
      else if (verdict.kind === "quarantined") writer.quarantined(verdict.entries, sheet);
    }, sheet, { ...(dateOrder ? { dateOrder: dateOrder.order } : {}), ...(dateOrder?.period ? { periodDate: dateOrder.period.firstDay } : {}) });
    return {
      record: (cells, row) => {
        if (dateOrder) table.record(cells, row);
      },
      end: () => {
        if (!dateOrder) return;
        table.finish();
        if (table.header) tables.push({ sheet, header: table.header, dateOrder });
      },
    };
  });
  return tables;
}

/** How a table was read, for the load report: its heading mapping and its date column's order. */
function readingOf(table: StreamedTable): string {
  const sheet = table.sheet === null ? "" : `sheet ${JSON.stringify(table.sheet)}: `;
  const { period } = table.dateOrder;
  const dates = period ? `no date column: each line is its supplier's total for ${period.source}` : `dates ${table.dateOrder.reason}`;
  return `${sheet}${describeMapping(table.header.headings, table.header)}; ${dates}`;
}

/** What a spend file's dates are read with, beside its own dates: the period its name gives, and its institution's stated order. */
function dateContextOf(path: string, institution: InstitutionFolder): DateOrderContext {
  return { namedPeriod: periodFromName(path), statedOrder: institution.mapping.dateOrder };
}

/**
 * A spend CSV read by DuckDB into a staging table (stage-spend-csv.ts) and made ready for its insert
 * (prepareStagedSpend), before the file's transaction; null for a file DuckDB's reader would read otherwise than
 * the streaming reader (loadSpend streams it). `beside`: on the connection beside the warehouse's.
 */
export async function stageSpend(
  warehouse: Warehouse, source: TableSource, detected: DetectedTable, institution: InstitutionFolder, options: { beside?: boolean } = {},
): Promise<PreparedSpendCsv | null> {
  const staged = await stageSpendCsv(warehouse, source, detected, options);
  if (!staged) return null;
  let prepared: PreparedSpendCsv | null = null;
  try {
    prepared = await prepareStagedSpend(warehouse, staged, dateContextOf(source.path, institution));
    return prepared;
  } finally {
    // Not made ready (it failed, or the file is to be streamed): its tables go.
    if (!prepared) await dropStagedSpend(warehouse, staged.table);
  }
}

/**
 * Loads a spend file for its institution: a CSV file DuckDB has staged (stage-spend-csv.ts) through SQL,
 * any other CSV file streamed, and every sheet of a workbook that holds a spend table. A file, or
 * workbook, with no spend heading row anywhere is refused, naming what it found.
 */
export async function loadSpend(
  warehouse: Warehouse,
  source: TableSource,
  fileId: number,
  institution: InstitutionFolder,
  headings: TableHeadings,
  staged: PreparedSpendCsv | null,
  onProgress?: ProgressListener,
): Promise<SpendLoadOutcome> {
  const writer = await SpendWriter.open(warehouse, fileId, source.path, institution.institutionId, onProgress);
  let tables: StreamedTable[];
  try {
    if (staged) {
      await loadStagedSpend(warehouse, staged, writer, fileId, institution.institutionId);
      tables = [{ sheet: null, header: { ...staged.header, dateOrder: staged.dateOrder.order }, dateOrder: staged.dateOrder }];
    } else {
      tables = await streamSpend(source, headings, writer, dateContextOf(source.path, institution), filePeriod(source.path, institution));
    }
  } finally {
    await writer.close(warehouse);
  }
  const first = tables[0]!.header;
  return {
    rowsRead: writer.rowsRead,
    rowsLoaded: writer.rowsLoaded,
    rowsQuarantined: writer.rowsQuarantined,
    amountLoadedPence: writer.amountPence,
    ...(writer.firstDate ? { firstDate: writer.firstDate } : {}),
    ...(writer.lastDate ? { lastDate: writer.lastDate } : {}),
    vatBasis: vatBasisOf(first.headings[first.columns.amount!] ?? "", institution.mapping.vatBasis),
    sheets: tables.flatMap((table) => (table.sheet === null ? [] : [table.sheet])),
    reader: staged ? "duckdb" : "stream",
    reading: [tables.map(readingOf).join(" | "), writer.identifiers.describe()].filter(Boolean).join("; "),
  };
}
