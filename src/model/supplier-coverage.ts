import { formatShare, formatTable } from "../core/format-table.js";
import type { Warehouse } from "../warehouse/warehouse.js";

/**
 * Where a supplier's location comes from, in the order one wins when a supplier has several: the institution's own
 * (or a shared) register, an analyst's accepted review decision, an automatic match to Companies House or to the
 * Charity Commission; unplaced when none gives a location the loaded reference can place (a redacted payee always).
 */
export const COVERAGE_SOURCES = ["register", "review", "companies-house", "charity-commission", "unplaced"] as const;
export type CoverageSource = (typeof COVERAGE_SOURCES)[number];

export const COVERAGE_SOURCE_LABELS: Record<CoverageSource, string> = {
  register: "the institution's supplier register",
  review: "placed by review (an analyst accepted a register match)",
  "companies-house": "Companies House (automatic match)",
  "charity-commission": "Charity Commission (automatic match)",
  unplaced: "unplaced",
};

export interface CoverageShare {
  source: CoverageSource;
  suppliers: number;
  /** Pounds (a double: for shares and display; the exact figures are the spend figures'). */
  spend: number;
  /** Of the institution's current spend; 0 when it has none. */
  share: number;
}

export interface InstitutionCoverage {
  institution: string;
  name: string;
  suppliers: number;
  spend: number;
  sources: CoverageShare[];
}

/**
 * SQL: each institution's current spend by the source that places its supplier (COVERAGE_SOURCES' order): a location
 * of int_supplier_locations that the loaded reference places (located_postcodes precision other than none). The one
 * home of coverage: `suppliers match`, `report` and the Data quality page all read this.
 */
const COVERAGE_SQL = `
  WITH paid AS (
    SELECT sp.institution_id, sp.supplier_id, sum(sp.amount) AS spend, bool_or(s.is_redacted) AS redacted
    FROM current_spend sp JOIN suppliers s ON s.supplier_id = sp.supplier_id
    WHERE $institution::VARCHAR IS NULL OR sp.institution_id = $institution::VARCHAR GROUP BY ALL
  ), placed AS (
    SELECT sl.institution_id, sl.supplier_id,
           min(CASE WHEN sl.source = 'register' THEN 1 WHEN m.method = 'review' THEN 2
                    WHEN sl.source = 'companies-house' THEN 3 WHEN sl.source = 'charity-commission' THEN 4 END) AS source_rank
    FROM int_supplier_locations sl
    JOIN located_postcodes lp ON lp.postcode_as_given = sl.postcode_as_given AND lp.precision <> 'none'
    LEFT JOIN int_supplier_matches m ON m.institution_id = sl.institution_id AND m.supplier_id = sl.supplier_id
    GROUP BY ALL
  ), sourced AS (
    SELECT p.institution_id, p.supplier_id, p.spend,
           CASE WHEN p.redacted THEN 5 ELSE coalesce(pl.source_rank, 5) END AS source_rank
    FROM paid p LEFT JOIN placed pl ON pl.institution_id = p.institution_id AND pl.supplier_id = p.supplier_id
  )
  SELECT i.institution_id AS institution, i.name, r.source_rank, count(s.supplier_id)::INTEGER AS suppliers,
         coalesce(sum(s.spend), 0)::DOUBLE AS spend
  FROM institutions i
  CROSS JOIN range(1, 6) r(source_rank)
  LEFT JOIN sourced s ON s.institution_id = i.institution_id AND s.source_rank = r.source_rank
  WHERE i.institution_id IN (SELECT institution_id FROM paid)
  GROUP BY ALL ORDER BY institution, r.source_rank`;

/** Each institution's (or one's) coverage: its spend and suppliers by the source that places them. */
export async function supplierCoverage(warehouse: Warehouse, institution: string | null = null): Promise<InstitutionCoverage[]> {
  const rows = await warehouse.all<{ institution: string; name: string; source_rank: number; suppliers: number; spend: number }>(COVERAGE_SQL, { institution });
  const byInstitution = new Map<string, InstitutionCoverage>();
  for (const row of rows) {
    const entry = byInstitution.get(row.institution) ?? { institution: row.institution, name: row.name, suppliers: 0, spend: 0, sources: [] };
    entry.suppliers += Number(row.suppliers);
    entry.spend += Number(row.spend);
    entry.sources.push({ source: COVERAGE_SOURCES[Number(row.source_rank) - 1]!, suppliers: Number(row.suppliers), spend: Number(row.spend), share: 0 });
    byInstitution.set(row.institution, entry);
  }
  const result = [...byInstitution.values()];
  for (const entry of result) for (const source of entry.sources) source.share = entry.spend === 0 ? 0 : source.spend / entry.spend;
  return result;
}

const pounds = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Coverage as a terminal table: one row per institution and source (share of spend, spend, suppliers). */
export function formatCoverage(coverage: readonly InstitutionCoverage[]): string {
  if (coverage.length === 0) return "(no institution has current spend)";
  return formatTable(
    ["institution", "placed by", "share of spend", "spend (£)", "suppliers"],
    coverage.flatMap((entry) => entry.sources.map((source) => [
      entry.institution, source.source, formatShare(entry.spend === 0 ? null : source.share), pounds.format(source.spend), String(source.suppliers),
    ])),
    [2, 3, 4],
  );
}
