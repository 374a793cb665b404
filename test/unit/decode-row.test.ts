import { describe, expect, it } from "vitest";
import { withTempWarehouse } from "../helpers/temp-warehouse.js";

describe("Warehouse.all decodes rows to their columns' types (src/warehouse/decode-row.ts)", () => {
  it("gives integers of every width and doubles as numbers, money (DECIMAL) as exact text, dates as ISO text", async () => {
    await withTempWarehouse(async (warehouse) => {
      const row = await warehouse.one(
        `SELECT count(*) AS lines, 7::INTEGER AS version, 3::TINYINT AS decile, sum(x)::HUGEINT AS total, 0.25::DOUBLE AS share,
                1234.5::DECIMAL(18, 2) AS amount, sum(x::DECIMAL(18, 2)) AS pounds, DATE '2025-04-01' AS day, [1, 2]::BIGINT[] AS list,
                true AS flag, NULL::BIGINT AS nothing
         FROM (VALUES (0.1), (0.2)) t(x)`,
      );
      expect(row).toEqual({
        lines: 2, version: 7, decile: 3, total: 0, share: 0.25, amount: "1234.50", pounds: "0.30", day: "2025-04-01", list: [1, 2],
        flag: true, nothing: null,
      });
    });
  });

  it("refuses a whole number past 2^53 rather than round it", async () => {
    await withTempWarehouse(async (warehouse) => {
      await expect(warehouse.all("SELECT 9007199254740993::BIGINT AS n")).rejects.toThrow(/past 2\^53/);
      expect(await warehouse.one("SELECT 9007199254740993::BIGINT::VARCHAR AS n")).toEqual({ n: "9007199254740993" });
    });
  });
});
