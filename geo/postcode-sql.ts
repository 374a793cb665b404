import { DuckDBScalarFunction, VARCHAR, type DuckDBConnection } from "@duckdb/node-api";
import { normalisePostcode } from "./postcode-parts.js";

/**
 * The postcode rule as SQL functions: the same JavaScript functions, registered on a DuckDB connection (the
 * warehouse registers them on every open). NULL in, NULL out.
 *   normalise_postcode(text) → the canonical unit postcode (`E1 8DE`), or NULL when the text is not one.
 */
export function registerPostcodeFunctions(connection: DuckDBConnection): void {
  connection.registerScalarFunction(DuckDBScalarFunction.create({
    name: "normalise_postcode",
    mainFunction: (_info, input, output) => {
      const texts = input.getColumnVector(0);
      for (let row = 0; row < input.rowCount; row++) {
        const text = texts.getItem(row);
        output.setItem(row, typeof text === "string" ? normalisePostcode(text) : null);
      }
      output.flush();
    },
    returnType: VARCHAR,
    parameterTypes: [VARCHAR],
  }));
}
