// The writer itself is pages/shared/csv-cell.js: the exports write their CSV with it too.
import {csvText} from "../shared/csv-cell.js";

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
