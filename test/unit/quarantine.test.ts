import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { PROBLEM_CODES, PROBLEM_LIST, problemTitle } from "../../src/core/problem-codes.js";
import { quarantineByReason } from "../../src/model/load-report.js";
import { migrations } from "../../src/warehouse/migrations.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { QuarantineWriter, writeQuarantine } from "../../loaders/quarantine.js";
import { tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

const QUARANTINED = "SELECT file_id, path, sheet, row_number, column_name, raw_value, code, reason FROM quarantine ORDER BY rowid";

describe("problem codes (src/core/problem-codes.ts)", () => {
  it("are kebab-case, each with a title", () => {
    for (const { code, title } of PROBLEM_LIST) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(title.length).toBeGreaterThan(3);
    }
    expect(PROBLEM_LIST.length).toBe(Object.keys(PROBLEM_CODES).length);
  });

  it("give an unknown code the title of an unclassified row", () => {
    expect(problemTitle("not-an-amount")).toBe("Not an amount");
    expect(problemTitle("no-such-code")).toBe(PROBLEM_CODES.unclassified);
  });
});

describe("the quarantine writer (loaders/quarantine.ts)", () => {
  it("writes every column by name, entries and SQL-selected rows in the order added", async () => {
    await withTempWarehouse(async (warehouse) => {
      await warehouse.run("CREATE TEMP TABLE bad_rows AS SELECT * FROM (VALUES (7, 'XX1'), (9, 'YY2')) t(row_number, value)");
      await warehouse.transaction(async () => {
        const writer = await QuarantineWriter.open(warehouse, 3, "data/x.xlsx");
        writer.add({ row: 5, column: "Amount", rawValue: "12,34,5", code: "not-an-amount", reason: '"12,34,5" is not an amount' }, "April");
        await writer.addSelected("SELECT row_number, $heading AS column_name, value AS raw_value FROM bad_rows", { heading: "Postcode" },
          { code: "not-a-postcode", reason: "not a UK unit postcode" });
        writer.add({ row: 11, column: null, rawValue: "Total | 99", code: "not-spend-totals", reason: "not spend: a totals line" });
        await writer.close();
      });
      expect(await warehouse.all(QUARANTINED)).toEqual([
        { file_id: 3, path: "data/x.xlsx", sheet: "April", row_number: 5, column_name: "Amount", raw_value: "12,34,5", code: "not-an-amount", reason: '"12,34,5" is not an amount' },
        { file_id: 3, path: "data/x.xlsx", sheet: null, row_number: 7, column_name: "Postcode", raw_value: "XX1", code: "not-a-postcode", reason: "not a UK unit postcode" },
        { file_id: 3, path: "data/x.xlsx", sheet: null, row_number: 9, column_name: "Postcode", raw_value: "YY2", code: "not-a-postcode", reason: "not a UK unit postcode" },
        { file_id: 3, path: "data/x.xlsx", sheet: null, row_number: 11, column_name: null, raw_value: "Total | 99", code: "not-spend-totals", reason: "not spend: a totals line" },
      ]);
      // Nothing is left behind: the staging table went with the writer.
      expect(await warehouse.all("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'staged_quarantine%'")).toEqual([]);
    });
  });

  it("writes nothing if the file's transaction rolls back", async () => {
    await withTempWarehouse(async (warehouse) => {
      await expect(warehouse.transaction(async () => {
        await writeQuarantine(warehouse, 1, "a.csv", [{ row: 2, column: "Date", rawValue: "soon", code: "not-a-date", reason: '"soon" is not a date' }]);
        throw new Error("the load failed");
      })).rejects.toThrow("the load failed");
      expect(await warehouse.all(QUARANTINED)).toEqual([]);
    });
  });

  it("publishes a code's title, never the raw value a message quotes", async () => {
    await withTempWarehouse(async (warehouse) => {
      const personal = "Mrs J Smith 07700 900123";
      await writeQuarantine(warehouse, 1, "a.csv", [
        { row: 2, column: "Amount", rawValue: personal, code: "not-an-amount", reason: `"${personal}" is not an amount` },
        { row: 3, column: "Amount", rawValue: "£1,2", code: "not-an-amount", reason: '"£1,2" is not an amount' },
      ]);
      const published = await quarantineByReason(warehouse);
      expect(published).toEqual([{ path: "a.csv", column: "Amount", code: "not-an-amount", reason: "Not an amount", rows: 2 }]);
      expect(JSON.stringify(published)).not.toContain("Smith");
    });
  });
});

describe("migration 6 (problem codes)", () => {
  it("codes rows quarantined, and suppliers classified, before codes existed", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "warehouse.duckdb");
      // A warehouse as version 5 left it, with rows written then (reasons as the loaders worded them).
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      await connection.run("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)");
      for (const migration of migrations.filter((m) => m.version <= 5)) {
        await connection.run(migration.sql);
        await connection.run(`INSERT INTO schema_version VALUES (${migration.version}, 'old', current_timestamp)`);
      }
      await connection.run(`INSERT INTO quarantine (file_id, path, row_number, column_name, raw_value, reason) VALUES
        (1, 'a.csv', 2, 'Amount', 'x', '"x" is not an amount (expected e.g. 1234.56)'),
        (1, 'a.csv', 3, NULL, 'Total', 'not spend: a totals line (the loader sums the lines itself)'),
        (1, 'a.csv', 4, 'Odd', '?', 'something no loader says any more')`);
      // Migration 9 keeps a class per institution that sees its definition: one institution, one shared definition.
      await connection.run(`INSERT INTO institutions (institution_id, name, kind, is_demo) VALUES ('T1', 'Trust', 'nhs-trust', true)`);
      await connection.run(`INSERT INTO local_definitions (definition_id, version, name, kind, basis, codes, description, is_headline, file_id)
        VALUES ('d', 1, 'D', 'lad', 'registered', ['E1'], '', true, 0)`);
      await connection.run(`INSERT INTO supplier_locality (supplier_id, definition_id, version, status, reason) VALUES
        ('S1', 'd', 1, 'unlocated', 'redacted payee: no address is published'),
        ('S2', 'd', 1, 'local', 'local by E1 8DE (registered, unit)'),
        ('S3', 'd', 1, 'unlocated', 'no postcode on the registered basis in the supplier register')`);
      connection.closeSync();
      instance.closeSync();
      await withWarehouse(path, "write", async (warehouse) => {
        expect(await warehouse.all("SELECT row_number, code FROM quarantine ORDER BY row_number")).toEqual([
          { row_number: 2, code: "not-an-amount" }, { row_number: 3, code: "not-spend-totals" }, { row_number: 4, code: "unclassified" }]);
        expect(await warehouse.all("SELECT supplier_id, reason_code FROM supplier_locality ORDER BY 1")).toEqual([
          { supplier_id: "S1", reason_code: "redacted-payee" }, { supplier_id: "S2", reason_code: "local" }, { supplier_id: "S3", reason_code: "no-postcode" }]);
      });
    } finally {
      folder.cleanup();
    }
  });
});
