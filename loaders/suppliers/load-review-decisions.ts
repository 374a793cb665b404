import { existsSync } from "node:fs";
import { InputError } from "../../src/core/errors.js";
import { REVIEW_HEADINGS } from "../../src/model/review-candidates.js";
import { refreshSupplierLocality } from "../../src/model/refresh-locality.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { readAllRows, tableSource } from "../files/read-table.js";
import { scanFile } from "../files/scan-file.js";
import type { LoadOutcome } from "../load-outcome.js";
import { writeQuarantine, type QuarantineEntry } from "../quarantine.js";
import { normaliseCharityNumber, normaliseCompanyNumber } from "../schema/supplier-identifiers.js";

/** The kind a review file is recorded under in source_files. */
export const REVIEW_FILE_KIND = "supplier-review";

type Register = "companies-house" | "charity-commission";
type Decision = "accept" | "reject" | "none";

/** A decision word as an analyst may write it (case and spaces aside); blank: not decided yet. */
const DECISION_WORDS: Record<string, Decision> = {
  accept: "accept", accepted: "accept", yes: "accept", y: "accept",
  reject: "reject", rejected: "reject", no: "reject", n: "reject",
  none: "none", "none of these": "none", "none of the above": "none",
};

const REGISTER_WORDS: Record<string, Register> = {
  "companies-house": "companies-house", "companies house": "companies-house",
  "charity-commission": "charity-commission", "charity commission": "charity-commission",
};

/** A register id as the register holds it: a spreadsheet drops a company number's leading zeros (07687209 → 7687209). */
function registerId(register: Register, raw: string): string | null {
  if (register === "companies-house") return normaliseCompanyNumber(raw);
  const charity = normaliseCharityNumber(raw);
  return charity?.scheme === "GB-CHC" ? charity.id : null;
}

const comparable = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

interface DecidedRow {
  row: number;
  institution: string;
  supplier: string;
  decision: Decision;
  register: Register | null;
  registerId: string | null;
}

export interface ReviewLoad {
  path: string;
  status: "loaded" | "already loaded";
  outcome: LoadOutcome & { decisions: number; undecided: number };
  /** The suppliers whose decisions this file changed (their locality was recomputed). */
  suppliers: number;
}

/**
 * Loads an edited review file (src/model/review-candidates.ts) as an analyst's decisions, in one transaction:
 * each row validated (a decision word, an institution and supplier it pays, a candidate of that supplier or an entry
 * of the loaded register, at most one accept and never an accept with "none of these" for one supplier), bad rows
 * quarantined with their row, column, raw value and code, the rest stored in supplier_match_decisions (they persist
 * across loads and re-matching: int_supplier_matches reads them), and the decided suppliers' locality recomputed.
 * The same file (by content) again changes nothing; read = loaded + quarantined, a blank decision loaded as undecided.
 */
