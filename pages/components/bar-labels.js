import * as Plot from "@observablehq/plot";

/** Height of one labelled bar row: the label on its own line above a bar, so a long name is never clipped. */
export const LABELLED_ROW = 38;
const LABEL_SPACE = 15;

/**
 * Horizontal bars whose labels sit above each bar, inside the chart (not in a left margin that would cut them).
 * Returns the plot options to spread: y scale, margins, height, and the label mark.
 * @param {any[]} data @param {{y: string, label?: (d: any) => string}} options
 */
export function labelledBars(data, { y, label = (d) => d[y] }) {
  return {
    height: 48 + data.length * LABELLED_ROW,
    marginLeft: 8,
    y: { label: null, domain: [...new Set(data.map((d) => d[y]))], axis: null, paddingInner: 0, paddingOuter: 0 },
    barOptions: { insetTop: LABEL_SPACE, insetBottom: 4 },
    labels: Plot.text(data, { y, text: label, frameAnchor: "left", textAnchor: "start", dy: -(LABELLED_ROW / 2) + LABEL_SPACE / 2 + 1, dx: 0, fontSize: 12, fill: "currentColor", lineWidth: 60 }),
  };
}
