import * as Plot from "@observablehq/plot";
import { formatPercent } from "./format.js";

/** Local share of spend under each loaded definition of local: how the answer moves with the definition. */
/** @param {any[]} rows @param {{width?: number, document?: Document}} [options] */
export function LocalShareByDefinition(rows, { width = 640, document } = {}) {
  const data = rows.map((r) => ({ label: `${r.definition.name} (v${r.definition.version})`, share: r.headline.localShare ?? 0 }));
  return Plot.plot({
    document,
    width,
    height: 40 + data.length * 36,
    marginLeft: Math.min(280, width / 2.5),
    ariaLabel: "Local share of spend under each definition of local",
    ariaDescription: data.map((d) => `${d.label}: ${formatPercent(d.share)}`).join("; "),
    x: { domain: [0, 1], grid: true, label: "Local share of spend", tickFormat: formatPercent },
    y: { label: null },
    marks: [
      Plot.barX(data, { x: "share", y: "label", fill: "#0072B2" }),
      Plot.text(data, { x: "share", y: "label", text: (d) => formatPercent(d.share), dx: 4, textAnchor: "start" }),
      Plot.ruleX([0]),
    ],
  });
}
