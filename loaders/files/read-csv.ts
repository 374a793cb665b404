import Papa from "papaparse";
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { InputError } from "../../src/core/errors.js";

/** Decodes a byte stream to text chunks in the given encoding, dropping a UTF-8 byte-order mark. */
function decoder(encoding: "utf-8" | "windows-1252"): Transform {
  const textDecoder = new TextDecoder(encoding);
  let first = true;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      let text = textDecoder.decode(chunk, { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      done(null, text);
    },
    flush(done) {
      done(null, textDecoder.decode());
    },
  });
}

/**
 * Streams a CSV file's records, one at a time, to `onRecord(cells, row)` — row is the 1-based record
 * number (the line number when no cell holds a line break), blank lines included — so a file of any size
 * is never held in memory whole. The delimiter (comma, semicolon, tab) is detected from the first lines.
 * A quote never closed, or text after a closing quote, is a structural fault that would swallow rows: refused.
 */
export function streamCsvRecords(
  path: string,
  encoding: "utf-8" | "windows-1252",
  onRecord: (cells: string[], row: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let row = 0;
    let failed = false;
    const source = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(decoder(encoding));
    Papa.parse<string[]>(source as unknown as File, {
      delimitersToGuess: [",", ";", "\t", "|"],
      step(results, parser) {
        row++;
        const quoteError = results.errors.find((error) => error.code === "MissingQuotes" || error.code === "InvalidQuotes");
        if (quoteError) {
          // A quote never closed would swallow the rest of the file; text after a closing quote ("Acme" Ltd)
          // makes the parser run on past the line's end. Either way rows would vanish: refuse, naming the row.
          failed = true;
          parser.abort();
          const expected = quoteError.code === "MissingQuotes"
            ? `a quoted cell is never closed (expected a closing " before the end of the file)`
            : `a quoted cell has text after its closing quote (expected a delimiter or the line's end after a closing ", or "" for a quote inside a quoted cell)`;
          reject(new InputError(expected, { file: path, row }));
          return;
        }
        try {
          onRecord(results.data.map((cell) => cell.trim()), row);
        } catch (error) {
          failed = true;
          parser.abort();
          reject(error);
        }
      },
      complete() {
        if (!failed) resolve(row);
      },
      error(error) {
        if (!failed) reject(new InputError(`cannot be read as CSV: ${error.message}`, { file: path }, { cause: error }));
      },
    });
  });
}

