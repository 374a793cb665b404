import type { Warehouse } from "../warehouse/warehouse.js";
import { spendPeriodsOf, type SpendPeriod } from "./spend-periods.js";

/**
 * The spend figures every page, command and download publishes, each a named SQL expression over a relation
 * of spend with, per row, its `amount`, its count of payment `lines`, its supplier's `status` under one
 * definition of local ('local', 'non_local', 'unlocated'), the supplier's `is_sme`, `is_vcse`, `deprived` and
 * `is_public_body` flags, and the definition's `excludes_public_bodies` option. The CLI's headline (metrics.ts)
 * and the site's page data use these same expressions.
 */
export const SPEND_FIGURES = {
  /** All spend in scope, in pounds. */
  spend: "sum(amount)",
  /** Spend with suppliers local under the definition. */
  local: "coalesce(sum(amount) FILTER (status = 'local'), 0)",
  /** Spend with suppliers placed outside the definition's area. */
  nonLocal: "coalesce(sum(amount) FILTER (status = 'non_local'), 0)",
  /** Spend with suppliers that cannot be placed: never counted as local or not local. */
  unlocated: "coalesce(sum(amount) FILTER (status = 'unlocated'), 0)",
  /** Spend with suppliers the register marks as small or medium-sized. */
  sme: "coalesce(sum(amount) FILTER (is_sme), 0)",
  /** Spend with voluntary, community and social enterprises (the register's VCSE flag). */
  vcse: "coalesce(sum(amount) FILTER (is_vcse), 0)",
  /** Spend with suppliers registered in England's 20% most deprived areas (int_supplier_flags, views.ts). */
  deprived: "coalesce(sum(amount) FILTER (deprived), 0)",
  /** Spend with public bodies (int_supplier_public_bodies: NHS trusts, CCGs, ICBs, councils, combined authorities, HMRC), whatever the definition. */
  publicBodies: "coalesce(sum(amount) FILTER (is_public_body), 0)",
  /** Influenceable spend: all spend but that with public bodies, for a definition that leaves them out (excludePublicBodies); null for any other. */
  influenceable: "CASE WHEN bool_or(excludes_public_bodies) THEN coalesce(sum(amount) FILTER (NOT coalesce(is_public_body, false)), 0) END",
  /** Local influenceable spend: with local suppliers that are not public bodies, for a definition that leaves them out; null for any other. */
  localInfluenceable: "CASE WHEN bool_or(excludes_public_bodies) THEN coalesce(sum(amount) FILTER (status = 'local' AND NOT coalesce(is_public_body, false)), 0) END",
  /** Payment lines. */
  lines: "sum(lines)",
} as const;

/** Each share is a figure over total spend (unlocated spend stays in the denominator and is reported beside it). */
export const SPEND_SHARES = {
  localShare: "local",
  unlocatedShare: "unlocated",
  smeShare: "sme",
  vcseShare: "vcse",
  deprivedShare: "deprived",
  publicBodiesShare: "publicBodies",
} as const satisfies Record<string, keyof typeof SPEND_FIGURES>;

/**
 * Shares over another figure than total spend: the local share of influenceable spend (as CLES measures it,
 * public bodies left out of both sides), for definitions that set excludePublicBodies; null for the others.
 */
export const SPEND_SHARES_OF = {
  localInfluenceableShare: { part: "localInfluenceable", of: "influenceable" },
} as const satisfies Record<string, { part: keyof typeof SPEND_FIGURES; of: keyof typeof SPEND_FIGURES }>;

export type SpendFigureName = keyof typeof SPEND_FIGURES;
export type SpendShareName = keyof typeof SPEND_SHARES | keyof typeof SPEND_SHARES_OF;
/** The figures of a definition without excludePublicBodies have influenceable and localInfluenceable null. */
export type SpendFigures = Record<SpendFigureName, number> & Record<"influenceable" | "localInfluenceable", number | null> & Record<SpendShareName, number | null>;

