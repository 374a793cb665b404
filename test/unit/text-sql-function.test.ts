import { describe, expect, it } from "vitest";
import { textSqlFunction } from "../../src/core/text-sql-function.js";
import { withTempWarehouse } from "../helpers/temp-warehouse.js";

// Texts of every shape DuckDB stores: empty, inline (12 bytes or fewer) and not, ASCII and not (é is 2 bytes, 🙂 4),
// and NULL; repeated over several of DuckDB's 2,048-row chunks, so that a row read or written one place off shows.
const TEXTS = ["", "E1 6AN", "123456789012", "1234567890123", "Café", "Caféééééé", "Caféééééééé", "北京建筑有限公司", "🙂", "ACME WIDGET HOLDINGS LIMITED", null];
const ROWS = 5_000;
const textOf = (row: number) => TEXTS[row % TEXTS.length]!;

/** Each row's result of `sql_function(text)` over ROWS rows of TEXTS, in row order. */
async function applied<T>(functionName: string, register: Parameters<typeof textSqlFunction>): Promise<{ row: number; result: T | null }[]> {
  return withTempWarehouse(async (warehouse) => {
    warehouse.connection.registerScalarFunction(textSqlFunction(...register));
    const values = Array.from({ length: ROWS }, (_, row) => `(${row}, ${textOf(row) === null ? "NULL" : `'${textOf(row)}'`})`);
    await warehouse.run(`CREATE TEMP TABLE texts AS SELECT * FROM (VALUES ${values.join(", ")}) t(row, text)`);
    const rows = await warehouse.all<{ row: number; result: T | null }>(`SELECT row, ${functionName}(text) AS result FROM texts ORDER BY row`);
    return rows.map(({ row, result }) => ({ row: Number(row), result }));
  });
}

describe("textSqlFunction", () => {
  it("applies a text rule to every row, NULL in and NULL out, the rule's null as NULL", async () => {
    const rule = (text: string) => (text.length % 3 === 0 ? null : `${text.toUpperCase()}|${text.length}`);
    const rows = await applied<string>("test_rule", ["test_rule", rule]);
    expect(rows).toHaveLength(ROWS);
    for (const { row, result } of rows) expect(result, `row ${row}`).toBe(textOf(row) === null ? null : rule(textOf(row)!));
  });

  it("applies a true/false rule, NULL in and NULL out", async () => {
    const rule = (text: string) => (text === "" ? null : /é/.test(text));
    const rows = await applied<boolean>("test_flag", ["test_flag", rule, "boolean"]);
    expect(rows).toHaveLength(ROWS);
    for (const { row, result } of rows) expect(result, `row ${row}`).toBe(textOf(row) === null ? null : rule(textOf(row)!));
  });
});
