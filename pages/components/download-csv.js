/** Neutralises cells a spreadsheet would run as a formula (=, +, -, @, tab or carriage return at the start). */
export function neutraliseFormula(value) {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV cell, safe to open in a spreadsheet: numbers, booleans and decimal text as they are; everything else as text
 * (a list joined with "; ", a date as ISO), formula-neutralised and always quoted, so that a ";"-joined value
 * stays one cell in a spreadsheet that splits on semicolons.
 */
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  // An exact decimal given as text (a load report's amount, "-1234.50") is a number, not a formula.
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return value;
  const text = Array.isArray(value) ? value.map((item) => (item === null || item === undefined ? "" : String(item))).join("; ")
    : value instanceof Date ? value.toISOString() : String(value);
  return `"${String(neutraliseFormula(text)).replaceAll('"', '""')}"`;
}

/** Rows as CSV text: the union of the rows' keys as the heading, in first-seen order; CRLF line ends. */
export function csvText(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row[column])))].map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

/** A link that downloads exactly `rows` as CSV (formula-safe), for a chart's "download the data". */
/** @param {Record<string, unknown>[]} rows @param {{filename?: string, label?: string, document?: Document}} [options] */
export function DownloadCsv(rows, { filename = "data.csv", label = "Download CSV", document = globalThis.document } = {}) {
  const link = document.createElement("a");
  link.textContent = `${label} (${rows.length} rows)`;
  link.download = filename;
  link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(csvText(rows))}`;
  link.className = "download-csv";
  return link;
}
