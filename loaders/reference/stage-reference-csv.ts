import { listValue } from "../../src/core/duckdb.js";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { InputError } from "../../src/core/errors.js";
import { Utf8Check } from "../files/scan-file.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";

/** A file's bytes, decompressed when gzipped, streamed in chunks. */
function openBytes(path: string): Readable {
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(path) ? source.pipe(createGunzip()) : source;
}

/** What one pass over a reference table's lines finds. */
export interface ReferenceLineScan {
  /** 1-based numbers of the empty lines after the heading line (DuckDB's read_csv skips them). */
  blankLines: number[];
  /** Whether every byte sequence is UTF-8; if not, the file is Windows-1252 (as scanFile decides for the whole file). */
  utf8: boolean;
}

/** Finds the empty lines after line `headingLine`, and whether the text is UTF-8, in one streaming pass. */
export async function scanReferenceLines(path: string, headingLine: number): Promise<ReferenceLineScan> {
  const blankLines: number[] = [];
  const utf8 = new Utf8Check();
  let line = 1;
  let pending = 0; // bytes of the current line seen in earlier chunks
  let pendingLast = -1; // the last of them
  for await (const chunk of openBytes(path)) {
    const bytes = chunk as Buffer;
    utf8.update(bytes);
    let start = 0;
    for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
      const length = pending + newline - start;
      const last = newline > start ? bytes[newline - 1]! : pendingLast;
      if (line > headingLine && (length === 0 || (length === 1 && last === 13))) blankLines.push(line);
      line++;
      pending = 0;
      start = newline + 1;
    }
    if (start < bytes.length) {
      pending += bytes.length - start;
      pendingLast = bytes[bytes.length - 1]!;
    }
  }
  return { blankLines, utf8: utf8.end() };
}

/**
 * The first line on which a quote is opened and not closed by the line's end, or null. Values in a reference
 * table hold no line breaks (DuckDB's parallel reader refuses them), so an odd number of quotes on a line is
 * a quote never closed.
 */
export async function findUnclosedQuote(path: string): Promise<number | null> {
  let line = 1;
  let open = false;
  for await (const chunk of openBytes(path)) {
    for (const byte of chunk as Buffer) {
      if (byte === 34) open = !open;
      else if (byte === 10) {
        if (open) return line;
        line++;
      }
    }
  }
  return open ? line : null;
}

/** Writes a Windows-1252 file (gzipped or not) as UTF-8 text, for DuckDB's reader (built in: UTF-8, UTF-16, Latin-1 only). */
async function writeUtf8Copy(path: string, target: string): Promise<void> {
  await pipeline(openBytes(path), async function* (chunks: AsyncIterable<Buffer>) {
    const decoder = new TextDecoder("windows-1252");
    for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  }, createWriteStream(target));
}

/** A one-character delimiter as a SQL string literal. */
function quoteSql(delimiter: string): string {
  if (![",", ";", "\t", "|"].includes(delimiter)) throw new Error(`unexpected delimiter ${JSON.stringify(delimiter)}`);
  return delimiter === "\t" ? "'\t'" : `'${delimiter}'`;
}

/** DuckDB's CSV error in words: where it stopped and why, without its list of reader options and fixes. */
function describeCsvError(message: string): { problem: string; row?: number } {
  const line = /CSV Error on Line: (\d+)/.exec(message);
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  const problem = columns
    ? `${columns[2]} values where the heading row has ${columns[1]} columns (expected one value per heading)`
    : "cannot be read as CSV (expected a heading row, then one row of values per line)";
  return line ? { problem, row: Number(line[1]) } : { problem };
}

/** The temp table of a staged reference file's runs of blank lines (ReferenceLines), when it has any. */
const BLANK_LINES_TABLE = "reference_blank_lines";

/** Drops the table ReferenceLines reads, once a staged reference file's rows are loaded. */
export async function dropReferenceLines(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`DROP TABLE IF EXISTS ${BLANK_LINES_TABLE}`);
}

/** Where a staged reference file's rows are in the file. */
export interface ReferenceLines {
  /**
   * SQL: the file's line number of the row at `record` (0 for the first row after the heading: the staged table's
   * rowid, qualified by its table's alias, `s.rowid`, as a subquery here has a rowid of its own).
   */
  line(record: string): string;
}

