import { describe, expect, it } from "vitest";
import { migrations } from "../../src/warehouse/migrations.js";
import { withTempWarehouse } from "../helpers/temp-warehouse.js";

describe("warehouse", () => {
  it("creates every table of the schema and records the migration", async () => {
    await withTempWarehouse(async (warehouse) => {
      const tables = (await warehouse.all<{ name: string }>("SELECT table_name AS name FROM information_schema.tables ORDER BY 1")).map((t) => t.name);
      for (const table of ["institutions", "source_files", "spend", "suppliers", "postcodes", "local_definitions", "supplier_locality", "quarantine", "schema_version"]) {
        expect(tables).toContain(table);
      }
      expect(await warehouse.schemaVersion()).toBe(migrations[migrations.length - 1]!.version);
    });
  });

  it("rolls a failed transaction back entirely", async () => {
    await withTempWarehouse(async (warehouse) => {
      await expect(warehouse.transaction(async () => {
        await warehouse.run("INSERT INTO institutions (institution_id, name, kind, ods_code, is_demo, note) VALUES ('X', 'X', 'nhs-trust', NULL, false, NULL)");
        throw new Error("boom");
      })).rejects.toThrow("boom");
      expect(await warehouse.all("SELECT * FROM institutions")).toEqual([]);
    });
  });

  it("refuses a source file whose counts do not reconcile", async () => {
    await withTempWarehouse(async (warehouse) => {
      await expect(warehouse.run(
        `INSERT INTO source_files (file_id, path, sha256, kind, rows_read, rows_loaded, rows_quarantined, loaded_at)
         VALUES (1, 'x.csv', 'abc', 'spend', 10, 5, 4, current_timestamp)`,
      )).rejects.toThrow(/CHECK/i);
    });
  });
  it("puts DuckDB's memory limit back after work under a limit, and when that work fails in a transaction throws the work's own error", async () => {
    await withTempWarehouse(async (warehouse) => {
      const limit = async () => (await warehouse.one<{ limit: string }>("SELECT current_setting('memory_limit') AS limit")).limit;
      const before = await limit();
      const inside = await warehouse.withMemoryLimit("1GB", () => warehouse.withMemoryLimit("2GB", limit));
      expect(inside).toMatch(/^953\.6 MiB$|^1(\.0)? GiB$|^1000\.0 MiB$/);
      expect(await limit()).toBe(before);
      const failing = warehouse.transaction(() => warehouse.withMemoryLimit("1GB", () => warehouse.run("SELECT CAST('x' AS INTEGER)")));
      await expect(failing).rejects.toThrow(/Conversion Error/);
      expect(await limit()).toBe(before);
    });
  });

  it("changes no setting under a statement of the connection beside: a SET waits for it to end", async () => {
    await withTempWarehouse(async (warehouse) => {
      const beside = await warehouse.alongside();
      const ended: string[] = [];
      // About a second of work on one connection while the other changes DuckDB's threads (a setting every connection shares).
      const long = beside.one("SELECT count(*) AS n FROM range(300000000) t(x) WHERE x % 7 = 3").then(() => ended.push("statement beside"));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ended).toEqual([]); // still running: else the test below would prove nothing
      await warehouse.run("SET threads = 1").then(() => ended.push("setting"));
      await long;
      expect(ended).toEqual(["statement beside", "setting"]);
      await warehouse.run("RESET threads");
      // Without a setting changing, the two connections run at once.
      const both = await Promise.all([beside.one<{ n: number }>("SELECT 1 AS n"), warehouse.one<{ n: number }>("SELECT 2 AS n")]);
      expect(both.map((row) => row.n)).toEqual([1, 2]);
    });
  });

  it("starts no statement beside while a memory limit is held: the work under the limit has it to itself", async () => {
    await withTempWarehouse(async (warehouse) => {
      const beside = await warehouse.alongside();
      const ended: string[] = [];
      let waiting: Promise<unknown> = Promise.resolve();
      await warehouse.withMemoryLimit("1GB", async () => {
        waiting = beside.one("SELECT current_setting('memory_limit') AS limit").then((row) => ended.push(`beside, under ${String(row.limit)}`));
        await new Promise((resolve) => setTimeout(resolve, 100));
        ended.push("the limited work");
      });
      await waiting;
      expect(ended).toHaveLength(2);
      expect(ended[0]).toBe("the limited work");
      expect(ended[1]).not.toMatch(/953\.6 MiB|1(\.0)? GiB|1000\.0 MiB/);
    });
  });
});
