import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { csvLine, neutraliseFormula } from "../../pages/shared/csv-cell.js";
import { textSqlFunction } from "../core/text-sql-function.js";
import type { SqlParams, Warehouse } from "../warehouse/warehouse.js";

const registered = new WeakSet<object>();

/**
 * SQL's `neutralise_formula(text)`: the CSV writer's own rule (pages/shared/csv-cell.js), registered on the
 * warehouse's connection, for the Parquet an export writes beside its CSV. NULL in, NULL out.
 */
export function registerFormulaFunction(warehouse: Warehouse): void {
  if (registered.has(warehouse.connection)) return;
  warehouse.connection.registerScalarFunction(textSqlFunction("neutralise_formula", (text) => neutraliseFormula(text)));
  registered.add(warehouse.connection);
}

/**
 * Writes a query's rows to a CSV file through the one CSV writer (pages/shared/csv-cell.js: text quoted and
 * formula-neutralised, numbers as they are, CRLF), streaming: DuckDB hands over one chunk of rows at a time, each
 * value as its text (an exact decimal stays exact), and no more than a chunk is held in memory. `preface`: a line
 * written before the heading, as one cell (the review file's note of who it is for).
 */
export async function writeQueryCsv(warehouse: Warehouse, query: string, path: string, params?: SqlParams, preface?: string): Promise<number> {
  const result = await warehouse.connection.stream(`SELECT COLUMNS(*)::VARCHAR FROM (${query})`, params);
  const file = createWriteStream(path);
  const failed = once(file, "error").then(([error]) => { throw error; });
  const write = async (text: string) => {
    if (!file.write(text)) await Promise.race([once(file, "drain"), failed]);
  };
  let rows = 0;
  try {
    if (preface !== undefined) await write(csvLine([preface]));
    await write(csvLine(result.columnNames()));
    for await (const chunk of result.yieldRows()) {
      await write(chunk.map(csvLine).join(""));
      rows += chunk.length;
    }
  } finally {
    file.end();
  }
  await Promise.race([once(file, "finish"), failed]);
  return rows;
}
