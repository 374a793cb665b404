import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { Warehouse, withWarehouse } from "../../src/warehouse/warehouse.js";

/** A fresh temporary folder for one test; removed afterwards by the returned cleanup. */
export function tempFolder(prefix = "anchor-spend-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A warehouse in a temporary folder, opened for writing before a describe block's tests and closed (and the folder
 * removed) after them: `warehouse` is it (from the first test on), `folder` where a test writes its files.
 */
export function warehouseForTests(prefix: string): { folder: string; readonly warehouse: Warehouse } {
  const temp = tempFolder(prefix);
  let opened: Warehouse | null = null;
  beforeAll(async () => {
    opened = await Warehouse.openForWriting(join(temp.path, "w.duckdb"));
  });
  afterAll(() => {
    opened?.close();
    temp.cleanup();
  });
  return {
    folder: temp.path,
    get warehouse() {
      if (!opened) throw new Error("the warehouse opens before the describe block's first test");
      return opened;
    },
  };
}

/** Runs `work` against a fresh, migrated warehouse in a temporary folder. */
export async function withTempWarehouse<T>(work: (warehouse: Warehouse, path: string) => Promise<T>): Promise<T> {
  const folder = tempFolder();
  try {
    const path = join(folder.path, "warehouse.duckdb");
    return await withWarehouse(path, "write", (warehouse) => work(warehouse, path));
  } finally {
    folder.cleanup();
  }
}

/** A checksum of every table's content, to prove a load changed nothing (or something). */
export async function tableChecksums(warehouse: Warehouse): Promise<Record<string, string>> {
  const tables = await warehouse.all<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const { sum } = await warehouse.one<{ sum: string | null }>(
      `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t)::HUGEINT)::VARCHAR, '') AS sum FROM "${name}" t`,
    );
    sums[name] = String(sum);
  }
  return sums;
}
