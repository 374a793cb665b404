import type { Warehouse } from "../../warehouse/warehouse.js";

/**
 * The views that the pages' data reads again and again (every spend figure, top list and grouped fact reads
 * mart_spend_by_month; every snapshot's suppliers and every headline read int_supplier_flags), each a pass over
 * every current spend line.
 */
export const MATERIALISED_FOR_PAGES = ["mart_spend_by_month", "int_supplier_flags"] as const;

/**
 * Computes each of MATERIALISED_FOR_PAGES once for this read-only connection: its temporary view (views.ts) is
 * replaced by a temporary table of the same name holding the same rows, which the views that read it bind to
 * by name. Nothing is written to the warehouse file; the connection's close drops them.
 */
export async function materialiseForPages(warehouse: Warehouse): Promise<void> {
  for (const name of MATERIALISED_FOR_PAGES) {
    await warehouse.run(`CREATE TEMP TABLE ${name}_rows AS SELECT * FROM ${name}`);
    await warehouse.run(`DROP VIEW ${name}`);
    await warehouse.run(`ALTER TABLE ${name}_rows RENAME TO ${name}`);
  }
}