export async function loadReviewDecisions(warehouse: Warehouse, path: string): Promise<ReviewLoad> {
  if (!existsSync(path)) throw new InputError("does not exist (give the review file `suppliers match` wrote, edited)", { file: path });
  const scan = await scanFile(path);
  const known = await warehouse.all("SELECT 1 FROM source_files WHERE sha256 = ? AND kind = ?", [scan.sha256, REVIEW_FILE_KIND]);
  if (known.length > 0) {
    return { path, status: "already loaded", outcome: { rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, decisions: 0, undecided: 0 }, suppliers: 0 };
  }
  const rows = await readAllRows(tableSource(path, scan));
  const headerIndex = rows.findIndex((cells) => {
    const names = cells.map(comparable);
    return names.includes(comparable(REVIEW_HEADINGS.supplierId)) && names.includes(comparable(REVIEW_HEADINGS.decision));
  });
  if (headerIndex < 0) {
    throw new InputError(`no review heading row found (needs "${REVIEW_HEADINGS.institution}", "${REVIEW_HEADINGS.supplierId}", "${REVIEW_HEADINGS.register}", "${REVIEW_HEADINGS.registerId}" and "${REVIEW_HEADINGS.decision}": a file \`suppliers match\` wrote)`, { file: path });
  }
  const headings = rows[headerIndex]!;
  const columnOf = (heading: string) => headings.findIndex((cell) => comparable(cell) === comparable(heading));
  const columns = {
    institution: columnOf(REVIEW_HEADINGS.institution), supplier: columnOf(REVIEW_HEADINGS.supplierId),
    register: columnOf(REVIEW_HEADINGS.register), registerId: columnOf(REVIEW_HEADINGS.registerId), decision: columnOf(REVIEW_HEADINGS.decision),
  };
  const missing = Object.entries(columns).filter(([, index]) => index < 0).map(([field]) => REVIEW_HEADINGS[field as keyof typeof columns]);
  if (missing.length > 0) throw new InputError(`the review heading row has no ${missing.map((m) => `"${m}"`).join(", ")} column`, { file: path, row: headerIndex + 1 });

  const institutions = new Set((await warehouse.all<{ id: string }>("SELECT institution_id AS id FROM institutions")).map((r) => r.id));
  const paid = new Set((await warehouse.all<{ pair: string }>(
    "SELECT DISTINCT institution_id || '/' || supplier_id AS pair FROM current_spend")).map((r) => r.pair));
  const candidates = new Set((await warehouse.all<{ key: string }>(
    "SELECT DISTINCT institution_id || '/' || supplier_id || '/' || register || '/' || register_id AS key FROM supplier_matches")).map((r) => r.key));

  // The register entries the rows name, looked up once (a candidate may also be any entry of the loaded edition).
  const named = (register: Register) => JSON.stringify(rows.slice(headerIndex + 1).map((cells) => registerId(register, cells[columns.registerId] ?? "")).filter((id) => id !== null));
  const inRegister = new Set((await warehouse.all<{ key: string }>(
    `SELECT 'companies-house/' || company_number AS key FROM companies WHERE company_number IN (SELECT unnest(from_json(?, '["VARCHAR"]')))
     UNION ALL SELECT 'charity-commission/' || charity_number FROM charities WHERE charity_number IN (SELECT unnest(from_json(?, '["VARCHAR"]')))`,
    [named("companies-house"), named("charity-commission")])).map((r) => r.key));
  const quarantined: QuarantineEntry[] = [];
  const decided: DecidedRow[] = [];
  let rowsRead = 0;
  let undecided = 0;
  for (let index = headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell.trim() === "")) continue;
    rowsRead++;
    const row = index + 1;
    const cell = (column: keyof typeof columns) => (cells[columns[column]] ?? "").trim();
    const problem = (column: keyof typeof columns, code: QuarantineEntry["code"], reason: string) =>
      quarantined.push({ row, column: headings[columns[column]] ?? REVIEW_HEADINGS[column], rawValue: cells[columns[column]] ?? "", code, reason });
    const word = comparable(cell("decision"));
    if (word === "") {
      undecided++;
      continue;
    }
    const decision = DECISION_WORDS[word];
    if (!decision) {
      problem("decision", "not-a-decision", "not a review decision (expected accept, reject, none — none of these — or blank to decide later)");
      continue;
    }
    const institution = cell("institution");
    const supplier = cell("supplier");
    if (!institutions.has(institution)) {
      problem("institution", "unknown-institution", "no institution of this id is loaded");
      continue;
    }
    if (!paid.has(`${institution}/${supplier}`)) {
      problem("supplier", "unknown-supplier", "no current spend of this institution is to a supplier of this id (copy the id `suppliers match` wrote)");
      continue;
    }
    if (decision === "none") {
      decided.push({ row, institution, supplier, decision, register: null, registerId: null });
      continue;
    }
    const register = REGISTER_WORDS[comparable(cell("register"))];
    if (!register) {
      problem("register", "unknown-candidate", "not a register (expected companies-house or charity-commission)");
      continue;
    }
    const id = registerId(register, cell("registerId"));
    if (id === null || !(candidates.has(`${institution}/${supplier}/${register}/${id}`) || inRegister.has(`${register}/${id}`))) {
      problem("registerId", "unknown-candidate", `neither a candidate of this supplier nor an entry of the loaded ${register} register`);
      continue;
    }
    decided.push({ row, institution, supplier, decision, register, registerId: id });
  }
  // Per supplier: at most one accept, and never an accept beside "none of these" (which would the analyst mean?).
  const bySupplier = new Map<string, DecidedRow[]>();
  for (const d of decided) bySupplier.set(`${d.institution}/${d.supplier}`, [...(bySupplier.get(`${d.institution}/${d.supplier}`) ?? []), d]);
  const conflicting = new Set<number>();
  for (const group of bySupplier.values()) {
    const accepts = group.filter((d) => d.decision === "accept");
    const nones = group.filter((d) => d.decision === "none");
    const [code, reason, rowsOf] = accepts.length > 1
      ? ["two-accepts", `accepts ${accepts.length} candidates for one supplier (rows ${accepts.map((d) => d.row).join(", ")}): accept one`, accepts] as const
      : accepts.length === 1 && nones.length > 0
        ? ["conflicting-decision", `accepts a candidate (row ${accepts[0]!.row}) and says none of these (row ${nones.map((d) => d.row).join(", ")}) for one supplier`, [...accepts, ...nones]] as const
        : [null, "", []] as const;
    if (code === null) continue;
    for (const d of rowsOf) {
      conflicting.add(d.row);
      quarantined.push({ row: d.row, column: headings[columns.decision]!, rawValue: rows[d.row - 1]![columns.decision] ?? "", code, reason });
    }
  }
  const stored = decided.filter((d) => !conflicting.has(d.row));
  const rowsQuarantined = new Set(quarantined.map((entry) => entry.row)).size;
  const outcome = { rowsRead, rowsLoaded: rowsRead - rowsQuarantined, rowsQuarantined, decisions: stored.length, undecided };
  const suppliers = [...new Map(stored.map((d) => [`${d.institution}/${d.supplier}`, { institutionId: d.institution, supplierId: d.supplier }])).values()];
  await warehouse.transaction(async () => {
    const { id } = await warehouse.one<{ id: number }>("SELECT nextval('source_file_ids')::INTEGER AS id");
    await warehouse.run(
      `INSERT INTO source_files (file_id, path, sha256, kind, institution_id, rows_read, rows_loaded, rows_quarantined, loaded_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, current_timestamp)`,
      [id, path, scan.sha256, REVIEW_FILE_KIND, outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined],
    );
    if (stored.length > 0) {
      await warehouse.run(
        `INSERT INTO supplier_match_decisions (institution_id, supplier_id, register, register_id, decision, file_id, row_number)
         SELECT institution, supplier, register, register_id, decision, $file, row
         FROM (SELECT unnest(from_json($rows, '[{"institution":"VARCHAR","supplier":"VARCHAR","register":"VARCHAR","register_id":"VARCHAR","decision":"VARCHAR","row":"INTEGER"}]'), recursive := true))`,
        { file: id, rows: JSON.stringify(stored.map((d) => ({ institution: d.institution, supplier: d.supplier, register: d.register, register_id: d.registerId, decision: d.decision === "none" ? "reject" : d.decision, row: d.row }))) },
      );
    }
    await writeQuarantine(warehouse, id, path, quarantined.sort((a, b) => a.row - b.row));
    // The decided suppliers are placed (or unplaced) now: their locality follows in the same transaction.
    if (suppliers.length > 0) await refreshSupplierLocality(warehouse, { suppliers });
  });
  return { path, status: "loaded", outcome, suppliers: suppliers.length };
}
