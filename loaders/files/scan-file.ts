import { createHash } from "node:crypto";
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";

/** What one streaming pass over a file's bytes tells: its identity, its text encoding, and whether it is text. */
export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: "utf-8" | "windows-1252";
  /** NUL bytes: binary content, or UTF-16 text, neither of which is a CSV anchor-spend reads. */
  hasNul: boolean;
  /** The ZIP signature XLSX and ODS workbooks start with. */
  isZip: boolean;
  /** The OLE2 compound-file signature Excel 97–2003 (.xls) workbooks start with. */
  isOle: boolean;
  /**
   * White space other than the space (tab, vertical tab, form feed, a lone carriage return, no-break and
   * other Unicode spaces, a byte-order mark past the start) anywhere in the file: trimming cells then needs
   * JavaScript's full rule, not the space-only trim.
   */
  unusualWhitespace: boolean;
  /** Lines of text: line feeds, plus one for a last line without one (a check on a CSV reader's record count). */
  lines: number;
}

const SPACE_LIKE_AFTER_E2_80 = new Set([0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0xa8, 0xa9, 0xaf]);
const SPACE_LIKE_SEQUENCES = [[0x09], [0x0b], [0x0c], [0xc2, 0xa0], [0xe1, 0x9a, 0x80], [0xe2, 0x81, 0x9f], [0xe3, 0x80, 0x80], [0xef, 0xbb, 0xbf]].map((bytes) => Buffer.from(bytes));

const E2_80 = Buffer.from([0xe2, 0x80]);
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Whether UTF-8 bytes hold white space other than the space and CR LF line ends (see FileScan). A lone CR
 * at the very end is left to the next chunk's check, which the caller overlaps by two bytes.
 */
export function holdsUnusualWhitespace(bytes: Buffer): boolean {
  if (SPACE_LIKE_SEQUENCES.some((sequence) => bytes.includes(sequence))) return true;
  for (let at = bytes.indexOf(0x0d); at !== -1; at = bytes.indexOf(0x0d, at + 1)) {
    if (at + 1 < bytes.length && bytes[at + 1] !== 0x0a) return true;
  }
  for (let at = bytes.indexOf(E2_80); at !== -1; at = bytes.indexOf(E2_80, at + 1)) {
    if (at + 2 < bytes.length && SPACE_LIKE_AFTER_E2_80.has(bytes[at + 2]!)) return true;
  }
  return false;
}

/** How many leading bytes hold whole UTF-8 characters: all but a last character cut short (at most 3 bytes). */
export function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Whether a stream of byte chunks is UTF-8 throughout, validated natively without decoding: a character cut by a
 * chunk's end waits for the next chunk, and one still cut at the end makes it not UTF-8.
 */
export class Utf8Check {
  private unfinished = Buffer.alloc(0);
  private valid = true;

  update(buffer: Buffer): void {
    if (!this.valid) return;
    const bytesSoFar = this.unfinished.length > 0 ? Buffer.concat([this.unfinished, buffer]) : buffer;
    const complete = completeUtf8Length(bytesSoFar);
    this.valid = isUtf8(bytesSoFar.subarray(0, complete));
    this.unfinished = Buffer.from(bytesSoFar.subarray(complete));
  }

  /** After the last chunk: whether every byte sequence was UTF-8. */
  end(): boolean {
    return this.valid && this.unfinished.length === 0;
  }
}

function countLineFeeds(buffer: Buffer): number {
  let count = 0;
  for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) count++;
  return count;
}

/**
 * Reads a file once, in chunks (never whole), to hash it and decide its encoding: UTF-8 if every byte
 * sequence is valid UTF-8, else Windows-1252 (spreadsheets saved on Windows; `£` is byte 0xA3).
 */
export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash("sha256");
  const utf8 = new Utf8Check();
  let hasNul = false;
  let bytes = 0;
  let head: Buffer | null = null;
  let lineFeeds = 0;
  let lastByte = 10;
  let unusualWhitespace = false;
  let carried = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    head ??= buffer.subarray(0, 8);
    hash.update(buffer);
    bytes += buffer.length;
    lineFeeds += countLineFeeds(buffer);
    if (buffer.length > 0) lastByte = buffer[buffer.length - 1]!;
    if (!unusualWhitespace) {
      // The chunk (past a leading byte-order mark), and where it meets the previous one: a sequence may straddle them.
      const first = bytes === buffer.length;
      const body = first && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
      unusualWhitespace = holdsUnusualWhitespace(body) || (!first && holdsUnusualWhitespace(Buffer.concat([carried, buffer.subarray(0, 2)])));
      carried = Buffer.from(buffer.subarray(Math.max(0, buffer.length - 2)));
    }
    if (!hasNul && buffer.includes(0)) hasNul = true;
    utf8.update(buffer);
  }
  return {
    sha256: hash.digest("hex"),
    bytes,
    encoding: utf8.end() ? "utf-8" : "windows-1252",
    hasNul,
    isZip: head !== null && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04,
    isOle: head !== null && head.subarray(0, 8).equals(OLE_SIGNATURE),
    unusualWhitespace: unusualWhitespace || lastByte === 0x0d,
    lines: lineFeeds + (lastByte === 10 ? 0 : 1),
  };
}
