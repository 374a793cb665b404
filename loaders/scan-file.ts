import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** What one streaming pass over a file's bytes tells: its identity, its text encoding, and whether it is text. */
export interface FileScan {
  sha256: string;
  bytes: number;
  encoding: "utf-8" | "windows-1252";
  /** NUL bytes: binary content, or UTF-16 text, neither of which is a CSV anchor-spend reads. */
  hasNul: boolean;
  /** The ZIP signature XLSX workbooks start with. */
  isZip: boolean;
}

/**
 * Reads a file once, in chunks (never whole), to hash it and decide its encoding: UTF-8 if every byte
 * sequence is valid UTF-8, else Windows-1252 (spreadsheets saved on Windows; `£` is byte 0xA3).
 */
export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let validUtf8 = true;
  let hasNul = false;
  let bytes = 0;
  let head: Buffer | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    head ??= buffer.subarray(0, 4);
    hash.update(buffer);
    bytes += buffer.length;
    if (!hasNul && buffer.includes(0)) hasNul = true;
    if (validUtf8) {
      try {
        utf8.decode(buffer, { stream: true });
      } catch {
        validUtf8 = false;
      }
    }
  }
  if (validUtf8) {
    try {
      utf8.decode();
    } catch {
      validUtf8 = false;
    }
  }
  return {
    sha256: hash.digest("hex"),
    bytes,
    encoding: validUtf8 ? "utf-8" : "windows-1252",
    hasNul,
    isZip: head !== null && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04,
  };
}
