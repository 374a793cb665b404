import * as Plot from "@observablehq/plot";
import { formatMonth, formatPercent, formatPoundsCompact } from "./format.js";

/** "Apr 2024": a month tick that carries its year. */
const monthTick = (d) => d.toLocaleString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** Every nth month labelled so that ticks never run together (about 64 px per label). */
function monthTicks(dates, width) {
  const step = Math.max(1, Math.ceil((dates.length * 64) / Math.max(width - 80, 64)));
  return dates.filter((_, index) => index % step === 0);
}

/**
 * Local share of spend by month under one definition (a line, in %), with each month's spend below it as
 * context (grey bars). Rows: {month, localShare, spend} as computed in SQL.
 * @param {any[]} monthly @param {{width?: number, definitionName?: string, document?: Document}} [options]
 */
export function LocalShareByMonth(monthly, { width = 640, definitionName = "", document } = {}) {
  const rows = monthly.map((m) => ({ month: new Date(`${m.month}-01T00:00:00Z`), localShare: m.localShare, spend: m.spend }));
  const dates = rows.map((r) => r.month);
  const first = monthly[0]?.month;
  const last = monthly[monthly.length - 1]?.month;
  const x = { type: "band", label: null, domain: dates, ticks: monthTicks(dates, width), tickFormat: monthTick, padding: 0.2 };
  const share = Plot.plot({
    document,
    width,
    height: 240,
    marginLeft: 56,
    marginRight: 16,
    ariaLabel: `Local share of spend by month under ${definitionName}`,
    ariaDescription: first
      ? `Line of the local share of each month's spend from ${formatMonth(first)} to ${formatMonth(last)}: ${rows.map((r) => `${monthTick(r.month)} ${formatPercent(r.localShare)}`).join(", ")}.`
      : "No spend in the period.",
    x,
    y: { domain: [0, 1], grid: true, label: "Local share of spend", tickFormat: formatPercent },
    marks: [
      Plot.lineY(rows, { x: "month", y: "localShare", stroke: "#0072B2", strokeWidth: 2 }),
      Plot.dot(rows, { x: "month", y: "localShare", fill: "#0072B2", r: 3.5, title: (d) => `${formatMonth(d.month.toISOString().slice(0, 7))}: ${formatPercent(d.localShare)} local` }),
      Plot.ruleY([0]),
    ],
  });
  const spend = Plot.plot({
    document,
    width,
    height: 120,
    marginLeft: 56,
    marginRight: 16,
    ariaLabel: "Spend by month, for context",
    ariaDescription: first ? `Bars of each month's total spend: ${rows.map((r) => `${monthTick(r.month)} ${formatPoundsCompact(r.spend)}`).join(", ")}.` : "No spend in the period.",
    x,
    y: { grid: true, label: "Spend (£)", tickFormat: formatPoundsCompact, ticks: 3 },
    marks: [
      Plot.barY(rows, { x: "month", y: "spend", fill: "#8C8C8C", title: (d) => `${formatMonth(d.month.toISOString().slice(0, 7))}: ${formatPoundsCompact(d.spend)} spent` }),
      Plot.ruleY([0]),
    ],
  });
  const figure = (document ?? globalThis.document).createElement("div");
  figure.className = "local-share-by-month";
  figure.append(share, spend);
  return figure;
}
