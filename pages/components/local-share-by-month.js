import * as Plot from "@observablehq/plot";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatMonth, formatPoundsCompact } from "./format.js";

/** Monthly spend stacked by class under one definition of local: local, not local, unlocated. */
/** @param {any[]} monthly @param {{width?: number, definitionName?: string, document?: Document}} [options] */
export function LocalShareByMonth(monthly, { width = 640, definitionName = "", document } = {}) {
  const rows = monthly.flatMap((m) => [
    { month: new Date(`${m.month}-01T00:00:00Z`), locality: "local", spend: m.localSpend },
    { month: new Date(`${m.month}-01T00:00:00Z`), locality: "non_local", spend: m.nonLocalSpend },
    { month: new Date(`${m.month}-01T00:00:00Z`), locality: "unlocated", spend: m.unlocatedSpend },
  ]);
  const first = monthly[0]?.month;
  const last = monthly[monthly.length - 1]?.month;
  return Plot.plot({
    document,
    width,
    height: 320,
    marginLeft: 60,
    ariaLabel: `Monthly spend by locality under ${definitionName}`,
    ariaDescription: first
      ? `Stacked bars of spend per month from ${formatMonth(first)} to ${formatMonth(last)}, split into local, not local and unlocated suppliers.`
      : "No spend in the period.",
    x: { type: "band", label: null, tickFormat: (d) => d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" }) },
    y: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact },
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [
      Plot.barY(rows, {
        x: "month",
        y: "spend",
        fill: "locality",
        order: LOCALITY_CLASSES,
        title: (d) => `${formatMonth(d.month.toISOString().slice(0, 7))}: ${LOCALITY_LABELS[d.locality]} ${formatPoundsCompact(d.spend)}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}
