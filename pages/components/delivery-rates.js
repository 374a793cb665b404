import * as Plot from "@observablehq/plot";
import { labelledBars } from "./bar-labels.js";
import { unitLabel } from "./format.js";

/**
 * Delivered as a share of committed, one bar per measure (units differ, so rates, not quantities, share an
 * axis); the rule at 100% is "delivered what was committed".
 * @param {any[]} rows @param {{width?: number, document?: Document}} [options]
 */
export function DeliveryRates(rows, { width = 640, document } = {}) {
  const data = rows.filter((r) => r.deliveryRate != null).map((r) => ({ ...r, label: r.measureName ?? r.measureCode }));
  const layout = labelledBars(data, { y: "label", width });
  return Plot.plot({
    document,
    ...layout.frame,
    marginRight: 16,
    ariaLabel: "Delivered as a share of committed, by measure",
    ariaDescription: data.map((d) => `${d.measureCode} ${Math.round(d.deliveryRate * 100)}%`).join("; "),
    x: { label: "Delivered ÷ committed", tickFormat: (d) => `${Math.round(d * 100)}%`, grid: true },
    y: layout.y,
    color: { type: "threshold", domain: [1], range: ["#E69F00", "#0072B2"] },
    marks: [
      layout.labels,
      Plot.barX(data, { ...layout.barOptions, x: "deliveryRate", y: "label", fill: (d) => d.deliveryRate, title: (d) => `${d.measureName}: ${d.delivered} of ${d.committed} ${unitLabel(d.unit)} (${Math.round(d.deliveryRate * 100)}%)` }),
      Plot.ruleX([1], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.ruleX([0]),
    ],
  });
}
