import * as Plot from "@observablehq/plot";

/**
 * A small trend line of one monthly figure, for a headline card, with its first and last months' values written
 * beside the line. @param {any[]} monthly
 * @param {{value: string, label?: string, format?: (v: number) => string, width?: number, document?: Document}} options
 */
export function Sparkline(monthly, { value, label = value, format = String, width = 200, document }) {
  const rows = monthly.filter((m) => m[value] != null).map((m) => ({ month: new Date(`${m.month}-01T00:00:00Z`), value: m[value] }));
  const ends = rows.length > 1 ? [rows[0], rows[rows.length - 1]] : rows;
  const monthYear = (d) => d.toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  return Plot.plot({
    document,
    width,
    height: 64,
    marginTop: 16,
    marginBottom: 4,
    marginLeft: 8,
    marginRight: 8,
    axis: null,
    ariaLabel: `Trend of ${label} by month`,
    ariaDescription: rows.length ? `${rows.length} months, from ${format(rows[0].value)} in ${monthYear(rows[0].month)} to ${format(rows[rows.length - 1].value)} in ${monthYear(rows[rows.length - 1].month)}` : "No months in the period",
    y: { zero: true },
    marks: [
      Plot.lineY(rows, { x: "month", y: "value", stroke: "#0072B2" }),
      Plot.dot(ends, { x: "month", y: "value", fill: "#0072B2", r: 2.5 }),
      Plot.text(ends.slice(0, 1), { x: "month", y: "value", text: (d) => `${format(d.value)} ${monthYear(d.month)}`, dy: -9, fontSize: 10, textAnchor: "start" }),
      Plot.text(ends.slice(1), { x: "month", y: "value", text: (d) => `${format(d.value)} ${monthYear(d.month)}`, dy: -9, fontSize: 10, textAnchor: "end" }),
    ],
  });
}
