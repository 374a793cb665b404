import * as Plot from "@observablehq/plot";
import { labelledBars } from "./bar-labels.js";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatPoundsCompact } from "./format.js";

/** The largest suppliers by spend, each bar coloured by its class under the definition of local. */
/** @param {any[]} suppliers @param {{width?: number, definitionName?: string, document?: Document}} [options] */
export function TopSuppliers(suppliers, { width = 640, definitionName = "", document } = {}) {
  const layout = labelledBars(suppliers, { y: "supplier", width });
  return Plot.plot({
    document,
    ...layout.frame,
    marginRight: 16,
    ariaLabel: `Top ${suppliers.length} suppliers by spend, coloured by locality under ${definitionName}`,
    ariaDescription: suppliers.length
      ? `Horizontal bars; the largest is ${suppliers[0].supplier} at ${formatPoundsCompact(suppliers[0].totalSpend)}.`
      : "No suppliers in the period.",
    x: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact },
    y: layout.y,
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [
      Plot.barX(suppliers, { ...layout.barOptions, x: "totalSpend", y: "supplier", fill: "status", title: (d) => `${d.supplier}: ${formatPoundsCompact(d.totalSpend)} in ${d.lines} payments` }),
      layout.labels,
      Plot.ruleX([0]),
    ],
  });
}
