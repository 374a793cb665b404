import * as Plot from "@observablehq/plot";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatPoundsCompact } from "./format.js";

/**
 * Categories with the most spend outside the local area, split by class: where market development could move spend.
 * @param {any[]} categories @param {{width?: number, definitionName?: string, document?: Document}} [options]
 */
export function CategoryGaps(categories, { width = 640, definitionName = "", document } = {}) {
  const rows = categories.flatMap((c) => [
    { category: c.category, locality: "local", spend: c.local },
    { category: c.category, locality: "non_local", spend: c.nonLocal },
    { category: c.category, locality: "unlocated", spend: c.unlocated },
  ]);
  return Plot.plot({
    document,
    width,
    height: 40 + categories.length * 28,
    marginLeft: Math.min(280, width / 2.5),
    ariaLabel: `Spend by category and class under ${definitionName}, largest spend outside the area first`,
    ariaDescription: categories.length ? `The largest, ${categories[0].category}, has ${formatPoundsCompact(categories[0].nonLocal)} with suppliers that are not local.` : "No categories in the period.",
    x: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact },
    y: { label: null, domain: categories.map((c) => c.category) },
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [Plot.barX(rows, { x: "spend", y: "category", fill: "locality", order: LOCALITY_CLASSES, title: (d) => `${d.category}: ${LOCALITY_LABELS[d.locality]} ${formatPoundsCompact(d.spend)}` }), Plot.ruleX([0])],
  });
}
