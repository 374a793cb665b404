import { normaliseCompanyNumber } from "../schema/supplier-identifiers.js";
import type { DuckDBAppender } from "@duckdb/node-api";
import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { normalisePostcode } from "../../geo/postcode-parts.js";
import { SUPPLIER_REGISTER_FIELDS, describeRequired } from "../schema/column-synonyms.js";
import { detectHeader } from "../schema/detect-header.js";
import type { LoadOutcome } from "../load-outcome.js";
import { writeQuarantine, type QuarantineEntry } from "../quarantine.js";
import { isRedactedPayee, supplierId, supplierNameKey } from "../schema/normalise-supplier-name.js";
import { parseFlag } from "../cells/parse-flag.js";


interface RegisterRow {
  supplierId: string;
  name: string;
  key: string;
  locations: { basis: "registered" | "trading" | "delivery"; postcode: string }[];
  companyNumber: string | null;
  isSme: boolean | null;
  isVcse: boolean | null;
}

function appendNullable(appender: DuckDBAppender, value: string | boolean | null): void {
  if (value === null) appender.appendNull();
  else if (typeof value === "boolean") appender.appendBoolean(value);
  else appender.appendVarchar(value);
}

/**
 * Writes register rows in bulk for one institution (null: a shared register): staged through appenders, the
 * names onto the suppliers every institution's spend names, then one replacement of what this institution's
 * registers say of each supplier (its facts and its current list of locations). Another institution's facts
 * for the same supplier are never touched.
 */
async function writeRegister(warehouse: Warehouse, rows: readonly RegisterRow[], fileId: number, institutionId: string | null): Promise<void> {
  await warehouse.run(`CREATE OR REPLACE TEMP TABLE staged_register (supplier_id VARCHAR, name VARCHAR, name_key VARCHAR,
                       company_number VARCHAR, is_sme BOOLEAN, is_vcse BOOLEAN)`);
  await warehouse.run("CREATE OR REPLACE TEMP TABLE staged_locations (supplier_id VARCHAR, basis VARCHAR, postcode VARCHAR)");
  const suppliers = await warehouse.connection.createAppender("staged_register");
  const locations = await warehouse.connection.createAppender("staged_locations");
  for (const row of rows) {
    for (const value of [row.supplierId, row.name, row.key, row.companyNumber, row.isSme, row.isVcse]) appendNullable(suppliers, value);
    suppliers.endRow();
    for (const location of row.locations) {
      for (const value of [row.supplierId, location.basis, location.postcode]) locations.appendVarchar(value);
      locations.endRow();
    }
  }
  for (const appender of [suppliers, locations]) {
    appender.flushSync();
    appender.closeSync();
  }
  const mine = "institution_id IS NOT DISTINCT FROM $institution::VARCHAR AND supplier_id IN (SELECT supplier_id FROM staged_register)";
  await warehouse.run(
    `INSERT INTO suppliers (supplier_id, name, name_key, is_redacted) SELECT supplier_id, name, name_key, false FROM staged_register
     ON CONFLICT (supplier_id) DO NOTHING`,
  );
  await warehouse.run(`DELETE FROM supplier_facts WHERE ${mine}`, { institution: institutionId });
  await warehouse.run(
    `INSERT INTO supplier_facts (institution_id, supplier_id, company_number, is_sme, is_vcse, file_id)
     SELECT $institution::VARCHAR, supplier_id, company_number, is_sme, is_vcse, $file FROM staged_register`,
    { institution: institutionId, file: fileId },
  );
  await warehouse.run(`DELETE FROM supplier_locations WHERE ${mine}`, { institution: institutionId });
  await warehouse.run(
    `INSERT INTO supplier_locations (supplier_id, basis, postcode_as_given, file_id, institution_id)
     SELECT supplier_id, basis, postcode, $file, $institution::VARCHAR FROM staged_locations`,
    { institution: institutionId, file: fileId },
  );
  await warehouse.run("DROP TABLE staged_register");
  await warehouse.run("DROP TABLE staged_locations");
}

