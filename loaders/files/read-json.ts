import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { InputError } from "../../src/core/errors.js";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";
import { decodeText } from "./decode-text.js";

/** Where JSON.parse stopped, as line and column (JSON.parse gives a character offset, when it gives one). */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** A character named so a message can show it: itself when printable, else its code point (U+0000). */
function describeCharacter(character: string): string {
  const shown = printableExcerpt(character, 4);
  return shown === character ? `"${character}"` : `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * What is wrong with text that is not JSON, in words: JSON.parse's own message quotes the text's first
 * characters as they are (NUL bytes, escapes and all), so it is read for where parsing stopped and said again.
 */
function describeJsonError(text: string, error: Error): string {
  if (text.trim() === "") return "it is empty";
  if (/Unexpected end of JSON input/.test(error.message)) return "it ends before the JSON is complete";
  const at = /^(.*?) in JSON at position (\d+)/s.exec(error.message);
  if (at) return `${printableExcerpt(at[1]!.replace(/^\w/, (c) => c.toLowerCase()), 80)} at ${lineAndColumn(text, Number(at[2]))}`;
  const token = /^Unexpected token '(.+?)', /su.exec(error.message);
  if (token) {
    const offset = text.indexOf(token[1]!);
    return `unexpected character ${describeCharacter(token[1]!)}${offset >= 0 ? ` at ${lineAndColumn(text, offset)}` : ""}`;
  }
  return "it could not be parsed";
}

/** Parses JSON text (a byte-order mark dropped), refusing text that is not JSON in words that name the file. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new InputError(`is not valid JSON (${describeJsonError(body, error as Error)})`, { file }, { cause: error });
  }
}

/** The reason a file cannot be read, in words (the error codes stay in the cause). */
function describeReadError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EISDIR": return "is a folder, not a file (expected a JSON file)";
    case "ENOENT": return "does not exist";
    case "EACCES":
    case "EPERM": return "cannot be read: permission denied";
    default: return "cannot be read";
  }
}

/**
 * Reads a JSON file: its bytes decoded as UTF-8 (or Windows-1252 when they are not UTF-8), a byte-order
 * mark dropped, parsed. A folder, an unreadable file or text that is not JSON is refused naming the file.
 */
export function readJsonFile(path: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(describeReadError(error as NodeJS.ErrnoException), { file: path }, { cause: error });
  }
  return parseJsonText(decodeText(bytes, isUtf8(bytes) ? "utf-8" : "windows-1252"), path);
}