/** SELECT list of every figure (sums as DECIMAL, so that sums of sums stay exact) over a relation with the columns above. */
export function figureColumns(): string {
  return Object.entries(SPEND_FIGURES).map(([name, sql]) => `${sql} AS "${name}"`).join(",\n       ");
}

/** Sums of already summed figure columns (for periods made of months). */
function summedFigureColumns(): string {
  return Object.keys(SPEND_FIGURES).map((name) => `sum("${name}") AS "${name}"`).join(", ");
}

function shareColumns(): string {
  return [
    ...Object.entries(SPEND_SHARES).map(([share, figure]) => [share, { part: figure, of: "spend" }] as const),
    ...Object.entries(SPEND_SHARES_OF),
  ].map(([share, { part, of }]) => `CASE WHEN "${of}" = 0 THEN NULL ELSE round("${part}" / "${of}", 6)::DOUBLE END AS "${share}"`)
    .join(", ");
}

function outputFigureColumns(): string {
  return Object.keys(SPEND_FIGURES).map((name) => (name === "lines" ? `"lines"::INTEGER AS "lines"` : `"${name}"::DOUBLE AS "${name}"`)).join(", ");
}

/** Monthly figures from the figure inputs (mart_spend_figure_inputs, src/warehouse/views.ts). */
const MONTHLY = `
  monthly AS (
    SELECT institution AS institution_id, definition_id, version, month, ${figureColumns()}
    FROM mart_spend_figure_inputs GROUP BY ALL
  )`;

export type MonthFigures = SpendFigures & {
  institution: string;
  definition: string | null;
  month: string;
};

export type PeriodFigures = SpendFigures & {
  institution: string;
  /** "id vN"; null for an institution with no definition of local. */
  definition: string | null;
  /** The period's id (spend-periods.ts). */
  period: string;
};

