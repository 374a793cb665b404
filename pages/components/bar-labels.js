import * as Plot from "@observablehq/plot";

const FONT_SIZE = 12;
const LINE_HEIGHT = 14;
const BAR_HEIGHT = 20;

/**
 * Horizontal bars whose labels sit above each bar, inside the chart (never in a left margin that would cut them),
 * wrapped onto as many lines as the chart's width needs. Returns the chart's frame to spread into its plot
 * options (width, height, left margin), the y scale, the bar options and the label mark. @param {any[]} data
 * @param {{y: string, width: number, label?: (d: any) => string}} options
 */
export function labelledBars(data, { y, width, label = (d) => d[y] }) {
  const widthInEms = Math.max(10, (width - 24) / FONT_SIZE);
  // Plot wraps at lineWidth ems; its average character is about 0.55 em wide.
  const longest = Math.max(1, ...data.map((d) => String(label(d)).length));
  const lines = Math.ceil((longest * 0.6) / widthInEms);
  const row = lines * LINE_HEIGHT + BAR_HEIGHT + 8;
  const height = 48 + data.length * row;
  return {
    frame: { width, height, marginLeft: 8 },
    y: { label: null, domain: [...new Set(data.map((d) => d[y]))], axis: null, paddingInner: 0, paddingOuter: 0 },
    barOptions: { insetTop: lines * LINE_HEIGHT + 4, insetBottom: 4 },
    /** How far below the row's centre a bar's centre is (for text written on a bar). */
    barDy: (lines * LINE_HEIGHT) / 2,
    labels: Plot.text(data, {
      y, text: label, frameAnchor: "left", textAnchor: "start", lineAnchor: "top", dy: -row / 2 + 2,
      fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT / FONT_SIZE, lineWidth: widthInEms, fill: "currentColor",
    }),
  };
}