/**
 * Reads a reference table's rows after its heading row with DuckDB's own CSV reader, so that a national file streams
 * through: `into` makes a statement of its SELECT of the `kept` columns of c0…cN (default all, as text), which
 * creates a table of them (default the temp table staged_reference). They are never held apart, and they come in file
 * order: DuckDB keeps a query's order as it inserts it (preserve_insertion_order, its default, which anchor-spend never
 * changes), so a row's rowid in that table is its place in the file, as the staged spend lines' is. The rows are not
 * numbered as they are read: `row_number() OVER ()` reads the file and runs everything selected from it on one thread
 * (the 5M-row register's check took 28.0–34.8 s without it, against 55.0–58.2 s, measured 2026-12-03). The returned
 * lines give a row's line number from its rowid, blank lines counted as DuckDB's reader skips them. A Windows-1252
 * file is read through a UTF-8 copy. A file the reader cannot read is refused in words, naming the row (DuckDB's
 * message stays in the error's cause).
 */
export async function stageReferenceCsv(
  warehouse: Warehouse, path: string, headerIndex: number, columnCount: number,
  format: { delimiter: string; quoted: boolean } = { delimiter: ",", quoted: true },
  kept: readonly number[] = Array.from({ length: columnCount }, (_, index) => index),
  into: (rows: string) => string = (rows) => `CREATE OR REPLACE TEMP TABLE staged_reference AS ${rows}`,
): Promise<ReferenceLines> {
  const headingLine = headerIndex + 1;
  const { blankLines, utf8 } = await scanReferenceLines(path, headingLine);
  const copyFolder = utf8 ? null : mkdtempSync(join(tmpdir(), "anchor-spend-reference-"));
  try {
    const csvPath = copyFolder ? join(copyFolder, "reference.csv") : path;
    if (copyFolder) await writeUtf8Copy(path, csvPath);
    // Only the kept columns leave the reader (a national register's 55 columns are read, and a few kept).
    const read = `SELECT ${kept.map((index) => `c${index}`).join(", ")}
                  FROM read_csv(?, header = false, skip = ${headingLine}, all_varchar = true, delim = ${quoteSql(format.delimiter)},
                                ${format.quoted ? `quote = '"', escape = '"'` : `quote = '', escape = ''`},
                                null_padding = true, names = ?::VARCHAR[])`;
    const names = listValue(Array.from({ length: columnCount }, (_, index) => `c${index}`));
    try {
      await warehouse.run(into(read), [csvPath, names]);
    } catch (error) {
      const unclosed = format.quoted ? await findUnclosedQuote(csvPath) : null;
      if (unclosed !== null) {
        throw new InputError(`a quote (") is opened and not closed before the end of the line (expected "…" around a value, with "" for a quote inside it; values here hold no line breaks)`,
          { file: path, row: unclosed }, { cause: error });
      }
      const { problem, row } = describeCsvError((error as Error).message);
      throw new InputError(problem, { file: path, ...(row === undefined ? {} : { row }) }, { cause: error });
    }
    await dropReferenceLines(warehouse);
    if (blankLines.length === 0) return { line: (record) => `(${record} + ${headingLine + 1})` };
    // For each run of blank lines: how many rows come before it, and how many blank lines there are so far.
    const recordsBefore = new Map<number, number>();
    blankLines.forEach((blank, index) => recordsBefore.set(blank - headingLine - (index + 1), index + 1));
    await warehouse.run(
      `CREATE TEMP TABLE ${BLANK_LINES_TABLE} AS SELECT unnest(?::BIGINT[]) AS records_before, unnest(?::BIGINT[]) AS blanks_so_far`,
      [listValue([...recordsBefore.keys()]), listValue([...recordsBefore.values()])],
    );
    return {
      line: (record) => `(${record} + ${headingLine + 1} + coalesce((SELECT max(b.blanks_so_far) FROM ${BLANK_LINES_TABLE} b WHERE b.records_before <= ${record}), 0))`,
    };
  } finally {
    if (copyFolder) rmSync(copyFolder, { recursive: true, force: true });
  }
}
