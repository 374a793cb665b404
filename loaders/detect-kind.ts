import { basename } from "node:path";
import { InputError } from "../src/errors.js";
import { POSTCODE_FIELDS, SPEND_FIELDS, SUPPLIER_REGISTER_FIELDS, describeRequired, withExtraHeadings, type FieldSpec } from "./column-synonyms.js";
import { detectHeader } from "./detect-header.js";
import type { SpendMapping } from "./institution-folder.js";
import { readHeadRows, readXlsxTopRows, type TableSource } from "./read-table.js";

export type InputKind = "institution" | "definitions" | "postcodes" | "suppliers" | "spend";

/** The order a run loads kinds in: what others refer to comes first. */
export const LOAD_ORDER: readonly InputKind[] = ["institution", "definitions", "postcodes", "suppliers", "spend"];

/** Kinds told apart by their headings, most specific first. */
function tableKinds(mapping: SpendMapping): { kind: InputKind; fields: readonly FieldSpec[] }[] {
  return [
    { kind: "postcodes", fields: POSTCODE_FIELDS },
    { kind: "spend", fields: withExtraHeadings(SPEND_FIELDS, mapping.columns) },
    { kind: "suppliers", fields: SUPPLIER_REGISTER_FIELDS },
  ];
}

export const TABLE_EXTENSIONS = [".csv", ".csv.gz", ".txt", ".tsv", ".xlsx"];

/** Configuration files, told apart by name. */
export function configKind(path: string): InputKind | null {
  const name = basename(path).toLowerCase();
  if (name === "institution.json") return "institution";
  if (name === "definitions.json" || name.endsWith(".definitions.json")) return "definitions";
  return null;
}

/** Says what a table holds from its headings (in any sheet of a workbook). */
export async function detectTableKind(source: TableSource, mapping: SpendMapping): Promise<InputKind> {
  const tables = source.format === "xlsx" ? await readXlsxTopRows(source.path) : [await readHeadRows(source.path, source.scan.encoding)];
  for (const { kind, fields } of tableKinds(mapping)) {
    if (tables.some((rows) => detectHeader(rows, fields))) return kind;
  }
  const found = tables.flatMap((rows) => rows.slice(0, 3)).map((row) => row.filter(Boolean).join(", ")).filter(Boolean).join(" | ");
  throw new InputError(
    `no recognisable heading row in the first lines (found: ${found || "nothing"}); a spend file needs ${describeRequired(SPEND_FIELDS)}`,
    { file: source.path },
  );
}
