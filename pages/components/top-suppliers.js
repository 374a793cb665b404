import * as Plot from "@observablehq/plot";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatPoundsCompact } from "./format.js";

/** The largest suppliers by spend, each bar coloured by its class under the definition of local. */
/** @param {any[]} suppliers @param {{width?: number, definitionName?: string, document?: Document}} [options] */
export function TopSuppliers(suppliers, { width = 640, definitionName = "", document } = {}) {
  return Plot.plot({
    document,
    width,
    height: 40 + suppliers.length * 24,
    marginLeft: Math.min(300, width / 2.5),
    ariaLabel: `Top ${suppliers.length} suppliers by spend, coloured by locality under ${definitionName}`,
    ariaDescription: suppliers.length
      ? `Horizontal bars; the largest is ${suppliers[0].supplier} at ${formatPoundsCompact(suppliers[0].totalSpend)}.`
      : "No suppliers in the period.",
    x: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact },
    y: { label: null, domain: suppliers.map((d) => d.supplier) },
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [
      Plot.barX(suppliers, { x: "totalSpend", y: "supplier", fill: "status", title: (d) => `${d.supplier}: ${formatPoundsCompact(d.totalSpend)} in ${d.lines} payments` }),
      Plot.ruleX([0]),
    ],
  });
}
