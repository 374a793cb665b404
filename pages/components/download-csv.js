import { csvFormat } from "d3-dsv";

/** Neutralises cells a spreadsheet would run as a formula (=, +, -, @ at the start). */
export function neutraliseFormula(value) {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A link that downloads exactly `rows` as CSV (formula-safe), for a chart's "download the data". */
/** @param {Record<string, unknown>[]} rows @param {{filename?: string, label?: string, document?: Document}} [options] */
export function DownloadCsv(rows, { filename = "data.csv", label = "Download CSV", document = globalThis.document } = {}) {
  const safe = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, neutraliseFormula(value)])));
  const link = document.createElement("a");
  link.textContent = `${label} (${rows.length} rows)`;
  link.download = filename;
  link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(csvFormat(safe))}`;
  link.className = "download-csv";
  return link;
}
