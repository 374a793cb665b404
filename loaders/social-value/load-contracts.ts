import { namedSupplier, supplierNameKey } from "../schema/normalise-supplier-name.js";
import { AMOUNT_EXPECTED, parseAmountPence } from "../cells/parse-amount.js";
import { DATE_EXPECTED, parseDate } from "../cells/parse-date.js";
import { parseCodeList, parseFrequency, parseQuestionPriorities, parseShare } from "./parse-social-value-cells.js";
import { insertRows, loadedInstitutions, readTableRows, type SocialValueTableLoader, type TableRow, writeTableQuarantine } from "./read-social-value-table.js";
import { CONTRACT_FIELDS } from "./social-value-fields.js";

interface ContractRow {
  row_number: number;
  institution_id: string;
  contract_id: string;
  supplier_id: string;
  supplier_name: string;
  title: string | null;
  category: string | null;
  value: string;
  start_date: string;
  end_date: string;
  weighting_percent: number | null;
  reporting_frequency: string | null;
  question_ids: string[];
  served: { question_id: string; priority_code: string }[];
}

function readDate(row: TableRow, field: string): string | undefined {
  const raw = row.text(field);
  const date = parseDate(raw);
  if (date === null) row.problem(field, raw, raw === "" ? "missing-value" : "not-a-date", raw === "" ? `the date is empty (${DATE_EXPECTED})` : `"${raw}" is not a date (${DATE_EXPECTED})`);
  return date ?? undefined;
}

/**
 * Loads a contracts register: per contract its institution (the column, else the folder's institution.json),
 * supplier, title, category, value, start and end, social value weighting, the question-bank questions it
 * adopted, and the priorities each question serves ("Q1: P1, P2; Q3: P3"). Every bad cell of a row is
 * quarantined with it. A contract loaded again (same institution and id) supersedes the earlier row.
 */
export const loadContracts: SocialValueTableLoader = async (warehouse, sheetTable, path, fileId, folderInstitutionId) => {
  const institutions = await loadedInstitutions(warehouse);
  const seen = new Map<string, number>();
  const table = readTableRows(sheetTable, CONTRACT_FIELDS, path, "contracts register", (row): ContractRow | null => {
    const contractId = row.text("contract_id");
    if (contractId === "") row.problem("contract_id", "", "missing-value", "the contract id is empty");
    const institutionId = row.text("institution") || folderInstitutionId;
    if (!institutionId) {
      row.problem("institution", "", "no-institution", "no institution: name it in the Institution column or put the file in a folder with an institution.json");
    } else if (!institutions.has(institutionId)) {
      row.problem("institution", institutionId, "unknown-institution", `institution "${institutionId}" is not loaded (expected one of ${[...institutions].join(", ") || "none yet"}: load its institution.json first)`);
    }
    const key = `${institutionId}\u0000${contractId.toUpperCase()}`;
    const earlier = seen.get(key);
    if (contractId !== "" && earlier !== undefined) row.problem("contract_id", contractId, "duplicate-key", `contract "${contractId}" is also on row ${earlier}`);
    else seen.set(key, row.rowNumber);
    const supplierName = row.text("supplier");
    if (supplierNameKey(supplierName) === "") row.problem("supplier", supplierName, "empty-supplier-name", "the supplier name is empty");
    const valueText = row.text("value");
    const pence = parseAmountPence(valueText);
    if (pence === null || valueText === "") row.problem("value", valueText, "not-an-amount", `"${valueText}" is not an amount (${AMOUNT_EXPECTED})`);
    else if (pence < 0) row.problem("value", valueText, "negative-value", `"${valueText}" is negative (expected the contract's value)`);
    const start = readDate(row, "start");
    const end = readDate(row, "end");
    if (start && end && end < start) row.problem("end", row.text("end"), "ends-before-start", `the contract ends (${end}) before it starts (${start})`);
    const weighting = row.parsed("weighting", parseShare(row.text("weighting")));
    const frequency = row.parsed("reporting_frequency", parseFrequency(row.text("reporting_frequency")));
    const served = row.parsed("priorities", parseQuestionPriorities(row.text("priorities")));
    let questions = parseCodeList(row.text("questions"));
    if (served) {
      if (questions.length === 0) questions = [...served.keys()];
      for (const question of served.keys()) {
        if (!questions.includes(question)) {
          row.problem("priorities", row.text("priorities"), "question-not-adopted", `question "${question}" serves priorities but is not among the questions adopted (${questions.join(", ")})`);
        }
      }
    }
    if (!institutionId || start === undefined || end === undefined || pence === null || weighting === undefined || frequency === undefined || !served) return null;
    const supplier = namedSupplier(supplierName);
    return {
      row_number: row.rowNumber, institution_id: institutionId, contract_id: contractId,
      supplier_id: supplier.supplierId, supplier_name: supplier.supplierName,
      title: row.text("title") || null, category: row.text("category") || null,
      value: (pence / 100).toFixed(2), start_date: start, end_date: end,
      weighting_percent: weighting === null ? null : Math.round(weighting * 100_000) / 1000,
      reporting_frequency: frequency, question_ids: questions,
      served: [...served].flatMap(([question, priorities]) => priorities.map((priority) => ({ question_id: question, priority_code: priority }))),
    };
  });
  await warehouse.run(
    `UPDATE sv_contracts SET superseded_by = $file
     WHERE superseded_by IS NULL AND EXISTS (
       SELECT 1 FROM (SELECT unnest(from_json($keys, '[{"institution_id":"VARCHAR","contract_id":"VARCHAR"}]'), recursive := true)) c
       WHERE c.institution_id = sv_contracts.institution_id AND c.contract_id = sv_contracts.contract_id)`,
    { file: fileId, keys: JSON.stringify(table.accepted.map(({ institution_id, contract_id }) => ({ institution_id, contract_id }))) },
  );
  await insertRows(warehouse, "sv_contracts",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", supplier_id: "VARCHAR", supplier_name: "VARCHAR",
      title: "VARCHAR", category: "VARCHAR", value: "DECIMAL(18,2)", start_date: "DATE", end_date: "DATE", weighting_percent: "DOUBLE",
      reporting_frequency: "VARCHAR", question_ids: "VARCHAR[]" },
    table.accepted.map((contract) => ({ ...contract, file_id: fileId })));
  await insertRows(warehouse, "sv_question_priorities",
    { file_id: "INTEGER", row_number: "INTEGER", question_id: "VARCHAR", priority_code: "VARCHAR" },
    table.accepted.flatMap((contract) => contract.served.map((link) => ({ ...link, file_id: fileId, row_number: contract.row_number }))));
  await writeTableQuarantine(warehouse, fileId, path, sheetTable, table.quarantined);
  return { rowsRead: table.rowsRead, rowsLoaded: table.accepted.length, rowsQuarantined: table.rowsQuarantined };
};
