import { jsonPath } from "./json-path.js";
import { isObject, text, type JsonObject } from "./json-values.js";
import type { Problems } from "./notice-problems.js";

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

const periodEnd = (observation: JsonObject) => (isObject(observation.period) ? text(observation.period.endDate) : null);

/**
 * KPIs as the OCDS metrics extension carries them, which Find a Tender uses for the Procurement Act's key
 * performance indicators (its UK extension's `noAgreedMetricsRationale`: "agreed metrics, in the UK known as key
 * performance indicators"): the metrics agreed in the award and the contract (`agreedMetrics[]`: id, title,
 * description), and the performance reported against them (`contracts[].implementation.metrics[]`, the same ids,
 * `observations[]` with measure, value.amount, unit.name and period). One KPI per id (or per title where there is
 * none); its latest observation by period end is kept, a rating in words as its measure.
 */
export function readMetrics(holders: readonly [string, JsonObject][], problems: Problems): NoticeKpi[] {
  const places = holders.flatMap(([path, holder]) => [
    [jsonPath(path, "agreedMetrics"), holder.agreedMetrics] as const,
    ...(isObject(holder.implementation) ? [[jsonPath(jsonPath(path, "implementation"), "metrics"), holder.implementation.metrics] as const] : []),
  ]);
  const kpis = new Map<string, { kpi: NoticeKpi; latest: JsonObject | null }>();
  for (const [path, metrics] of places) {
    if (!Array.isArray(metrics)) continue;
    metrics.forEach((metric, index) => {
      if (!isObject(metric)) return;
      const id = text(metric.id);
      const title = text(metric.title);
      const known = kpis.get(id ?? `title:${title}`);
      if (!known && title === null && id === null) {
        problems.add(jsonPath(jsonPath(path, index), "title"), null, "missing-value", "a KPI with neither a title nor an id");
        return;
      }
      const entry = known ?? { kpi: { kpiId: id, title: title ?? id!, description: null, rating: null, observedValue: null, unit: null, periodEnd: null }, latest: null };
      if (title !== null && (!known || known.kpi.title === id)) entry.kpi.title = title;
      entry.kpi.description ??= text(metric.description);
      for (const observation of (Array.isArray(metric.observations) ? metric.observations : []).filter(isObject)) {
        if (entry.latest === null || (periodEnd(observation) ?? "") >= (periodEnd(entry.latest) ?? "")) entry.latest = observation;
      }
      kpis.set(id ?? `title:${title}`, entry);
    });
  }
  return [...kpis.values()].map(({ kpi, latest }) => {
    if (latest === null) return kpi;
    const measure = latest.measure;
    const value = isObject(latest.value) && typeof latest.value.amount === "number" ? latest.value.amount : null;
    return {
      ...kpi,
      rating: typeof measure === "string" ? measure.trim() || null : null,
      observedValue: typeof measure === "number" ? measure : value,
      unit: isObject(latest.unit) ? text(latest.unit.name) : null,
      periodEnd: periodEnd(latest),
    };
  });
}
