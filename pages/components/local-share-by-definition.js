import * as Plot from "@observablehq/plot";
import { labelledBars } from "./bar-labels.js";
import { formatPercent } from "./format.js";

/** Local share of spend under each loaded definition of local: how the answer moves with the definition. */
/** @param {any[]} rows @param {{width?: number, document?: Document}} [options] */
export function LocalShareByDefinition(rows, { width = 640, document } = {}) {
  const data = rows.map((r) => ({ label: `${r.definition.name} (version ${r.definition.version})`, share: r.headline.localShare ?? 0 }));
  const layout = labelledBars(data, { y: "label", width });
  return Plot.plot({
    document,
    ...layout.frame,
    marginRight: 48,
    ariaLabel: "Local share of spend under each definition of local",
    ariaDescription: data.map((d) => `${d.label}: ${formatPercent(d.share)}`).join("; "),
    x: { domain: [0, 1], grid: true, label: "Local share of spend", tickFormat: formatPercent },
    y: layout.y,
    marks: [
      Plot.barX(data, { ...layout.barOptions, x: "share", y: "label", fill: "#0072B2" }),
      Plot.text(data, { x: "share", y: "label", text: (d) => formatPercent(d.share), dx: 4, dy: layout.barDy, textAnchor: "start" }),
      layout.labels,
      Plot.ruleX([0]),
    ],
  });
}
