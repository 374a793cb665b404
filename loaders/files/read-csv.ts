import Papa from "papaparse";
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { InputError } from "../../src/core/errors.js";

/**
 * The longest record (a line, or the lines of one record when a quoted cell holds line breaks) and the
 * longest cell read, in characters: past these a file is refused naming the row, as soon as the record
 * reaches the cap (a 200 MB single line took 2 min 45 s and 20 times the file in memory, reparsed with every
 * 1 MB read). Both sit well above any real spend line (the 10 MB cells of the bad-input corpus load).
 */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;
export const MAX_CELL_CHARS = 16 * 1024 * 1024;

/**
 * Decodes a byte stream to text in the given encoding, dropping a UTF-8 byte-order mark, and hands the text
 * on in pieces at least as long as the record the parser has not finished (everything handed on past
 * `recordsEnd()`, where its last whole record ended): the parser parses an unfinished record again with each
 * piece, so with 1 MB pieces a 10 MB cell cost ten parses of up to 10 MB; pieces that grow with the record keep
 * that linear. `check(unread)` sees how many decoded characters lie past the last whole record (a throw fails
 * the stream).
 */
function decoder(encoding: "utf-8" | "windows-1252", recordsEnd: () => number, check: (unread: number) => void): Transform {
  const textDecoder = new TextDecoder(encoding);
  let first = true;
  let handedOn = 0;
  let held = "";
  const take = (text: string, last: boolean, done: (error?: Error | null, text?: string) => void) => {
    held += text;
    try {
      check(handedOn + held.length - recordsEnd());
    } catch (error) {
      done(error as Error);
      return;
    }
    if (!last && held.length < handedOn - recordsEnd()) {
      done();
      return;
    }
    const piece = held;
    handedOn += piece.length;
    held = "";
    done(null, piece);
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      let text = textDecoder.decode(chunk, { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      take(text, false, done);
    },
    flush(done) {
      take(textDecoder.decode(), true, done);
    },
  });
}

const megabytes = (characters: number) => `${characters / (1024 * 1024)} MB`;

/**
 * Streams a CSV file's records, one at a time, to `onRecord(cells, row)` — row is the 1-based record
 * number (the line number when no cell holds a line break), blank lines included — so a file of any size
 * is never held in memory whole. The delimiter (comma, semicolon, tab) is detected from the first lines.
 * A quote never closed, or text after a closing quote, is a structural fault that would swallow rows: refused.
 * So is a record longer than MAX_RECORD_CHARS or a cell longer than MAX_CELL_CHARS, as soon as it is seen.
 */
export function streamCsvRecords(
  path: string,
  encoding: "utf-8" | "windows-1252",
  onRecord: (cells: string[], row: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let row = 0;
    let failed = false;
    // Where the last whole record ended, in characters of the text: what lies beyond is a record in hand.
    let recordsEnd = 0;
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    const source = file.pipe(decoder(encoding, () => recordsEnd, (unread) => {
      if (unread > MAX_RECORD_CHARS) {
        throw new InputError(`is longer than ${megabytes(MAX_RECORD_CHARS)} (${MAX_RECORD_CHARS.toLocaleString("en-GB")} characters) in one line or record, and is not read: expected spend lines of a few hundred characters`, { file: path, row: row + 1 });
      }
    }));
    const fail = (error: Error) => {
      failed = true;
      file.destroy();
      reject(error);
    };
    Papa.parse<string[]>(source as unknown as File, {
      delimitersToGuess: [",", ";", "\t", "|"],
      step(results, parser) {
        row++;
        recordsEnd = results.meta.cursor;
        const quoteError = results.errors.find((error) => error.code === "MissingQuotes" || error.code === "InvalidQuotes");
        if (quoteError) {
          // A quote never closed would swallow the rest of the file; text after a closing quote ("Acme" Ltd)
          // makes the parser run on past the line's end. Either way rows would vanish: refuse, naming the row.
          const expected = quoteError.code === "MissingQuotes"
            ? `a quoted cell is never closed (expected a closing " before the end of the file)`
            : `a quoted cell has text after its closing quote (expected a delimiter or the line's end after a closing ", or "" for a quote inside a quoted cell)`;
          fail(new InputError(expected, { file: path, row }));
          parser.abort();
          return;
        }
        const long = results.data.findIndex((cell) => cell.length > MAX_CELL_CHARS);
        if (long >= 0) {
          fail(new InputError(`cell ${long + 1} is longer than ${megabytes(MAX_CELL_CHARS)} (${MAX_CELL_CHARS.toLocaleString("en-GB")} characters), and is not read: expected a cell of at most a few thousand characters`, { file: path, row }));
          parser.abort();
          return;
        }
        try {
          onRecord(results.data.map((cell) => cell.trim()), row);
        } catch (error) {
          fail(error as Error);
          parser.abort();
        }
      },
      complete() {
        if (!failed) resolve(row);
      },
      error(error) {
        if (failed) return;
        if (error instanceof InputError) fail(error);
        else fail(new InputError(`cannot be read as CSV: ${error.message}`, { file: path }, { cause: error }));
      },
    });
  });
}

