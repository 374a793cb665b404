import * as Plot from "@observablehq/plot";

/**
 * A small trend line of one monthly measure, for a headline card.
 * @param {any[]} monthly @param {{value: string, label?: string, width?: number, document?: Document}} options
 */
export function Sparkline(monthly, { value, label = value, width = 200, document }) {
  const rows = monthly.filter((m) => m[value] != null).map((m) => ({ month: new Date(`${m.month}-01T00:00:00Z`), value: m[value] }));
  return Plot.plot({
    document,
    width,
    height: 48,
    margin: 4,
    axis: null,
    ariaLabel: `Trend of ${label} by month`,
    ariaDescription: rows.length ? `${rows.length} months` : "No months in the period",
    y: { zero: true },
    marks: [Plot.lineY(rows, { x: "month", y: "value", stroke: "#0072B2" }), Plot.dot(rows.slice(-1), { x: "month", y: "value", fill: "#0072B2", r: 2.5 })],
  });
}
