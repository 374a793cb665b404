import { jsonPath } from "./json-path.js";
import type { Problems } from "./notice-problems.js";
import { isObject, text, type JsonObject } from "./json-values.js";

/** A key performance indicator a notice sets for a contract, with its latest observation where one is reported. */
export interface NoticeKpi {
  kpiId: string | null;
  title: string;
  description: string | null;
  /** A rating in words (`Good`, `Approaching target`, `Requires improvement`, `Inadequate`), when reported so. */
  rating: string | null;
  observedValue: number | null;
  unit: string | null;
  /** The end of the period the latest observation covers, as written. */
  periodEnd: string | null;
}

/**
 * KPIs as the OCDS metrics extension carries them (`metrics[]`: id, title, description, observations[] with
 * measure, value.amount, unit.name and period), read from the award, the contract signed under it and the
 * contract's implementation: a contract details notice sets them, a contract performance notice reports
 * observations (the rating as the observation's measure). The latest observation by period end is kept.
 */
export function readMetrics(holders: readonly [string, JsonObject][], problems: Problems): NoticeKpi[] {
  const kpis: NoticeKpi[] = [];
  const places = holders.flatMap(([path, holder]) => [
    [jsonPath(path, "metrics"), holder.metrics] as const,
    ...(isObject(holder.implementation) ? [[jsonPath(jsonPath(path, "implementation"), "metrics"), holder.implementation.metrics] as const] : []),
  ]);
  for (const [path, metrics] of places) {
    if (!Array.isArray(metrics)) continue;
    metrics.forEach((metric, index) => {
      const metricPath = jsonPath(path, index);
      if (!isObject(metric)) return;
      const title = text(metric.title) ?? text(metric.id);
      if (title === null) {
        problems.add(jsonPath(metricPath, "title"), null, "missing-value", "a KPI with neither a title nor an id");
        return;
      }
      const observations = (Array.isArray(metric.observations) ? metric.observations : []).filter(isObject);
      const periodEnd = (observation: JsonObject) => (isObject(observation.period) ? text(observation.period.endDate) : null);
      const latest = observations.reduce<JsonObject | null>((best, observation) => (best === null || (periodEnd(observation) ?? "") >= (periodEnd(best) ?? "") ? observation : best), null);
      const value = latest && isObject(latest.value) && typeof latest.value.amount === "number" ? latest.value.amount : null;
      const measure = latest ? latest.measure : undefined;
      kpis.push({
        kpiId: text(metric.id), title, description: text(metric.description),
        rating: typeof measure === "string" ? measure.trim() || null : null,
        observedValue: typeof measure === "number" ? measure : value,
        unit: latest && isObject(latest.unit) ? text(latest.unit.name) : null,
        periodEnd: latest ? periodEnd(latest) : null,
      });
    });
  }
  return kpis;
}
