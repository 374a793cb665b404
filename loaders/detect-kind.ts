import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { createGunzip } from "node:zlib";
import { InputError } from "../src/errors.js";
import { POSTCODE_FIELDS, SPEND_FIELDS, SUPPLIER_REGISTER_FIELDS, describeRequired, type FieldSpec } from "./column-synonyms.js";
import { detectHeader } from "./detect-header.js";
import { decodeText, parseCsvRows } from "./read-table.js";

export type InputKind = "institution" | "definitions" | "postcodes" | "suppliers" | "spend";

/** The order a run loads kinds in: what others refer to comes first. */
export const LOAD_ORDER: readonly InputKind[] = ["institution", "definitions", "postcodes", "suppliers", "spend"];

/** Kinds told apart by their headings, most specific first. */
const TABLE_KINDS: readonly { kind: InputKind; fields: readonly FieldSpec[] }[] = [
  { kind: "postcodes", fields: POSTCODE_FIELDS },
  { kind: "spend", fields: SPEND_FIELDS },
  { kind: "suppliers", fields: SUPPLIER_REGISTER_FIELDS },
];

export const TABLE_EXTENSIONS = [".csv", ".csv.gz", ".txt"];

/** The first bytes of a file (decompressed when gzipped): enough to find its heading row. */
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

/** Says what a file holds: configuration by its name, tables by their headings. */
export async function detectKind(path: string): Promise<InputKind> {
  const name = basename(path).toLowerCase();
  if (name === "institution.json") return "institution";
  if (name === "definitions.json" || name.endsWith(".definitions.json")) return "definitions";
  if (!TABLE_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    throw new InputError(`is not a file anchor-spend reads (expected .csv, .csv.gz, institution.json or definitions.json)`, { file: path });
  }
  const head = await readHead(path);
  const headText = decodeText(head, path.replace(/\.gz$/, ""));
  const rows = parseCsvRows(headText.slice(0, headText.lastIndexOf("\n") + 1 || headText.length), path);
  for (const { kind, fields } of TABLE_KINDS) {
    if (detectHeader(rows, fields)) return kind;
  }
  const found = rows.slice(0, 3).map((row) => row.filter(Boolean).join(", ")).join(" | ");
  throw new InputError(
    `no recognisable heading row in the first lines (found: ${found || "nothing"}); ` +
      `a spend file needs ${describeRequired(SPEND_FIELDS)}`,
    { file: path },
  );
}
