// The one CSV writer of anchor-spend: every download the site offers and every CSV an export writes goes through
// these functions. Plain JavaScript with no imports, so the pages run it in the browser (Observable Framework imports
// only from its root, pages/) and the exports in Node (src/share imports it; the layer sits below every other).

/** A text cell a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage return. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would run as a formula, by an apostrophe before it; any other value as it is. */
/** @template T @param {T} value @returns {T | string} */
export function neutraliseFormula(value) {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

/** An exact decimal given as text ("-1234.50", a load report's amount): a number, never a formula. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell, safe to open in a spreadsheet: numbers, booleans and decimal text as they are; everything else as text
 * (a list joined with "; ", a date as ISO), formula-neutralised and always quoted, so that a ";"-joined value
 * stays one cell in a spreadsheet that splits on semicolons, and a quote, comma or line break inside stays in it.
 * @param {unknown} value @returns {string}
 */
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) return value;
  const text = Array.isArray(value) ? value.map((item) => (item === null || item === undefined ? "" : String(item))).join("; ")
    : value instanceof Date ? value.toISOString() : String(value);
  return `"${String(neutraliseFormula(text)).replaceAll('"', '""')}"`;
}

/** One CSV line (CRLF ended) of the values given. @param {readonly unknown[]} values @returns {string} */
export function csvLine(values) {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * Rows as CSV text: the union of the rows' keys as the heading, in first-seen order; CRLF line ends.
 * @param {readonly Record<string, unknown>[]} rows @returns {string}
 */
export function csvText(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return [csvLine(columns), ...rows.map((row) => csvLine(columns.map((column) => row[column])))].join("");
}
