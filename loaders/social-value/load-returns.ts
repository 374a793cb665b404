import { postcodePlace } from "../../geo/postcode-parts.js";
import { namedSupplier, supplierNameKey } from "../schema/normalise-supplier-name.js";
import { parseReportingPeriod } from "./parse-reporting-period.js";
import { parseQuantity, parseShare } from "./parse-social-value-cells.js";
import { insertRows, readTableRows, type SocialValueTableLoader, type TableRow, writeTableQuarantine } from "./read-social-value-table.js";
import { RETURN_FIELDS } from "./social-value-fields.js";

const SHARE_FIELDS = ["local_respend_share", "local_staff_share", "staff_cost_share"] as const;
type ShareField = (typeof SHARE_FIELDS)[number];

interface ReturnRow {
  row_number: number;
  contract_id: string;
  supplier_id: string | null;
  supplier_name: string | null;
  period_label: string;
  period_start: string;
  period_end: string;
  measure_code: string;
  committed: number | null;
  delivered: number | null;
  delivery_postcode: string | null;
  evidence_reference: string | null;
  notes: string | null;
  shares: Record<ShareField, number | null>;
}

/** A unit postcode in its standard form, or a sector ("E1 6") or district ("E1") as written in capitals; else null. */
function deliveryPlace(raw: string): string | null {
  const { postcode, sector, district } = postcodePlace(raw);
  return postcode ?? sector ?? district;
}

function readShares(row: TableRow): Record<ShareField, number | null> | undefined {
  const shares = {} as Record<ShareField, number | null>;
  let good = true;
  for (const field of SHARE_FIELDS) {
    const value = row.parsed(field, parseShare(row.text(field)));
    if (value === undefined) good = false;
    else shares[field] = value;
  }
  return good ? shares : undefined;
}

/**
 * Loads supplier social value returns: per contract, reporting period and measure, the quantity committed and
 * delivered, where the outcome happened (delivery postcode), the evidence reference and notes; optionally the
 * supplier's Local Multiplier 3 shares for the contract and period. Rows for contracts or measures not (yet)
 * loaded are kept: the tendering and returns checks report them. A later file's return for a contract and
 * period supersedes the earlier file's rows for it.
 */
export const loadReturns: SocialValueTableLoader = async (warehouse, sheetTable, path, fileId, institutionId) => {
  const keys = new Map<string, number>();
  const periodShares = new Map<string, { row: number; shares: Record<ShareField, number | null> }>();
  const table = readTableRows(sheetTable, RETURN_FIELDS, path, "supplier returns", (row): ReturnRow | null => {
    const contractId = row.text("contract");
    if (contractId === "") row.problem("contract", "", "missing-value", "the contract id is empty");
    const measureCode = row.text("measure");
    if (measureCode === "") row.problem("measure", "", "missing-value", "the measure code is empty");
    const period = row.parsed("period", parseReportingPeriod(row.text("period")));
    const committed = row.parsed("committed", parseQuantity(row.text("committed")));
    const delivered = row.parsed("delivered", parseQuantity(row.text("delivered")));
    if (committed === null && delivered === null) row.problem("delivered", "", "no-quantity", "neither a committed nor a delivered quantity (expected at least one)");
    const placeText = row.text("delivery_postcode");
    const place = placeText === "" ? null : deliveryPlace(placeText);
    if (placeText !== "" && place === null) {
      row.problem("delivery_postcode", placeText, "not-a-postcode", `"${placeText}" is not a UK postcode (expected a unit postcode such as E1 8DE, or a sector E1 6 or district E1)`);
    }
    const shares = readShares(row);
    if (period) {
      const key = [contractId, period.label, measureCode, place ?? ""].join("\u0000");
      const earlier = keys.get(key);
      if (earlier !== undefined) {
        row.problem("measure", measureCode, "duplicate-key", `the same contract, period, measure and delivery postcode as row ${earlier} (expected one row each)`);
      }
      const periodKey = `${contractId}\u0000${period.label}`;
      const stated = periodShares.get(periodKey);
      const statesShares = shares !== undefined && SHARE_FIELDS.some((field) => shares[field] !== null);
      if (statesShares && stated) {
        for (const field of SHARE_FIELDS) {
          const before = stated.shares[field];
          if (before !== null && shares[field] !== null && shares[field] !== before) {
            row.problem(field, row.text(field), "conflicting-row", `differs from row ${stated.row} (${Math.round(before * 1000) / 10}%) for the same contract and period`);
          }
        }
      }
      if (!row.hasProblems()) {
        keys.set(key, row.rowNumber);
        if (statesShares && !stated) periodShares.set(periodKey, { row: row.rowNumber, shares });
      }
    }
    if (!period || committed === undefined || delivered === undefined || !shares) return null;
    const supplierName = row.text("supplier") || null;
    const supplier = supplierName && supplierNameKey(supplierName) !== "" ? namedSupplier(supplierName) : null;
    return {
      row_number: row.rowNumber, contract_id: contractId,
      supplier_id: supplier?.supplierId ?? null, supplier_name: supplier?.supplierName ?? supplierName,
      period_label: period.label, period_start: period.start, period_end: period.end, measure_code: measureCode,
      committed, delivered, delivery_postcode: place, evidence_reference: row.text("evidence") || null, notes: row.text("notes") || null, shares,
    };
  });
  const periods = [...new Map(table.accepted.map((r) => [`${r.contract_id}\u0000${r.period_start}\u0000${r.period_end}`,
    { contract_id: r.contract_id, period_start: r.period_start, period_end: r.period_end }])).values()];
  for (const name of ["sv_returns", "sv_return_shares"]) {
    await warehouse.run(
      `UPDATE ${name} SET superseded_by = $file
       WHERE superseded_by IS NULL AND institution_id IS NOT DISTINCT FROM $institution AND EXISTS (
         SELECT 1 FROM (SELECT unnest(from_json($periods, '[{"contract_id":"VARCHAR","period_start":"DATE","period_end":"DATE"}]'), recursive := true)) p
         WHERE p.contract_id = ${name}.contract_id AND p.period_start = ${name}.period_start AND p.period_end = ${name}.period_end)`,
      { file: fileId, institution: institutionId, periods: JSON.stringify(periods) },
    );
  }
  await insertRows(warehouse, "sv_returns",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", supplier_id: "VARCHAR", supplier_name: "VARCHAR",
      period_label: "VARCHAR", period_start: "DATE", period_end: "DATE", measure_code: "VARCHAR", committed: "DOUBLE", delivered: "DOUBLE",
      delivery_postcode: "VARCHAR", evidence_reference: "VARCHAR", notes: "VARCHAR" },
    table.accepted.map(({ shares: _shares, ...row }) => ({ ...row, file_id: fileId, institution_id: institutionId })));
  await insertRows(warehouse, "sv_return_shares",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", period_start: "DATE", period_end: "DATE",
      local_respend_share: "DOUBLE", local_staff_share: "DOUBLE", staff_cost_share: "DOUBLE" },
    table.accepted.filter((r) => SHARE_FIELDS.some((field) => r.shares[field] !== null)).map((r) => ({
      file_id: fileId, row_number: r.row_number, institution_id: institutionId, contract_id: r.contract_id,
      period_start: r.period_start, period_end: r.period_end, ...r.shares,
    })));
  await writeTableQuarantine(warehouse, fileId, path, sheetTable, table.quarantined);
  return { rowsRead: table.rowsRead, rowsLoaded: table.accepted.length, rowsQuarantined: table.rowsQuarantined };
};
