import Papa from "papaparse";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { InputError } from "../../src/core/errors.js";
import { decodeText } from "./decode-text.js";
import { streamCsvRecords } from "./read-csv.js";
import { WORKBOOK_EXTENSIONS, readWorkbookSheets } from "./read-workbook.js";
import type { FileScan } from "./scan-file.js";

/** A table file to read: its path, what a scan found, and whether it is CSV text or a workbook (.xlsx, .xls, .ods). */
export interface TableSource {
  path: string;
  scan: FileScan;
  format: "csv" | "workbook";
}

export type RecordSink = (cells: string[], row: number) => void;

/** Refuses what is not a table at all: an empty file, or binary content that is not a workbook. */
export function tableSource(path: string, scan: FileScan): TableSource {
  if (scan.bytes === 0) throw new InputError("is empty (expected a heading row and spend lines)", { file: path });
  const extension = WORKBOOK_EXTENSIONS.find((ending) => path.toLowerCase().endsWith(ending));
  if (extension || scan.isZip || scan.isOle) {
    if (!scan.isZip && !scan.isOle) throw new InputError(`is named ${extension} but is not a workbook (expected an Excel .xlsx or .xls, or an OpenDocument .ods file)`, { file: path });
    return { path, scan, format: "workbook" };
  }
  if (scan.hasNul) {
    throw new InputError("holds NUL bytes: it is binary, or UTF-16 text (expected CSV text in UTF-8 or Windows-1252; save it as \"CSV UTF-8\")", { file: path });
  }
  return { path, scan, format: "csv" };
}

/** What reads one table (a CSV file, or one sheet): each record, then the table's end. */
export interface TableSink {
  record: RecordSink;
  end?: () => void;
}

/** Reads a table file's records, into the sinks `openSheet` returns: one for a CSV file (sheet null), one per sheet. */
export type TableRead = (openSheet: (sheet: string | null) => TableSink) => Promise<void>;

/**
 * A reader of a table file that may be called more than once: a CSV file is streamed again each time,
 * a workbook is opened once and its sheets held. Row numbers are 1-based, as a spreadsheet shows them.
 */
export async function tableReader(source: TableSource): Promise<TableRead> {
  if (source.format === "workbook") {
    const sheets = await readWorkbookSheets(source.path);
    return async (openSheet) => {
      for (const { sheet, rows } of sheets) {
        const sink = openSheet(sheet);
        rows.forEach((cells, index) => sink.record(cells, index + 1));
        sink.end?.();
      }
    };
  }
  return async (openSheet) => {
    const sink = openSheet(null);
    await streamCsvRecords(source.path, source.scan.encoding, sink.record);
    sink.end?.();
  };
}

/** Feeds every record of a table file to the sink `openSheet` returns: one sink for a CSV file (sheet null), one per sheet. */
export async function readCsvOrXlsx(source: TableSource, openSheet: (sheet: string | null) => RecordSink): Promise<void> {
  await (await tableReader(source))((sheet) => ({ record: openSheet(sheet) }));
}

/** All rows of a small table file (a register, the top of a file), for loaders that need them at once. */
export async function readAllRows(source: TableSource): Promise<string[][]> {
  const rows: string[][] = [];
  await readCsvOrXlsx(source, () => (cells) => rows.push(cells));
  return rows;
}

/** The first bytes of a file, decompressed when gzipped, read as a stream (a national file is never read whole). */
async function readHead(path: string, limit = 256 * 1024): Promise<Buffer> {
  const source = createReadStream(path, path.endsWith(".gz") ? {} : { end: limit - 1 });
  const stream = path.endsWith(".gz") ? source.pipe(createGunzip()) : source;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** The top records of a CSV file as written (cells untrimmed), with the delimiter and line break found. */
export interface CsvHead {
  rows: string[][];
  delimiter: string;
  linebreak: string;
}

/** The first `rows` records of a CSV file, from its first bytes only; a record cut off by the end of those bytes is dropped. */
export async function readCsvHead(path: string, encoding: "utf-8" | "windows-1252", rows: number, limit = 256 * 1024): Promise<CsvHead> {
  const bytes = await readHead(path, limit);
  const text = decodeText(bytes, encoding);
  const complete = bytes.length < limit ? text : text.slice(0, Math.max(0, text.lastIndexOf("\n")));
  const parsed = Papa.parse<string[]>(complete, { delimitersToGuess: [",", ";", "\t", "|"], preview: rows });
  return { rows: parsed.data, delimiter: parsed.meta.delimiter, linebreak: parsed.meta.linebreak };
}

/** A table file's top rows, read once, from which its kind and its heading rows are told (loaders/schema/detect-kind.ts). */
export interface TableHead {
  /** Each table's top records, cells trimmed as the loaders read them: a CSV file's one (sheet null), or every sheet's. */
  tables: { sheet: string | null; rows: string[][] }[];
  /** A CSV file's top records as written, with its delimiter and line break (null for a workbook). */
  csv: CsvHead | null;
}

/** The top `rows` records of a table file (gzipped CSV, CSV or any sheet of a workbook). */
export async function readTableHead(source: TableSource, rows: number): Promise<TableHead> {
  if (source.format === "workbook") {
    const sheets = await readWorkbookSheets(source.path, rows);
    return { tables: sheets.map(({ sheet, rows: all }) => ({ sheet, rows: all.slice(0, rows) })), csv: null };
  }
  const csv = await readCsvHead(source.path, source.scan.encoding, rows);
  return { tables: [{ sheet: null, rows: csv.rows.map((row) => row.map((cell) => cell.trim())) }], csv };
}
