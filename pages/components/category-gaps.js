import * as Plot from "@observablehq/plot";
import { labelledBars } from "./bar-labels.js";
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
  const layout = labelledBars(categories, { y: "category", width });
  return Plot.plot({
    document,
    ...layout.frame,
    marginRight: 16,
    ariaLabel: `Spend by category and class under ${definitionName}, largest spend outside the area first`,
    ariaDescription: categories.length ? `The largest, ${categories[0].category}, has ${formatPoundsCompact(categories[0].nonLocal)} with suppliers that are not local.` : "No categories in the period.",
    x: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact },
    y: layout.y,
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [layout.labels, Plot.barX(rows, { ...layout.barOptions, x: "spend", y: "category", fill: "locality", order: LOCALITY_CLASSES, title: (d) => `${d.category}: ${LOCALITY_LABELS[d.locality]} ${formatPoundsCompact(d.spend)}` }), Plot.ruleX([0])],
  });
}
