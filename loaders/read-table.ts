import Papa from "papaparse";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { InputError } from "../src/errors.js";

/** A file's bytes and their SHA-256, the identity of a load (same content, same file). */
export async function readFileWithHash(path: string): Promise<{ bytes: Buffer; sha256: string }> {
  const bytes = await readFile(path);
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/**
 * Decodes published text: UTF-8 with or without a byte-order mark, else Windows-1252 (the `£` of
 * spreadsheets saved on Windows). Binary content is refused rather than read as garbage.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const content = file.endsWith(".gz") ? gunzipSync(bytes) : bytes;
  if (content.includes(0)) {
    throw new InputError("holds NUL bytes: this is not a text (CSV) file (expected comma-separated text)", { file });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder("windows-1252").decode(content);
  }
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** All rows of a CSV text as arrays of trimmed cells, in file order (row 1 is the file's first line). */
export function parseCsvRows(text: string, file: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: "" });
  const fatal = result.errors.find((error) => error.type === "Quotes");
  if (fatal) {
    throw new InputError(`${fatal.message} (expected every quoted cell to be closed)`, { file, row: (fatal.row ?? 0) + 1 });
  }
  const rows = result.data.map((row) => row.map((cell) => cell.trim()));
  while (rows.length > 0 && rows[rows.length - 1]!.every((cell) => cell === "")) rows.pop();
  return rows;
}
