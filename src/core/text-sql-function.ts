import type { DuckDBScalarFunction as ScalarFunction } from "@duckdb/node-api";
import { BOOLEAN, DuckDBScalarFunction, VARCHAR } from "./duckdb.js";

/**
 * A JavaScript text → text (or → true/false) function as a DuckDB scalar function (`name(text)`), for a rule that JS and SQL both
 * apply: one definition, run by both. NULL in, NULL out.
 */
export function textSqlFunction(name: string, rule: (text: string) => string | boolean | null, returns: "text" | "boolean" = "text"): ScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    mainFunction: (_info, input, output) => {
      const texts = input.getColumnVector(0);
      for (let row = 0; row < input.rowCount; row++) {
        const text = texts.getItem(row);
        output.setItem(row, typeof text === "string" ? rule(text) : null);
      }
      output.flush();
    },
    returnType: returns === "boolean" ? BOOLEAN : VARCHAR,
    parameterTypes: [VARCHAR],
  });
}
