import * as Inputs from "@observablehq/inputs";

/**
 * A chart's table view: Observable Inputs' table without row selection, its scrolling region reachable by
 * keyboard (tab to it, then arrow keys) and named for screen readers.
 * @param {any[]} rows @param {Record<string, any> & {label?: string}} [options]
 */
export function DataTable(rows, { label = "Table of the data above", ...options } = {}) {
  const table = Inputs.table(rows, { select: false, ...options });
  table.tabIndex = 0;
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", label);
  return table;
}
