import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "../warehouse/warehouse.js";
import { SUPPLIER_REGISTER_FIELDS, readTableSchema } from "../../loaders/schema/column-synonyms.js";
import type { FoundHeader } from "../../loaders/schema/detect-header.js";
import { detectTableKind, headingsIn, readDetectionHead, type DetectedTable } from "../../loaders/schema/detect-kind.js";
import { NO_MAPPING, institutionFolderFor, type InstitutionFolder } from "../../loaders/schema/institution-folder.js";
import { loadSpend, spendFieldsOf, stageSpend } from "../../loaders/spend/load-spend.js";
import { loadSupplierRegister } from "../../loaders/suppliers/load-suppliers.js";
import { readAllRows, tableSource } from "../../loaders/files/read-table.js";
import { scanFile } from "../../loaders/files/scan-file.js";
import { explainProblem, type Explanation } from "./explain-problem.js";
import { qualityWarnings, type QualityWarning } from "./quality-warnings.js";

export type ValidatedKind = "spend" | "suppliers";

/** One schema field: the heading that matched it in the file, how many rows fill it, a few of its values. */
export interface ColumnReport { field: string; title: string; required: boolean; heading: string | null; filled: number; examples: string[] }

/** One problem: where (file:row:column), the value, the rule broken, and in plain words why it matters and how to fix it. */
export interface ProblemReport extends Explanation { file: string; sheet: string | null; row: number; column: string | null; value: string | null; code: string; rule: string; context: string[] | null }

export interface FileValidation {
  file: string;
  kind: ValidatedKind | null;
  valid: boolean;
  refused: string | null;
  rowsRead: number;
  rowsValid: number;
  rowsWithProblems: number;
  columns: ColumnReport[];
  problems: ProblemReport[];
  warnings: QualityWarning[];
}

const NO_INSTITUTION: InstitutionFolder = { institutionId: "(validation)", folder: ".", mapping: NO_MAPPING };

/** Each schema field's heading and values, below the heading row found when the file's kind was told (its first table's). */
function describeColumns(rows: string[][], kind: ValidatedKind, header: FoundHeader | undefined): ColumnReport[] {
  return readTableSchema(kind).fields.map((field) => {
    const index = header?.columns[field.name];
    const values = header && index !== undefined ? rows.slice(header.headerIndex + 1).map((row) => row[index] ?? "").filter((value) => value !== "") : [];
    return {
      field: field.name, title: field.title, required: field.constraints?.required === true,
      heading: header && index !== undefined ? (rows[header.headerIndex]![index] ?? null) : null,
      filled: values.length, examples: [...new Set(values)].slice(0, 3).map((value) => (value.length > 40 ? `${value.slice(0, 39)}…` : value)),
    };
  });
}

async function problemsFrom(warehouse: Warehouse, file: string, rows: string[][]): Promise<ProblemReport[]> {
  const quarantined = await warehouse.all<{ row_number: number; sheet: string | null; column_name: string | null; raw_value: string | null; code: string; reason: string }>(
    "SELECT row_number, sheet, column_name, raw_value, code, reason FROM quarantine ORDER BY sheet NULLS FIRST, row_number, column_name",
  );
  return quarantined.map((q) => ({
    file, sheet: q.sheet, row: q.row_number, column: q.column_name, value: q.raw_value, code: q.code, rule: q.reason,
    context: q.sheet === null ? (rows[q.row_number - 1] ?? null) : null,
    ...explainProblem(q.code),
  }));
}

/**
 * Reads a file exactly as `anchor-spend load` would — into a scratch warehouse in memory that is thrown away — and
 * reports what it found: per column, per problem (file:row:column, value, rule, in plain words), and the
 * quality warnings that passing the schema does not rule out. No real warehouse is touched.
 */
export async function validateFile(file: string, kind?: ValidatedKind): Promise<FileValidation> {
  const scratch = mkdtempSync(join(tmpdir(), "anchor-spend-validate-"));
  const empty = { file, kind: kind ?? null, valid: false, rowsRead: 0, rowsValid: 0, rowsWithProblems: 0, columns: [], problems: [], warnings: [] };
  try {
    const scan = await scanFile(file);
    const source = tableSource(file, scan);
    const institution = institutionFolderFor(file) ?? NO_INSTITUTION;
    const head = await readDetectionHead(source);
    const table: DetectedTable = kind
      ? { kind, head, headings: headingsIn(head, kind === "spend" ? spendFieldsOf(institution) : SUPPLIER_REGISTER_FIELDS) }
      : detectTableKind(file, head, institution.mapping);
    const detected = table.kind;
    if (detected !== "spend" && detected !== "suppliers") {
      return { ...empty, refused: `${file}: this is a ${detected} file; validate checks spend files and supplier registers` };
    }
    const rows = await readAllRows(source);
    const warehouse = await Warehouse.inMemory(scratch);
    try {
      const outcome = detected === "spend"
        ? await loadSpend(warehouse, source, 1, institution, table.headings, await stageSpend(warehouse, source, table, institution))
        : await loadSupplierRegister(warehouse, rows, file, 1, institution.institutionId);
      const problems = await problemsFrom(warehouse, file, rows);
      return {
        file, kind: detected, valid: problems.length === 0, refused: null,
        rowsRead: outcome.rowsRead, rowsValid: outcome.rowsLoaded, rowsWithProblems: outcome.rowsQuarantined,
        columns: describeColumns(rows, detected, table.headings.values().next().value), problems, warnings: await qualityWarnings(warehouse, detected),
      };
    } finally {
      warehouse.close();
    }
  } catch (error) {
    return { ...empty, refused: (error as Error).message };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
