import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/warehouse/migrations.js";
import { views } from "../../src/warehouse/views.js";
import { withWarehouse, type Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

const LAYER_ORDER = ["staging", "intermediate", "marts"];

/** Two spend files of one institution, the first superseded by the second; a supplier placed under one definition only. */
async function seed(warehouse: Warehouse): Promise<void> {
  await warehouse.run(`
    INSERT INTO institutions (institution_id, name, kind, ods_code, is_demo, note) VALUES ('T1', 'Trust', 'nhs-trust', NULL, true, NULL);
    INSERT INTO source_files (file_id, path, sha256, kind, institution_id, rows_read, rows_loaded, rows_quarantined, loaded_at, superseded_by)
      VALUES (1, 'a.csv', 'a', 'spend', 'T1', 1, 1, 0, current_timestamp, 2),
             (2, 'b.csv', 'b', 'spend', 'T1', 3, 3, 0, current_timestamp, NULL);
    INSERT INTO suppliers (supplier_id, name, name_key, is_redacted) VALUES ('S1', 'Local Ltd', 'local', false), ('S2', 'Far Ltd', 'far', false);
    INSERT INTO local_definitions (definition_id, version, name, kind, basis, codes, description, is_headline, file_id)
      VALUES ('d1', 1, 'One', 'lad', 'registered', ['E1'], '', true, 0), ('d2', 1, 'Two', 'lad', 'registered', ['E2'], '', false, 0);
    INSERT INTO supplier_locality (institution_id, supplier_id, definition_id, version, status, reason) VALUES ('T1', 'S1', 'd1', 1, 'local', 'in E1');
    INSERT INTO spend (file_id, row_number, institution_id, payment_date, amount, supplier_id, expense_type, is_redacted) VALUES
      (1, 2, 'T1', '2025-04-01', 1000.00, 'S1', 'Drugs', false),
      (2, 2, 'T1', '2025-04-01', 0.10, 'S1', 'Drugs', false),
      (2, 3, 'T1', '2025-04-15', 0.20, 'S1', 'Drugs', false),
      (2, 4, 'T1', '2025-05-01', 5.00, 'S2', NULL, false);`);
}

describe("views (src/warehouse/views.ts)", () => {
  it("lists its layers in order, staging → intermediate → marts, each name once", () => {
    const ranks = views.map((view) => LAYER_ORDER.indexOf(view.layer));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(views.map((view) => view.name)).size).toBe(views.length);
  });

  it("leaves views out of the migrations", () => {
    for (const migration of migrations) expect(migration.sql).not.toMatch(/CREATE\s+(OR\s+REPLACE\s+)?VIEW/i);
  });

  it("creates every view on a fresh warehouse, and they compute what they say", async () => {
    await withTempWarehouse(async (warehouse) => {
      const kept = (await warehouse.all<{ name: string }>("SELECT view_name AS name FROM duckdb_views() WHERE NOT internal ORDER BY 1")).map((v) => v.name);
      expect(kept).toEqual(views.map((view) => view.name).sort());
      await seed(warehouse);
      // The superseded file's 1000.00 is gone; the rest as inserted.
      expect(await warehouse.all("SELECT file_id, row_number FROM current_spend ORDER BY 1, 2")).toEqual([
        { file_id: 2, row_number: 2 }, { file_id: 2, row_number: 3 }, { file_id: 2, row_number: 4 }]);
      // Every line once per definition; S1 local under d1, every other pair unlocated.
      expect(await warehouse.all(
        "SELECT definition_id, supplier_id, status, count(*)::INTEGER AS lines FROM int_spend_by_definition GROUP BY ALL ORDER BY 1, 2")).toEqual([
        { definition_id: "d1", supplier_id: "S1", status: "local", lines: 2 },
        { definition_id: "d1", supplier_id: "S2", status: "unlocated", lines: 1 },
        { definition_id: "d2", supplier_id: "S1", status: "unlocated", lines: 2 },
        { definition_id: "d2", supplier_id: "S2", status: "unlocated", lines: 1 },
      ]);
      // Exact pounds: 0.10 + 0.20 is 0.30, not 0.30000000000000004.
      expect(await warehouse.all("SELECT institution, supplier, month, category, spend::VARCHAR AS spend, lines FROM mart_spend_by_month ORDER BY 2, 3")).toEqual([
        { institution: "T1", supplier: "S1", month: "2025-04", category: "Drugs", spend: "0.30", lines: 2 },
        { institution: "T1", supplier: "S2", month: "2025-05", category: "Not stated", spend: "5.00", lines: 1 },
      ]);
    });
  });

  it("replaces a stale kept view on the next open, for writing or for reading", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "warehouse.duckdb");
      await withWarehouse(path, "write", async (warehouse) => {
        await seed(warehouse);
        // As an older version of the code might have left it.
        await warehouse.run("CREATE OR REPLACE VIEW current_spend AS SELECT * FROM spend WHERE false");
      });
      const lines = "SELECT count(*)::INTEGER AS lines FROM current_spend";
      await withWarehouse(path, "read", async (warehouse) => expect(await warehouse.one(lines)).toEqual({ lines: 3 }));
      await withWarehouse(path, "write", async (warehouse) => expect(await warehouse.one(lines)).toEqual({ lines: 3 }));
      await withWarehouse(path, "read", async (warehouse) => {
        const kept = await warehouse.one<{ sql: string }>("SELECT sql FROM duckdb_views() WHERE view_name = 'current_spend' AND NOT temporary");
        expect(kept.sql).toMatch(/superseded_by IS NULL/);
      });
    } finally {
      folder.cleanup();
    }
  });

  it("keeps views this code and DuckDB made as they are, and makes again any another made (its mark is another)", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "warehouse.duckdb");
      const marks = "SELECT DISTINCT comment FROM duckdb_views() WHERE NOT internal AND NOT temporary";
      const stale = "CREATE OR REPLACE VIEW current_spend AS SELECT * FROM spend WHERE file_id = -19";
      const keptSql = "SELECT sql FROM duckdb_views() WHERE view_name = 'current_spend' AND NOT temporary";
      const mark = await withWarehouse(path, "write", async (warehouse) => {
        await seed(warehouse);
        const [only, ...others] = await warehouse.all<{ comment: string }>(marks);
        expect(others).toEqual([]);
        expect(only!.comment).toMatch(/^anchor-spend views [0-9a-f]{32}$/);
        // A stale view that carries this code's mark: the next open takes it for this code's, and keeps it.
        await warehouse.run(stale);
        await warehouse.run(`COMMENT ON VIEW current_spend IS '${only!.comment}'`);
        return only!.comment;
      });
      await withWarehouse(path, "write", async (warehouse) => {
        expect((await warehouse.one<{ sql: string }>(keptSql)).sql).toMatch(/-19/);
        // As an older anchor-spend (or DuckDB) left it: another mark.
        await warehouse.run(`COMMENT ON VIEW current_spend IS 'anchor-spend views ${"0".repeat(32)}'`);
      });
      await withWarehouse(path, "write", async (warehouse) => {
        expect((await warehouse.one<{ sql: string }>(keptSql)).sql).toMatch(/superseded_by IS NULL/);
        expect(await warehouse.all(marks)).toEqual([{ comment: mark }]);
      });
    } finally {
      folder.cleanup();
    }
  });
});
