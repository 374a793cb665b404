import type { Warehouse } from "../warehouse/warehouse.js";

/** One contract of an institution with its spend to date (mart_contract_spend), as the Tendering page shows it. */
export interface ContractSpend {
  contractId: string;
  title: string | null;
  /** The suppliers, in the order the notice or register lists them. */
  suppliers: string[];
  /** "notice" (a published OCDS notice) or "register" (the contracts register). */
  source: "notice" | "register";
  /** How the spend was found: by company number for some suppliers, by name for the others. */
  linkedBy: string;
  value: number;
  start: string;
  end: string;
  /** Exact pounds, as text (DECIMAL): the institution's spend to the suppliers dated within the contract's period. */
  spendToDate: string;
  paymentLines: number;
  lastPaymentDate: string | null;
  /** Spend to date over value (null for a contract of value 0). */
  shareOfValue: number | null;
}

/**
 * Per current contract of one institution: its value and the institution's spend to its suppliers dated within
 * its start and end (identifier first, then name: int_contract_suppliers). Spend is only ever the institution's own.
 */
export async function contractSpendToDate(warehouse: Warehouse, institutionId: string): Promise<ContractSpend[]> {
  const rows = await warehouse.all<Record<string, unknown>>(
    `SELECT m.contract_id, c.title, m.value::DOUBLE AS value, strftime(m.start_date, '%Y-%m-%d') AS start_date,
            strftime(m.end_date, '%Y-%m-%d') AS end_date, m.spend_to_date::VARCHAR AS spend_to_date, m.payment_lines,
            strftime(m.last_payment_date, '%Y-%m-%d') AS last_payment_date,
            (SELECT list(s.supplier_name ORDER BY s.position) FROM int_contract_suppliers s
              WHERE s.institution_id = m.institution_id AND s.contract_id = m.contract_id) AS suppliers,
            (SELECT bool_or(s.from_notice) FROM int_contract_suppliers s
              WHERE s.institution_id = m.institution_id AND s.contract_id = m.contract_id) AS from_notice,
            (SELECT string_agg(DISTINCT s.linked_by, ' and ' ORDER BY s.linked_by) FROM int_contract_suppliers s
              WHERE s.institution_id = m.institution_id AND s.contract_id = m.contract_id) AS linked_by
     FROM mart_contract_spend m JOIN current_sv_contracts c ON c.institution_id = m.institution_id AND c.contract_id = m.contract_id
     WHERE m.institution_id = ? ORDER BY m.start_date, m.contract_id`,
    [institutionId],
  );
  return rows.map((row) => {
    const value = Number(row.value);
    return {
      contractId: String(row.contract_id),
      title: row.title === null ? null : String(row.title),
      suppliers: (row.suppliers as string[] | null) ?? [],
      source: row.from_notice ? "notice" : "register",
      linkedBy: String(row.linked_by ?? "name"),
      value,
      start: String(row.start_date),
      end: String(row.end_date),
      spendToDate: String(row.spend_to_date),
      paymentLines: Number(row.payment_lines),
      lastPaymentDate: row.last_payment_date === null ? null : String(row.last_payment_date),
      shareOfValue: value > 0 ? Number(row.spend_to_date) / value : null,
    };
  });
}

/** A KPI a notice sets for one of the institution's current contracts, with the latest rating or value it reports. */
export async function contractKpis(warehouse: Warehouse, institutionId: string) {
  return warehouse.all<{ contract: string; kpi: string; rating: string | null; value: number | null; unit: string | null; periodEnd: string | null }>(
    `SELECT k.contract_id AS contract, k.title AS kpi, k.rating, k.observed_value AS value, k.unit, k.period_end AS "periodEnd"
     FROM sv_contract_kpis k JOIN current_sv_contracts c ON c.file_id = k.file_id AND c.row_number = k.row_number AND c.contract_id = k.contract_id
     WHERE k.institution_id = ? ORDER BY k.contract_id, k.kpi_id, k.title`,
    [institutionId],
  );
}
