import Papa from "papaparse";
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { InputError } from "../src/errors.js";

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
 * An unterminated quote is a structural fault: the rest of the file would be read as one cell.
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
        if (quoteError && quoteError.code === "MissingQuotes") {
          failed = true;
          parser.abort();
          reject(new InputError(`a quoted cell is never closed (expected a closing " before the end of the file)`, { file: path, row }));
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