/** Every figure by institution, definition ("id vN") and month. */
export async function monthlyFigures(warehouse: Warehouse): Promise<MonthFigures[]> {
  return warehouse.all<MonthFigures>(
    `WITH ${MONTHLY}
     SELECT institution_id AS institution, definition_id || ' v' || version AS definition, month,
            ${outputFigureColumns()}, ${shareColumns()}
     FROM monthly ORDER BY institution, definition, month`,
  );
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The offered periods as a WITH clause, offered(institution_id, period, first_month, last_month). */
export function offeredPeriods(periods: readonly SpendPeriod[]): string {
  const rows = periods.map((p) => `(${literal(p.institution)}, ${literal(p.id)}, ${literal(p.from)}, ${literal(p.to)})`).join(", ");
  return `offered(institution_id, period, first_month, last_month) AS (VALUES ${rows})`;
}

/** Every figure by institution, definition and offered period (months of a period with no spend add nothing). */
export async function periodFigures(warehouse: Warehouse, periods: readonly SpendPeriod[]): Promise<PeriodFigures[]> {
  if (periods.length === 0) return [];
  return warehouse.all<PeriodFigures>(
    `WITH ${MONTHLY},
     ${offeredPeriods(periods)},
     summed AS (
       SELECT o.institution_id, m.definition_id, m.version, o.period, ${summedFigureColumns()}
       FROM offered o JOIN monthly m ON m.institution_id = o.institution_id AND m.month BETWEEN o.first_month AND o.last_month
       GROUP BY ALL
     )
     SELECT institution_id AS institution, definition_id || ' v' || version AS definition, period,
            ${outputFigureColumns()}, ${shareColumns()}
     FROM summed ORDER BY institution, definition, period`,
  );
}

/** The periods offered for every institution with spend (spend-periods.ts). */
export async function spendPeriods(warehouse: Warehouse): Promise<SpendPeriod[]> {
  const rows = await warehouse.all<{ institution: string; months: string[] }>(
    `SELECT institution_id AS institution, list(DISTINCT strftime(payment_date, '%Y-%m')) AS months
     FROM current_spend GROUP BY institution_id ORDER BY institution_id`,
  );
  return rows.flatMap((row) => spendPeriodsOf(row.institution, [...row.months]));
}

/** The periods offered for every institution with spend, their figures under every definition, and the months'. */
export async function spendFigures(warehouse: Warehouse): Promise<{ periods: SpendPeriod[]; figures: PeriodFigures[]; monthly: MonthFigures[] }> {
  const periods = await spendPeriods(warehouse);
  return { periods, figures: await periodFigures(warehouse, periods), monthly: await monthlyFigures(warehouse) };
}

export type TopSupplierRow = { institution: string; period: string; place: number; supplier: string; spend: number; lines: number };

/** Each offered period's largest suppliers by spend (ties broken by supplier id), at most `limit` of them. */
export async function topSuppliersByPeriod(warehouse: Warehouse, periods: readonly SpendPeriod[], limit: number): Promise<TopSupplierRow[]> {
  if (periods.length === 0) return [];
  const rows = await warehouse.all<TopSupplierRow>(
    `WITH ${offeredPeriods(periods)},
     totals AS (
       SELECT o.institution_id, o.period, m.supplier, sum(m.spend) AS spend, sum(m.lines) AS lines
       FROM offered o JOIN mart_spend_by_month m ON m.institution = o.institution_id AND m.month BETWEEN o.first_month AND o.last_month
       GROUP BY ALL
     ),
     ranked AS (SELECT *, row_number() OVER (PARTITION BY institution_id, period ORDER BY spend DESC, supplier) AS place FROM totals)
     SELECT institution_id AS institution, period, place::INTEGER AS place, supplier, spend::DOUBLE AS spend, lines::INTEGER AS lines
     FROM ranked WHERE place <= ${Number(limit)} ORDER BY institution, period, place`,
  );
  return rows;
}

export type SuppliersPaidRow = { institution: string; period: string; suppliers: number };

/**
 * The Suppliers page's "N suppliers paid": for each offered period, how many distinct suppliers have payment lines in
 * it (as its table lists them: whatever their net spend). Counted here from every supplier, never from the few the
 * page names one by one (the rest reach it grouped).
 */
export async function suppliersPaidByPeriod(warehouse: Warehouse, periods: readonly SpendPeriod[]): Promise<SuppliersPaidRow[]> {
  if (periods.length === 0) return [];
  return warehouse.all<SuppliersPaidRow>(
    `WITH ${offeredPeriods(periods)}
     SELECT o.institution_id AS institution, o.period, count(DISTINCT m.supplier)::INTEGER AS suppliers
     FROM offered o JOIN mart_spend_by_month m ON m.institution = o.institution_id AND m.month BETWEEN o.first_month AND o.last_month
     GROUP BY ALL ORDER BY institution, period`,
  );
}

export type LocalSuppliersByCategoryRow = { institution: string; period: string; definition: string; category: string; suppliers: number };

/**
 * Market development's "local suppliers already paid": for each offered period, definition (key "id vN") and
 * category, how many distinct suppliers local under that definition were paid in it (net spend above zero).
 * Counted here from every supplier, never from the few the page names.
 */
export async function localSuppliersByCategory(warehouse: Warehouse, periods: readonly SpendPeriod[]): Promise<LocalSuppliersByCategoryRow[]> {
  if (periods.length === 0) return [];
  const rows = await warehouse.all<LocalSuppliersByCategoryRow>(
    `WITH ${offeredPeriods(periods)},
     paid AS (
       SELECT o.institution_id, o.period, m.category, m.supplier
       FROM offered o JOIN mart_spend_by_month m ON m.institution = o.institution_id AND m.month BETWEEN o.first_month AND o.last_month
       GROUP BY ALL HAVING sum(m.spend) > 0
     )
     SELECT p.institution_id AS institution, p.period, l.definition_id || ' v' || l.version AS definition, p.category,
            count(*)::INTEGER AS suppliers
     FROM paid p JOIN supplier_locality l ON l.institution_id = p.institution_id AND l.supplier_id = p.supplier AND l.status = 'local'
     GROUP BY ALL ORDER BY institution, period, definition, category`,
  );
  return rows;
}
