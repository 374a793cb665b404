import { textSqlFunction } from "../../src/core/text-sql-function.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { supplierNameKey } from "../schema/normalise-supplier-name.js";
import { normaliseCharityNumber, normaliseCompanyNumber } from "../schema/supplier-identifiers.js";

const registered = new WeakSet<object>();

/**
 * The rules a national register's rows are keyed by, as SQL functions over the same JavaScript (one definition,
 * run by both), registered on the warehouse's connection once. NULL in, NULL out.
 *   company_number(text) → `07687209`, `SC012345` (loaders/schema/supplier-identifiers.ts), or NULL when not one
 *   charity_number(text) → an England and Wales charity number (`1123456`, a linked charity `1123456-1`), or NULL
 *   supplier_name_key(text) → the key a spend file's supplier name is matched by (loaders/schema/normalise-supplier-name.ts)
 */
export function registerRegisterFunctions(warehouse: Warehouse): void {
  if (registered.has(warehouse.connection)) return;
  warehouse.connection.registerScalarFunction(textSqlFunction("company_number", normaliseCompanyNumber));
  warehouse.connection.registerScalarFunction(textSqlFunction("charity_number", (text) => {
    const charity = normaliseCharityNumber(text);
    return charity?.scheme === "GB-CHC" ? charity.id : null;
  }));
  warehouse.connection.registerScalarFunction(textSqlFunction("supplier_name_key", (text) => supplierNameKey(text) || null));
  registered.add(warehouse.connection);
}
