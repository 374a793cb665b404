// The DuckDB API (@duckdb/node-api), required rather than imported. It is CommonJS: an ESM `import` of it makes
// Node lex its 1.7 MB of modules for their export names first, a third of a second of every command's start on
// this machine (measured: import 0.49–0.62 s CPU, require 0.18–0.25 s; again on 2026-12-02, 185 ms against 75 ms).
// Every value of the package comes from here (a single ESM import of it anywhere brings the lexing back); types
// are imported as types from the package itself (erased when compiled).
import { createRequire } from "node:module";
import type * as DuckDB from "@duckdb/node-api";

const duckdb = createRequire(import.meta.url)("@duckdb/node-api") as typeof DuckDB;

export const {
  BOOLEAN, DuckDBDateValue, DuckDBDecimalValue, DuckDBInstance, DuckDBScalarFunction, DuckDBTypeId, JsonDuckDBValueConverter, VARCHAR, listValue,
} = duckdb;
