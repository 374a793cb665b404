import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { describeRequired, type FieldSpec } from "../schema/column-synonyms.js";
import type { DetectedTable } from "../schema/detect-kind.js";
import type { LoadOutcome } from "../load-outcome.js";
import { QuarantineWriter } from "../quarantine.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";
import { registerEdition } from "./register-edition.js";
import { registerRegisterFunctions } from "./register-sql-functions.js";
import { dropReferenceLines, stageReferenceCsv, type ReferenceLines } from "./stage-reference-csv.js";

/** How one kind of reference table (postcodes, areas, deprivation…) maps onto its warehouse table. */
export interface ReferenceTable {
  name: string;
  fields: readonly FieldSpec[];
  table: string;
  /**
   * Target column → SQL over the file's columns; `column(field)` is the field's column, or NULL when absent.
   * `file` names the file and its headings, for a table whose rows' meaning depends on them (an index's edition).
   */
  select(column: (field: string) => string, file: { path: string; heading(field: string): string | null }): Record<string, string>;
  /** Why a row cannot load: SQL conditions over the selected columns, first match wins. */
  problems: readonly { when: string; field: string; code: ProblemCode; reason: string }[];
  /** Target columns that identify a row: a newer file replaces older rows with the same key. */
  key: readonly string[];
  /** Which of several rows with one key in a file to keep (SQL ORDER BY); the others are quarantined. */
  keep?: string;
  /** The quarantine code and reason for the rows not kept, when the default (a duplicate) is not what they are. */
  notKept?: { code: ProblemCode; reason: string };
  /**
   * A national register published in editions (loaders/reference/register-edition.ts): a newer edition replaces
   * the loaded one whole, parts of one edition add up, an older one is refused; each file's edition is recorded
   * in register_editions. `example` is a published name, for the refusal of a file whose name gives no date.
   */
  edition?: { register: "companies-house" | "charity-commission"; example: string };
  /** False for a tab-separated extract whose values are never quoted (a quote is part of the value). */
  quoted?: false;
}

/** The loaded edition of a register, or null: "YYYY-MM-DD". */
async function loadedEdition(warehouse: Warehouse, register: NonNullable<ReferenceTable["edition"]>): Promise<string | null> {
  const { loaded } = await warehouse.one<{ loaded: string | null }>(
    "SELECT strftime(max(edition), '%Y-%m-%d') AS loaded FROM register_editions WHERE register = ?", [register.register]);
  return loaded;
}

/** A file's edition of a register, refusing a file whose name gives none or one older than the edition loaded. */
async function newEdition(warehouse: Warehouse, spec: ReferenceTable, register: NonNullable<ReferenceTable["edition"]>, path: string): Promise<string> {
  const edition = registerEdition(path);
  if (edition === null) {
    throw new InputError(`no edition date (YYYY-MM-DD) in the file's name or its folder's: keep the published name, e.g. ${register.example}`, { file: path });
  }
  const loaded = await loadedEdition(warehouse, register);
  if (loaded !== null && edition < loaded) {
    throw new InputError(`is the ${edition} edition of the ${spec.name}, older than the ${loaded} edition loaded: load the newest edition`, { file: path });
  }
  return edition;
}

/** The temporary table a reference file's rows are read and checked into (checkReferenceTable), before its transaction. */
const CHECKED_REFERENCE_TABLE = "checked_reference";
/** The rowids of its rows with no problem whose key another row has, that are not kept (checkReferenceTable). */
const NOT_KEPT_TABLE = "checked_reference_not_kept";

/** A reference file read and checked into CHECKED_REFERENCE_TABLE, for loadReferenceTable within the file's transaction. */
export interface CheckedReference {
  spec: ReferenceTable;
  path: string;
  /** The file's edition of a national register (null for other reference tables). */
  edition: string | null;
  targets: string[];
  /** Each problem's field's heading as the file writes it. */
  heading(field: string): string;
  /** The file's line of each of its rows. */
  lines: ReferenceLines;
}

/**
 * Reads a reference table with DuckDB's own CSV reader (gzipped or not; loaders/reference/stage-reference-csv.ts), so a
 * national file streams through without sitting in memory, into CHECKED_REFERENCE_TABLE (the columns the table keeps
 * and each row's first problem, in file order), and the rows of a key after the one kept into NOT_KEPT_TABLE. Runs before the file's transaction: DuckDB reads a
 * table made outside a transaction on all its threads (the rows of one made within it stay the transaction's own,
 * read on one): the 5M-row register's insert took 5.1 s against 10.5 s (measured 2026-12-02). An older edition of
 * a register is refused before it is read.
 */
