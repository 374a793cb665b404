import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withWarehouse, type Warehouse } from "../../src/warehouse/warehouse.js";

/** A fresh temporary folder for one test; removed afterwards by the returned cleanup. */
export function tempFolder(prefix = "anchor-spend-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
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
