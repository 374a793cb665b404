import type { Warehouse } from "../warehouse/warehouse.js";
import { RETURNS_IN_CONTEXT, scopeParameter, type SocialValueScope } from "./social-value-context.js";
import { MEASURES_WITH_PROXY } from "./social-value-metrics.js";

/** A measure counts as on commitment when delivered is within half a per cent of committed. */
export const ON_COMMITMENT_TOLERANCE = 0.005;

export interface DeliveryHeadline {
  /** Measures with something committed, by how delivery compares with commitment. */
  measures: { committed: number; under: number; on: number; over: number };
  /** Committed and delivered summed over the measures of each unit (like units only). */
  byUnit: { unit: string | null; measures: number; committed: number; delivered: number }[];
  /** Committed and delivered valued at proxy values, over the measures that have one. */
  proxy: { measures: number; committed: number; delivered: number } | null;
}

/**
 * The social value headline: delivered against committed summed over like units and, where proxy values exist,
 * in pounds of proxy value; and the count of measures on, under and over commitment. Never a mean of ratios.
 */
export async function deliveryHeadline(warehouse: Warehouse, scope: SocialValueScope = {}): Promise<DeliveryHeadline> {
  const params = scopeParameter(scope);
  const counts = await warehouse.one<Record<string, number>>(
    `WITH ${RETURNS_IN_CONTEXT}, ${MEASURES_WITH_PROXY}
     SELECT count(*) FILTER (committed > 0) AS committed,
            count(*) FILTER (committed > 0 AND delivered < committed * (1 - ${ON_COMMITMENT_TOLERANCE})) AS under,
            count(*) FILTER (committed > 0 AND delivered > committed * (1 + ${ON_COMMITMENT_TOLERANCE})) AS over,
            count(*) FILTER (committed > 0 AND delivered BETWEEN committed * (1 - ${ON_COMMITMENT_TOLERANCE}) AND committed * (1 + ${ON_COMMITMENT_TOLERANCE})) AS "on",
            count(*) FILTER (value_per_unit IS NOT NULL) AS proxy_measures,
            sum(committed * value_per_unit)::DOUBLE AS proxy_committed, sum(delivered * value_per_unit)::DOUBLE AS proxy_delivered
     FROM measures_with_proxy`,
    params,
  );
  const byUnit = await warehouse.all<{ unit: string | null; measures: number; committed: number; delivered: number }>(
    `WITH ${RETURNS_IN_CONTEXT}, ${MEASURES_WITH_PROXY}
     SELECT unit, count(*) AS measures, sum(committed)::DOUBLE AS committed, sum(delivered)::DOUBLE AS delivered
     FROM measures_with_proxy GROUP BY unit ORDER BY unit NULLS LAST`,
    params,
  );
  return {
    measures: { committed: Number(counts.committed), under: Number(counts.under), on: Number(counts.on), over: Number(counts.over) },
    byUnit: byUnit.map((row) => ({ unit: row.unit, measures: Number(row.measures), committed: Number(row.committed), delivered: Number(row.delivered) })),
    proxy: Number(counts.proxy_measures) === 0 ? null : { measures: Number(counts.proxy_measures), committed: Number(counts.proxy_committed), delivered: Number(counts.proxy_delivered) },
  };
}
