import { spendSnapshotParts, type SnapshotSupplier } from "./site-snapshots.js";
import { monthlyFigures, periodFigures } from "../../model/spend-figures.js";
import type { Warehouse } from "../../warehouse/warehouse.js";

/** How many suppliers the overview lists (pages/index.md shows the top TOP_SUPPLIERS of the chosen period). */
export const TOP_SUPPLIERS = 15;

/**
 * The overview's snapshot: the spend facts' shape (pages/components/spend-facts.js aggregates it the same
 * way), small whatever the number of suppliers, so that the overview stays light at millions of lines.
 *   - Suppliers that share everything a figure depends on (their class under every definition, and the
 *     SME, VCSE and deprived-area flags) are merged into one group (`group: true`), with their spend by
 *     institution and month: every total and share on the page is the same as from the full facts.
 *   - Suppliers that rank in the top `topSuppliers` of an institution for any period the page offers (every
 *     range of its months; ties at the boundary included) are kept one by one, so the top-suppliers list
 *     of any period is exactly the full facts' list.
 * Facts carry no category (the overview shows none).
 */
export async function overviewFactsSnapshot(warehouse: Warehouse, topSuppliers = TOP_SUPPLIERS) {
  const parts = await spendSnapshotParts(warehouse);
  // One pass: each supplier's spend by month, and whether it makes the top list of any period of months.
  const monthly = await warehouse.all<{ institution: string; supplier: string; month: string; spend: number; lines: number; listed: boolean }>(
    `WITH monthly AS (
       SELECT institution, supplier, month, sum(spend) AS spend, sum(lines)::INTEGER AS lines
       FROM mart_spend_by_month GROUP BY ALL
     ), months AS (SELECT DISTINCT institution, month FROM monthly),
     periods AS (
       SELECT a.institution, a.month AS first_month, b.month AS last_month
       FROM months a JOIN months b ON a.institution = b.institution AND a.month <= b.month
     ), ranked AS (
       SELECT p.institution, m.supplier,
              rank() OVER (PARTITION BY p.institution, p.first_month, p.last_month ORDER BY sum(m.spend) DESC) AS place
       FROM periods p JOIN monthly m ON m.institution = p.institution AND m.month BETWEEN p.first_month AND p.last_month
       GROUP BY p.institution, p.first_month, p.last_month, m.supplier
     ), listed AS (SELECT DISTINCT institution, supplier FROM ranked WHERE place <= ${Number(topSuppliers)})
     SELECT m.institution, m.supplier, m.month, m.spend::DOUBLE AS spend, m.lines, l.supplier IS NOT NULL AS listed
     FROM monthly m LEFT JOIN listed l USING (institution, supplier)
     ORDER BY m.institution, m.supplier, m.month`,
  );
  const byId = new Map(parts.suppliers.map((supplier) => [supplier.id, supplier]));
  const groups = new Map<string, SnapshotSupplier & { group: true }>();
  const groupOf = (supplier: SnapshotSupplier) => {
    const { status, sme, vcse, deprived } = supplier;
    const key = JSON.stringify([Object.entries(status).sort(([a], [b]) => a.localeCompare(b)), sme, vcse, deprived]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { id: `group-${groups.size + 1}`, name: "Other suppliers", sme, vcse, deprived, status, group: true }));
    return group.id;
  };
  const facts = new Map<string, { institution: string; supplier: string; month: string; category: null; spend: number; lines: number }>();
  for (const row of monthly) {
    const supplier = row.listed ? row.supplier : groupOf(byId.get(row.supplier)!);
    const key = `${row.institution}\u0000${supplier}\u0000${row.month}`;
    const fact = facts.get(key) ?? { institution: row.institution, supplier, month: row.month, category: null, spend: 0, lines: 0 };
    fact.spend += Number(row.spend);
    fact.lines += Number(row.lines);
    facts.set(key, fact);
  }
  const listedSuppliers = new Set(monthly.filter((row) => row.listed).map((row) => row.supplier));
  return {
    ...parts,
    topSuppliers,
    // Every figure the overview shows, computed in SQL (src/model/spend-figures.ts): the page only picks and formats.
    figures: await periodFigures(warehouse, parts.periods),
    monthly: await monthlyFigures(warehouse),
    suppliers: [...parts.suppliers.filter((supplier) => listedSuppliers.has(supplier.id)), ...groups.values()],
    facts: [...facts.values()],
  };
}
