import { InputError } from "../../src/core/errors.js";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";
import { IMPORTED_LOCALITY_FIELDS, SPEND_FIELDS, SUPPLIER_REGISTER_FIELDS, describeRequired, withExtraHeadings, withOptional, type FieldSpec } from "./column-synonyms.js";
import { HEADER_SEARCH_ROWS, detectHeader, type FoundHeader } from "./detect-header.js";
import type { SpendMapping } from "./institution-folder.js";
import type { InputKind } from "./input-kinds.js";
import { readTableHead, type TableHead, type TableSource } from "../files/read-table.js";
import { isCodePointRow } from "../reference/read-codepoint.js";
import { REFERENCE_TABLES, type ReferenceKind } from "../reference/reference-tables.js";
import { CONTRACT_FIELDS, ENGAGEMENT_FIELDS, PROXY_VALUE_FIELDS, QUESTION_BANK_FIELDS, RETURN_FIELDS } from "../social-value/social-value-fields.js";

/** Kinds told apart by their headings, most specific first. */
function tableKinds(mapping: SpendMapping): { kind: InputKind; fields: readonly FieldSpec[] }[] {
  return [
    ...Object.entries(REFERENCE_TABLES).map(([kind, table]) => ({ kind: kind as ReferenceKind, fields: table.fields })),
    { kind: "imported-locality", fields: IMPORTED_LOCALITY_FIELDS },
    { kind: "returns", fields: RETURN_FIELDS },
    { kind: "contracts", fields: CONTRACT_FIELDS },
    { kind: "engagement", fields: ENGAGEMENT_FIELDS },
    { kind: "question-bank", fields: QUESTION_BANK_FIELDS },
    { kind: "proxy-values", fields: PROXY_VALUE_FIELDS },
    { kind: "spend", fields: withExtraHeadings(SPEND_FIELDS, mapping.columns) },
    { kind: "suppliers", fields: SUPPLIER_REGISTER_FIELDS },
    // Last: spend with no date column (one total per supplier for a month its name or mapping.json gives).
    { kind: "spend", fields: withOptional(withExtraHeadings(SPEND_FIELDS, mapping.columns), "date") },
  ];
}

/** Each table's heading row for a kind's fields, by sheet (null: a CSV file's one table); tables with none are absent. */
export type TableHeadings = ReadonlyMap<string | null, FoundHeader>;

/** What a table file holds, told once from its top rows: its kind, and where that kind's headings are in each table. */
export interface DetectedTable {
  kind: InputKind;
  head: TableHead;
  headings: TableHeadings;
}

/** Where a kind's heading row is in each table of a file's top rows. */
export function headingsIn(head: TableHead, fields: readonly FieldSpec[]): TableHeadings {
  const headings = new Map<string | null, FoundHeader>();
  for (const { sheet, rows } of head.tables) {
    const found = detectHeader(rows, fields);
    if (found) headings.set(sheet, found);
  }
  return headings;
}

/** Reads a table file's top rows (the loaders' one head reader), for detectTableKind and the loaders after it. */
export function readDetectionHead(source: TableSource): Promise<TableHead> {
  return readTableHead(source, HEADER_SEARCH_ROWS);
}

/** Says what a table holds from its headings (in any sheet of a workbook), and where they are. */
export function detectTableKind(path: string, head: TableHead, mapping: SpendMapping): DetectedTable {
  const tables = head.tables.map(({ rows }) => rows);
  // OS Code-Point Open is published without a heading row: recognised by the shape of its rows.
  const firstRows = tables[0]?.filter((row) => row.some((cell) => cell !== "")).slice(0, 3) ?? [];
  if (head.csv && firstRows.length > 0 && firstRows.every(isCodePointRow)) return { kind: "codepoint", head, headings: new Map() };
  for (const { kind, fields } of tableKinds(mapping)) {
    const headings = headingsIn(head, fields);
    if (headings.size > 0) return { kind, head, headings };
  }
  // What the top rows hold, quoted short and printable (a binary file's bytes or a 10 MB line are not echoed).
  const found = printableExcerpt(tables.flatMap((rows) => rows.slice(0, 3)).map((row) => row.filter(Boolean).join(", ")).filter(Boolean).join(" | "), 300);
  throw new InputError(
    `no recognisable heading row in the first lines (found: ${found || "nothing"}); a spend file needs ${describeRequired(SPEND_FIELDS)}` +
      "; a social value table (contracts, returns, engagement log, question bank, proxy values) needs the headings in loaders/social-value/social-value-fields.ts",
    { file: path },
  );
}
