import type { DuckDBConnection } from "@duckdb/node-api";
import { textSqlFunction } from "../src/core/text-sql-function.js";
import { normalisePostcode } from "./postcode-parts.js";

/**
 * The postcode rule as SQL functions: the same JavaScript functions, registered on a DuckDB connection (the
 * warehouse registers them on every open). NULL in, NULL out.
 *   normalise_postcode(text) → the canonical unit postcode (`E1 8DE`), or NULL when the text is not one.
 */
export function registerPostcodeFunctions(connection: DuckDBConnection): void {
  connection.registerScalarFunction(textSqlFunction("normalise_postcode", normalisePostcode));
}
