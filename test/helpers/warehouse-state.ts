import type { Warehouse } from "../../src/warehouse/warehouse.js";

/** Columns that differ between two loads of the same files (when they ran), left out of "same content". */
export const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = { source_files: ["loaded_at"] };

/**
 * The content of every table as "rows:hash" (an order-free sum of row hashes), in one query: two warehouses,
 * or one before and after a load, hold the same content when these are equal. Columns named in `ignore` are
 * left out (e.g. when each row was loaded). Same idea as tableChecksums in temp-warehouse.ts, but one round
 * trip, so it can run around each of hundreds of loads.
 */
export async function contentChecksums(
  warehouse: Warehouse,
  ignore: Readonly<Record<string, readonly string[]>> = {},
): Promise<Record<string, string>> {
  const columns = await warehouse.all<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
     WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = [...new Set(columns.map((column) => column.table_name))];
  if (tables.length === 0) return {};
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const selects = tables.map((table) => {
    const skipped = (ignore[table] ?? []).filter((name) => columns.some((c) => c.table_name === table && c.column_name === name));
    const source = skipped.length ? `(SELECT * EXCLUDE (${skipped.map(quote).join(", ")}) FROM ${quote(table)})` : quote(table);
    return `SELECT '${table.replaceAll("'", "''")}' AS name, count(*)::VARCHAR || ':' || coalesce(sum(hash(t)::HUGEINT)::VARCHAR, '') AS sum FROM ${source} t`;
  });
  const rows = await warehouse.all<{ name: string; sum: string }>(selects.join(" UNION ALL "));
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** The tables whose checksums differ between two states, for a readable failure. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]).sort();
}
