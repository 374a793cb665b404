import type { DuckDBTypeId as TypeId, DuckDBValueConverter, Json } from "@duckdb/node-api";
import { DuckDBTypeId, JsonDuckDBValueConverter } from "../core/duckdb.js";

const WIDE_INTEGERS = new Set<TypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);
const LARGEST = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * How `Warehouse.all` decodes a value, by its DuckDB type:
 *   - integers of every width (counts are BIGINT) and DOUBLE/FLOAT: numbers. An integer past 2^53 is refused,
 *     never rounded: a query that can produce one casts it to VARCHAR (e.g. a total in pence).
 *   - DECIMAL (money: `amount`, `value`, `amount_loaded`): its exact decimal text, e.g. "1234.50" (never a double).
 *   - DATE, TIMESTAMP: ISO text; BOOLEAN: boolean; VARCHAR: string; lists: arrays; MAP: [{key, value}]; STRUCT: objects.
 */
export const decodeValue: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (WIDE_INTEGERS.has(type.typeId) && typeof value === "bigint") {
    if (value > LARGEST || value < -LARGEST) {
      throw new RangeError(`the whole number ${value} is past 2^53 and would be rounded: cast it to VARCHAR in the query`);
    }
    return Number(value);
  }
  return JsonDuckDBValueConverter(value, type, converter);
};
