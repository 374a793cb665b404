// Warehouses made by the first releases (schema v1 and v2: test/fixtures/old-schemas, with their provenance):
// read-only, they are refused in words (a report failed with a raw binder error); opened for writing, they are
// migrated to the latest schema (in a copy renamed into place) and keep their rows. Issue 18, point 7 (loading
// the demo into one holding that release's demo: test/integration/old-warehouse-upgrade.test.ts).
import { DuckDBInstance } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/warehouse/migrations.js";
import { Warehouse, withWarehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const LATEST = Math.max(...migrations.map((m) => m.version));

/** A warehouse file built from an old schema's SQL, holding one institution. */
async function oldWarehouse(path: string, schema: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(readFileSync(join("test", "fixtures", "old-schemas", schema), "utf-8"));
  await connection.run("INSERT INTO institutions (institution_id, name, kind, is_demo) VALUES ('OLD', 'Old trust', 'nhs-trust', false)");
  await connection.run("CHECKPOINT");
  connection.closeSync();
  instance.closeSync();
}

describe.each(["v1.sql", "v2.sql"])("a warehouse of schema %s", (schema) => {
  it("is refused read-only in words, naming its version and the way to upgrade", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "old.duckdb");
      await oldWarehouse(path, schema);
      await expect(Warehouse.openForReading(path)).rejects.toThrow(/made by an earlier anchor-spend \(schema version [12], .*anchor-spend load/);
    } finally {
      folder.cleanup();
    }
  });

  it("is migrated to the latest schema when opened for writing, keeping its rows", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "old.duckdb");
      await oldWarehouse(path, schema);
      await withWarehouse(path, "write", async (warehouse) => expect(await warehouse.schemaVersion()).toBe(LATEST));
      const institutions = await withWarehouse(path, "read", (warehouse) => warehouse.all<{ id: string }>("SELECT institution_id AS id FROM institutions"));
      expect(institutions).toEqual([{ id: "OLD" }]);
    } finally {
      folder.cleanup();
    }
  });
});