export async function checkReferenceTable(warehouse: Warehouse, spec: ReferenceTable, path: string, detected: DetectedTable): Promise<CheckedReference> {
  const header = detected.headings.get(null);
  if (!header) throw new InputError(`no ${spec.name} heading row found (needs ${describeRequired(spec.fields)})`, { file: path });
  const edition = spec.edition ? await newEdition(warehouse, spec, spec.edition, path) : null;
  if (spec.edition) registerRegisterFunctions(warehouse);
  const headings = detected.head.tables[0]!.rows[header.headerIndex]!;
  const column = (field: string) => (header.columns[field] === undefined ? "NULL" : `c${header.columns[field]}`);
  const heading = (field: string) => (header.columns[field] === undefined ? field : headings[header.columns[field]!] ?? field);
  const selected = spec.select(column, { path, heading: (field) => (header.columns[field] === undefined ? null : heading(field)) });
  const targets = Object.keys(selected);
  const rawFields = [...new Set(spec.problems.map((problem) => problem.field))];
  const problem = spec.problems.length === 0 ? "NULL" : `CASE ${spec.problems.map((p, i) => `WHEN ${p.when} THEN ${i}`).join(" ")} END`;
  // The file's rows selected and checked as the reader streams them (never staged whole first), in file order.
  const lines = await stageReferenceCsv(warehouse, path, header.headerIndex, headings.length, {
    delimiter: detected.head.csv?.delimiter ?? ",", quoted: spec.quoted !== false,
  }, [...new Set(Object.values(header.columns))].sort((a, b) => a - b), (rows) =>
    `CREATE OR REPLACE TEMP TABLE ${CHECKED_REFERENCE_TABLE} AS
     SELECT *, ${problem} AS problem FROM (
       SELECT ${rawFields.map((field) => `${column(field)} AS "raw ${field}"`).join(", ")}${rawFields.length ? "," : ""}
              ${targets.map((target) => `${selected[target]} AS ${target}`).join(", ")}
       FROM (${rows}))`);
  // Of the rows with no problem and one key, the first in the file is kept (or the first of those spec.keep prefers).
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE ${NOT_KEPT_TABLE} AS
     SELECT rowid AS record FROM ${CHECKED_REFERENCE_TABLE} WHERE problem IS NULL
     QUALIFY row_number() OVER (PARTITION BY ${spec.key.join(", ")} ORDER BY ${spec.keep ? `${spec.keep}, ` : ""}rowid) > 1`);
  return { spec, path, edition, targets, heading, lines };
}

/** Drops CHECKED_REFERENCE_TABLE and what goes with it: when its rows are loaded, and after the file's transaction whatever happened. */
export async function dropCheckedReference(warehouse: Warehouse): Promise<void> {
  for (const table of [CHECKED_REFERENCE_TABLE, NOT_KEPT_TABLE]) await warehouse.run(`DROP TABLE IF EXISTS ${table}`);
  await dropReferenceLines(warehouse);
}

/**
 * Loads a reference file checked by checkReferenceTable, within the file's transaction: bad rows and duplicate keys
 * to quarantine with their reasons, under their line numbers in the file; a newer edition of a register replaces
 * the loaded one whole.
 */
export async function loadReferenceTable(warehouse: Warehouse, checked: CheckedReference, fileId: number): Promise<LoadOutcome> {
  const { spec, path, edition, targets, heading, lines } = checked;
  const key = spec.key.join(", ");
  if (spec.edition) {
    // A newer edition than the one loaded (an older one was refused by checkReferenceTable) clears it.
    const loaded = await loadedEdition(warehouse, spec.edition);
    if (loaded !== null && edition! > loaded) {
      await warehouse.run(`DELETE FROM ${spec.table}`);
      await warehouse.run("DELETE FROM register_editions WHERE register = ?", [spec.edition.register]);
    }
  }
  const good = `${CHECKED_REFERENCE_TABLE} WHERE problem IS NULL AND rowid NOT IN (SELECT record FROM ${NOT_KEPT_TABLE})`;
  const quarantine = await QuarantineWriter.open(warehouse, fileId, path);
  for (const [index, p] of spec.problems.entries()) {
    await quarantine.addSelected(
      `SELECT ${lines.line("c.rowid")} AS row_number, $heading AS column_name, "raw ${p.field}" AS raw_value
       FROM ${CHECKED_REFERENCE_TABLE} c WHERE problem = ${index} ORDER BY c.rowid`,
      { heading: heading(p.field) }, p,
    );
  }
  await quarantine.addSelected(
    `SELECT ${lines.line("c.rowid")} AS row_number, NULL AS column_name, concat_ws(' ', ${spec.key.join(", ")}) AS raw_value
     FROM ${CHECKED_REFERENCE_TABLE} c WHERE c.rowid IN (SELECT record FROM ${NOT_KEPT_TABLE}) ORDER BY c.rowid`,
    {}, spec.notKept ?? { code: "duplicate-key", reason: `the same ${spec.key.join(" and ")} appears in an earlier row of this file` },
  );
  await quarantine.close();
  await warehouse.run(`DELETE FROM ${spec.table} WHERE (${key}) IN (SELECT (${key}) FROM ${good})`);
  await warehouse.run(`INSERT INTO ${spec.table} (${targets.join(", ")}, file_id) SELECT ${targets.join(", ")}, ? FROM ${good}`, [fileId]);
  if (spec.edition) {
    await warehouse.run("INSERT INTO register_editions (register, edition, file_id) VALUES (?, ?::DATE, ?)", [spec.edition.register, edition, fileId]);
  }
  const counts = await warehouse.one<{ read: number; loaded: number }>(
    `SELECT (SELECT count(*) FROM ${CHECKED_REFERENCE_TABLE}) AS read, (SELECT count(*) FROM ${good}) AS loaded`,
  );
  await dropCheckedReference(warehouse);
  return { rowsRead: counts.read, rowsLoaded: counts.loaded, rowsQuarantined: counts.read - counts.loaded };
}
