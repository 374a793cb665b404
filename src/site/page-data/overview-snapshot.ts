import { snapshotSupplierId, snapshotSupplierKey, spendSnapshotParts, type SnapshotSupplier } from "./site-snapshots.js";
import { localSuppliersByCategory, monthlyFigures, periodFigures, suppliersPaidByPeriod, topSuppliersByPeriod } from "../../model/spend-figures.js";
import { deliveryHeadline } from "../../model/social-value-headline.js";
import type { Warehouse } from "../../warehouse/warehouse.js";
import { dictionaryColumns } from "./page-facts.js";

/** How many suppliers the overview lists for each period. */
export const TOP_SUPPLIERS = 15;

export interface GroupedFactsOptions {
  /** Suppliers in the top this many of an institution for any period are kept one by one. */
  topSuppliers: number;
  /** Facts by category too (else category is null). */
  byCategory?: boolean;
  /** Also keep the top this many local suppliers of each category, period and definition (the Market page's names). */
  topLocalPerCategory?: number;
  /** Also count every supplier paid in each period (`suppliersPaid`: the Suppliers page's count, which its grouped facts cannot give). */
  suppliersPaid?: boolean;
}

/**
 * Spend facts in the full facts' shape (pages/components/spend-facts.js aggregates them), small whatever the
 * number of suppliers, so that a page stays light at millions of lines:
 *   - Suppliers that share everything a figure depends on (their class under every definition, and the
 *     SME, VCSE and deprived-area flags) are merged into one group (`group: true`), with their spend by
 *     institution and month (and category): every total and share is the same as from the full facts.
 *   - Suppliers that rank in the top `topSuppliers` of an institution for any period the pages offer (its
 *     financial years, quarters, months and all months: src/model/spend-periods.ts; ties at the boundary
 *     included) are kept one by one, so the top-suppliers list of any period is exactly the full facts' list;
 *     so are the top `topLocalPerCategory` local suppliers of any category, period and definition.
 */
