import { parseQuantity } from "./parse-social-value-cells.js";
import { insertRows, readTableRows, type SocialValueTableLoader, writeTableQuarantine } from "./read-social-value-table.js";
import { PROXY_VALUE_FIELDS } from "./social-value-fields.js";

/**
 * Loads a proxy-value table: £ per unit of a measure, with its source and year. Such tables are the user's to
 * load under their own licence (the National TOMs values, for one, are licensed CC BY-NC-ND by their owner and
 * are neither shipped nor derived from here). A table's value for a measure wins over the framework's; a later
 * table's value for the same measure (and institution) supersedes an earlier table's.
 */
export const loadProxyValues: SocialValueTableLoader = async (warehouse, sheetTable, path, fileId, institutionId) => {
  const seen = new Map<string, number>();
  const table = readTableRows(sheetTable, PROXY_VALUE_FIELDS, path, "proxy values", (row) => {
    const measureCode = row.text("measure");
    if (measureCode === "") row.problem("measure", "", "missing-value", "the measure code is empty");
    const earlier = seen.get(measureCode.toUpperCase());
    if (measureCode !== "" && earlier !== undefined) row.problem("measure", measureCode, "duplicate-key", `measure "${measureCode}" is also on row ${earlier}`);
    else seen.set(measureCode.toUpperCase(), row.rowNumber);
    const value = row.parsed("value", parseQuantity(row.text("value")));
    if (value === null || value === 0) row.problem("value", row.text("value"), "not-a-positive-value", "expected a positive £ value per unit");
    const source = row.text("source");
    if (source === "") row.problem("source", "", "missing-value", "the source is empty (a proxy value is used only with the source it comes from)");
    const yearText = row.text("year");
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
    if (year === null || year < 1990 || year > 2100) row.problem("year", yearText, "not-a-year", `"${yearText}" is not a year (expected e.g. 2021: the year the value is for)`);
    if (value === undefined || value === null || year === null) return null;
    return { measure_code: measureCode, value_per_unit: value, source, year, row_number: row.rowNumber };
  });
  await warehouse.run(
    `UPDATE sv_proxy_values SET superseded_by = ?
     WHERE superseded_by IS NULL AND origin = 'table' AND institution_id IS NOT DISTINCT FROM ?
       AND measure_code IN (SELECT unnest(from_json(?, '["VARCHAR"]')))`,
    [fileId, institutionId, JSON.stringify(table.accepted.map((proxy) => proxy.measure_code))],
  );
  await insertRows(warehouse, "sv_proxy_values",
    { institution_id: "VARCHAR", measure_code: "VARCHAR", value_per_unit: "DOUBLE", source: "VARCHAR", year: "INTEGER", origin: "VARCHAR", file_id: "INTEGER", row_number: "INTEGER" },
    table.accepted.map((proxy) => ({ ...proxy, institution_id: institutionId, origin: "table", file_id: fileId })));
  await writeTableQuarantine(warehouse, fileId, path, sheetTable, table.quarantined);
  return { rowsRead: table.rowsRead, rowsLoaded: table.accepted.length, rowsQuarantined: table.rowsQuarantined };
};
