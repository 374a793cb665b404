import type { Warehouse } from "../warehouse/warehouse.js";

/** Something that passes the schema but deserves a look before the data is shared or trusted. */
export interface QualityWarning {
  check: string;
  message: string;
  rows: number[];
}

/**
 * Quality checks over what a scratch load read: suppliers with no postcode; amounts far outside the file's
 * usual range (beyond the upper quartile plus ten interquartile ranges); dates outside the month most lines
 * fall in (± one month); the same transaction (number, supplier, date, amount) twice.
 */
export async function qualityWarnings(warehouse: Warehouse, kind: "spend" | "suppliers"): Promise<QualityWarning[]> {
  const warnings: QualityWarning[] = [];
  const add = async (check: string, message: (count: number) => string, sql: string) => {
    const rows = (await warehouse.all<{ row_number: number }>(sql)).map((r) => r.row_number);
    if (rows.length > 0) warnings.push({ check, message: message(rows.length), rows: rows.slice(0, 50) });
  };
  if (kind === "suppliers") {
    const { missing } = await warehouse.one<{ missing: number }>(`SELECT count(*) AS missing FROM suppliers s
       WHERE NOT EXISTS (SELECT 1 FROM supplier_locations l WHERE l.supplier_id = s.supplier_id AND l.basis = 'registered')`);
    if (missing > 0) {
      warnings.push({ check: "suppliers without postcodes", message: `${missing} supplier(s) have no postcode: their spend will count as unlocated, never as local`, rows: [] });
    }
    return warnings;
  }
  await add("amounts far outside the usual range", (n) => `${n} line(s) have an amount far outside this file's usual range: check for a misplaced decimal point or a total`,
    `WITH q AS (SELECT quantile_cont(abs(amount), 0.25) AS q1, quantile_cont(abs(amount), 0.75) AS q3, count(*) AS lines FROM spend)
     SELECT row_number FROM spend, q WHERE q.lines >= 10 AND abs(amount) > q.q3 + 10 * (q.q3 - q.q1) ORDER BY row_number`);
  await add("dates outside the stated period", (n) => `${n} line(s) are dated more than a month away from the month most lines fall in: check the year and the day/month order`,
    `WITH m AS (SELECT mode(date_trunc('month', payment_date)) AS month FROM spend)
     SELECT row_number FROM spend, m WHERE payment_date < m.month - INTERVAL 1 MONTH OR payment_date >= m.month + INTERVAL 2 MONTH ORDER BY row_number`);
  await add("duplicate transactions", (n) => `${n} line(s) repeat an earlier line's transaction number, supplier, date and amount: check the line was not pasted twice`,
    `SELECT row_number FROM (SELECT row_number, row_number() OVER (PARTITION BY transaction_number, supplier_id, payment_date, amount ORDER BY row_number) AS copy
                            FROM spend WHERE transaction_number IS NOT NULL) WHERE copy > 1 ORDER BY row_number`);
  return warnings;
}