export async function groupedFactsSnapshot(warehouse: Warehouse, { topSuppliers, byCategory = false, topLocalPerCategory = 0, suppliersPaid = false }: GroupedFactsOptions) {
  const parts = await spendSnapshotParts(warehouse);
  if (parts.periods.length === 0) return { ...parts, facts: [] };
  const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const offered = parts.periods.map((p) => `(${text(p.institution)}, ${text(p.from)}, ${text(p.to)})`).join(", ");
  const localRanked = topLocalPerCategory > 0
    ? `, local_ranked AS (
         SELECT p.institution, b.supplier,
                rank() OVER (PARTITION BY p.institution, p.first_month, p.last_month, b.category, l.definition_id, l.version ORDER BY sum(b.spend) DESC) AS place
         FROM periods p JOIN base b ON b.institution = p.institution AND b.month BETWEEN p.first_month AND p.last_month
         JOIN supplier_locality l ON l.institution_id = b.institution AND l.supplier_id = b.supplier AND l.status = 'local'
         GROUP BY p.institution, p.first_month, p.last_month, b.category, l.definition_id, l.version, b.supplier
       )`
    : "";
  // One pass: each supplier's spend by month (and category), and whether it is kept one by one.
  const rows = await warehouse.all<{ institution: string; supplier: string; month: string; category: string | null; spend: number; lines: number; listed: boolean }>(
    `WITH base AS (
       SELECT institution, supplier, month, ${byCategory ? "category" : "NULL::VARCHAR AS category"}, sum(spend) AS spend, sum(lines)::INTEGER AS lines
       FROM mart_spend_by_month GROUP BY ALL
     ), monthly AS (SELECT institution, supplier, month, sum(spend) AS spend FROM base GROUP BY ALL),
     periods AS (SELECT DISTINCT * FROM (VALUES ${offered}) AS p(institution, first_month, last_month)),
     ranked AS (
       SELECT p.institution, m.supplier,
              rank() OVER (PARTITION BY p.institution, p.first_month, p.last_month ORDER BY sum(m.spend) DESC) AS place
       FROM periods p JOIN monthly m ON m.institution = p.institution AND m.month BETWEEN p.first_month AND p.last_month
       GROUP BY p.institution, p.first_month, p.last_month, m.supplier
     )${localRanked},
     listed AS (
       SELECT DISTINCT institution, supplier FROM ranked WHERE place <= ${Number(topSuppliers)}
       ${topLocalPerCategory > 0 ? `UNION SELECT institution, supplier FROM local_ranked WHERE place <= ${Number(topLocalPerCategory)}` : ""}
     )
     SELECT b.institution, ${snapshotSupplierId("b.institution", "b.supplier")} AS supplier, b.month, b.category, b.spend::DOUBLE AS spend, b.lines,
            l.supplier IS NOT NULL AS listed
     FROM base b LEFT JOIN listed l USING (institution, supplier) ORDER BY b.institution, b.supplier, b.month, b.category`,
  );
  const byId = new Map(parts.suppliers.map((supplier) => [supplier.id, supplier]));
  const groups = new Map<string, SnapshotSupplier & { group: true }>();
  // Each supplier's group worked out once (a supplier has a row per month and category).
  const groupOfSupplier = new Map<string, string>();
  const groupOf = (supplier: SnapshotSupplier) => {
    const known = groupOfSupplier.get(supplier.id);
    if (known !== undefined) return known;
    const { status, sme, vcse, deprived } = supplier;
    const key = JSON.stringify([Object.entries(status).sort(([a], [b]) => a.localeCompare(b)), sme, vcse, deprived]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { id: `group-${groups.size + 1}`, name: "Other suppliers", sme, vcse, deprived, status, group: true }));
    groupOfSupplier.set(supplier.id, group.id);
    return group.id;
  };
  const facts = new Map<string, { institution: string; supplier: string; month: string; category: string | null; spend: number; lines: number }>();
  for (const row of rows) {
    const supplier = row.listed ? row.supplier : groupOf(byId.get(row.supplier)!);
    const key = `${row.institution}\u0000${supplier}\u0000${row.month}\u0000${row.category}`;
    const fact = facts.get(key) ?? { institution: row.institution, supplier, month: row.month, category: row.category, spend: 0, lines: 0 };
    fact.spend += Number(row.spend);
    fact.lines += Number(row.lines);
    facts.set(key, fact);
  }
  const listedSuppliers = new Set(rows.filter((row) => row.listed).map((row) => row.supplier));
  return {
    ...parts,
    // Counted in SQL over every supplier: the named ones are only the largest few.
    ...(topLocalPerCategory > 0 ? { localSuppliersPaid: dictionaryColumns(await localSuppliersByCategory(warehouse, parts.periods)) } : {}),
    ...(suppliersPaid ? { suppliersPaid: dictionaryColumns(await suppliersPaidByPeriod(warehouse, parts.periods)) } : {}),
    suppliers: [...parts.suppliers.filter((supplier) => listedSuppliers.has(supplier.id)), ...groups.values()],
    facts: [...facts.values()],
  };
}

/** Rows as {columns, rows} (the names once, not on every row): a third of the bytes. pages/components/figures.js reads them back. */
export function columnar<T extends Record<string, unknown>>(rows: readonly T[]): { columns: string[]; rows: unknown[][] } {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((row) => columns.map((column) => row[column])) };
}

/**
 * The overview's snapshot (the Partners page reads it too): every figure it shows, computed in SQL
 * (src/model/spend-figures.ts) for every institution, definition and period the pages offer, and by month; the
 * top suppliers of each period; only the suppliers those lists name (with their class under every definition);
 * and each institution's social value headline. The pages pick and format, and the file stays small whatever the
 * number of suppliers or lines.
 */
export async function overviewFactsSnapshot(warehouse: Warehouse, topSuppliers = TOP_SUPPLIERS) {
  const parts = await spendSnapshotParts(warehouse);
  const top = (await topSuppliersByPeriod(warehouse, parts.periods, topSuppliers))
    .map((row) => ({ ...row, supplier: snapshotSupplierKey(row.institution, row.supplier) }));
  const listed = new Set(top.map((row) => row.supplier));
  const socialValue: Record<string, Awaited<ReturnType<typeof deliveryHeadline>>> = {};
  for (const { id } of parts.institutions) socialValue[id] = await deliveryHeadline(warehouse, { institutionId: id });
  return {
    institutions: parts.institutions,
    periods: parts.periods,
    definitions: parts.definitions,
    suppliers: parts.suppliers.filter((supplier) => listed.has(supplier.id)),
    topSuppliers,
    figures: columnar(await periodFigures(warehouse, parts.periods)),
    monthly: columnar(await monthlyFigures(warehouse)),
    top: columnar(top),
    /** The social value headline of each institution (src/model/social-value-headline.ts). */
    socialValue,
  };
}
