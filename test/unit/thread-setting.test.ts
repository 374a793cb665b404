// DuckDB's thread setting around a load (loaders/spend/stage-spend-csv.ts): a small spend file's work runs on one
// thread; within a run of files (loadInputs) the setting is kept from one file to the next and put back at the end,
// whatever happened; outside a run, each work puts it back itself.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { ONE_THREAD_BELOW_LINES, keepThreadSetting, onOneThreadIfSmall, restoreThreads, threadsForLines } from "../../loaders/spend/stage-spend-csv.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

describe("DuckDB's thread setting around a load", () => {
  const folder = tempFolder("anchor-spend-threads-");
  let warehouse: Warehouse;
  let own: number;
  const threads = async () => (await warehouse.one<{ threads: number }>("SELECT current_setting('threads')::INTEGER AS threads")).threads;
  beforeAll(async () => {
    warehouse = await Warehouse.inMemory(folder.path);
    own = await threads();
  });
  afterAll(() => {
    warehouse.close();
    folder.cleanup();
  });

  it("outside a run of files, puts the setting back after each small work", async () => {
    expect(own).toBeGreaterThan(1);
    expect(await onOneThreadIfSmall(warehouse, 10, threads)).toBe(1);
    expect(await threads()).toBe(own);
    expect(await onOneThreadIfSmall(warehouse, ONE_THREAD_BELOW_LINES, threads)).toBe(own);
  });

  it("within a run, keeps one thread between small works, gives the threads back to a large one, and restores them at the end", async () => {
    keepThreadSetting(warehouse);
    try {
      expect(await onOneThreadIfSmall(warehouse, 10, threads)).toBe(1);
      expect(await threads()).toBe(1);
      expect(await onOneThreadIfSmall(warehouse, ONE_THREAD_BELOW_LINES, threads)).toBe(own);
      await threadsForLines(warehouse, 10);
      expect(await threads()).toBe(1);
    } finally {
      await restoreThreads(warehouse);
    }
    expect(await threads()).toBe(own);
    // Ended: threadsForLines does nothing any more.
    await threadsForLines(warehouse, 10);
    expect(await threads()).toBe(own);
  });

  it("loadInputs gives DuckDB its threads back after small spend files, one of them refused", async () => {
    const council = join(folder.path, "council");
    mkdirSync(council);
    writeFileSync(join(council, "institution.json"), JSON.stringify({ id: "T", name: "Thread council", kind: "nhs-trust" }));
    writeFileSync(join(council, "2024-04.csv"), "Date,Expense Type,Supplier,Amount\n01/04/2024,Catering,Acme Ltd,£1.00\n");
    writeFileSync(join(council, "2024-05.csv"), "Date,Expense Type,Supplier,Amount\n01/05/2024,Catering,Beta Ltd,£2.00\n");
    // No date column and no period to take one from: refused inside loadNewFile, after its file was read.
    writeFileSync(join(council, "payments.csv"), "Expense Type,Supplier,Amount\nCatering,Gamma Ltd,£3.00\n");
    const results = await loadInputs(warehouse, [council]);
    expect(results.filter((result) => result.path.endsWith(".csv")).map((result) => `${basename(result.path)} ${result.status}`).sort())
      .toEqual(["2024-04.csv loaded", "2024-05.csv loaded", "payments.csv refused"]);
    expect(await threads()).toBe(own);
  });
});