/**
 * Loads an institution's supplier register (name, postcode, company number, SME and VCSE flags): what that
 * institution says of each supplier, for its own figures only (institutionId null: a partnership's shared
 * register, for every institution's). A blank postcode is kept (the supplier is then unlocated); a postcode
 * that is not a postcode quarantines the row.
 */
export async function loadSupplierRegister(
  warehouse: Warehouse,
  rows: string[][],
  path: string,
  fileId: number,
  institutionId: string | null,
): Promise<LoadOutcome> {
  const header = detectHeader(rows, SUPPLIER_REGISTER_FIELDS);
  if (!header) throw new InputError(`no supplier register heading row found (needs ${describeRequired(SUPPLIER_REGISTER_FIELDS)})`, { file: path });
  const headings = rows[header.headerIndex]!;
  const accepted = new Map<string, RegisterRow>();
  const quarantined: QuarantineEntry[] = [];
  let rowsRead = 0;
  for (let index = header.headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell === "")) continue;
    rowsRead++;
    const rowNumber = index + 1;
    const cell = (field: string) => {
      const column = header.columns[field];
      return column === undefined ? undefined : (cells[column] ?? "");
    };
    const heading = (field: string) => headings[header.columns[field]!] ?? field;
    const problems: QuarantineEntry[] = [];
    const name = cell("supplier") ?? "";
    const key = supplierNameKey(name);
    if (key === "") problems.push({ row: rowNumber, column: heading("supplier"), rawValue: name, code: "empty-supplier-name", reason: "supplier name is empty" });
    // A withheld person's row would publish what the spend files withhold (a name, a postcode): not kept.
    else if (isRedactedPayee(name)) problems.push({ row: rowNumber, column: heading("supplier"), rawValue: name, code: "redacted-payee", reason: "the name withholds a person's identity (redacted): a register row for it is not kept" });
    const locations: RegisterRow["locations"] = [];
    const readPostcodes = (field: string, basis: RegisterRow["locations"][number]["basis"]) => {
      for (const raw of (cell(field) ?? "").split(/[;|]/).map((text) => text.trim()).filter(Boolean)) {
        const postcode = normalisePostcode(raw);
        if (postcode === null) problems.push({ row: rowNumber, column: heading(field), rawValue: raw, code: "not-a-postcode", reason: "not a UK unit postcode (expected e.g. E1 8DE)" });
        else locations.push({ basis, postcode });
      }
    };
    readPostcodes("postcode", "registered");
    readPostcodes("trading_postcode", "trading");
    readPostcodes("delivery_postcodes", "delivery");
    const flags = { is_sme: parseFlag(cell("is_sme")), is_vcse: parseFlag(cell("is_vcse")) };
    for (const [field, flag] of Object.entries(flags)) {
      if (flag === "bad") problems.push({ row: rowNumber, column: heading(field), rawValue: cell(field) ?? "", code: "not-a-flag", reason: "not a yes/no flag (expected Y, N, yes, no, true, false or blank)" });
    }
    if (problems.length === 0 && accepted.has(key)) {
      problems.push({ row: rowNumber, column: heading("supplier"), rawValue: name, code: "duplicate-supplier", reason: `same supplier as an earlier row (matching name "${key}")` });
    }
    if (problems.length > 0) {
      quarantined.push(...problems.map((problem) => ({ ...problem, row: rowNumber })));
      continue;
    }
    accepted.set(key, {
      supplierId: supplierId(key), name, key, locations,
      // Normalised (`4142000` → `04142000`) so that a notice's GB-COH identifier finds it; kept as written when it is not one.
      companyNumber: normaliseCompanyNumber(cell("company_number") ?? "") ?? (cell("company_number") || null),
      isSme: flags.is_sme as boolean | null, isVcse: flags.is_vcse as boolean | null,
    });
  }
  await writeRegister(warehouse, [...accepted.values()], fileId, institutionId);
  await writeQuarantine(warehouse, fileId, path, quarantined);
  const rowsQuarantined = new Set(quarantined.map((entry) => entry.row)).size;
  return { rowsRead, rowsLoaded: accepted.size, rowsQuarantined };
}
