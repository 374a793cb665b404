import { WITHHELD_INDIVIDUAL, withheldIndividual } from "../../model/published-supplier.js";
import type { Warehouse } from "../../warehouse/warehouse.js";

/**
 * The names of individuals withheld from the site (institution.json `withholdIndividuals`): payees and contract
 * suppliers of a withholding institution whose names look like a private individual's. The snapshots name
 * them as WITHHELD_INDIVIDUAL in their own SQL; this list is the safety net that catches a name any figure or
 * message carries (a local multiplier's skipped contract, a tendering check), whatever computed it.
 */
export async function withheldNames(warehouse: Warehouse): Promise<Set<string>> {
  const rows = await warehouse.all<{ name: string }>(
    `SELECT DISTINCT s.name FROM current_spend sp JOIN suppliers s USING (supplier_id)
     WHERE NOT s.is_redacted AND ${withheldIndividual("s.name", "sp.institution_id")}
     UNION SELECT DISTINCT c.supplier_name FROM int_contract_suppliers c WHERE ${withheldIndividual("c.supplier_name", "c.institution_id")}`,
  );
  return new Set(rows.map((row) => row.name).filter((name) => name.trim() !== ""));
}

/** A page-data value with every withheld name replaced, wherever a string holds it (longest names first). */
export function withoutNames(value: unknown, names: ReadonlySet<string>): unknown {
  if (names.size === 0) return value;
  const ordered = [...names].sort((a, b) => b.length - a.length);
  const scrub = (item: unknown): unknown => {
    if (typeof item === "string") return ordered.reduce((text, name) => (text.includes(name) ? text.replaceAll(name, WITHHELD_INDIVIDUAL) : text), item);
    if (Array.isArray(item)) return item.map(scrub);
    if (item !== null && typeof item === "object") return Object.fromEntries(Object.entries(item).map(([key, inner]) => [scrub(key) as string, scrub(inner)]));
    return item;
  };
  return scrub(value);
}
