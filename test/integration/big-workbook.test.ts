// A workbook as big as Excel makes them (issue 18, point 6: a 1,048,575-row workbook was refused "Maximum call
// stack size exceeded" by the reader of the time, read-excel-file). Generated here (test/helpers/spend-workbook.ts);
// the expected figures are this test's own sums of the generator's amounts. npm test loads 20,000 lines; the
// long run (ANCHOR_SPEND_LONG_FAULTS=1) loads the full sheet, 1,048,575 lines below the heading, and prints its time.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { linePence, writeSpendWorkbook } from "../helpers/spend-workbook.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const LONG = process.env.ANCHOR_SPEND_LONG_FAULTS === "1";

async function loadWorkbookOf(lines: number): Promise<void> {
  const folder = tempFolder("anchor-spend-big-workbook-");
  try {
    const data = join(folder.path, "trust");
    mkdirSync(data);
    writeFileSync(join(data, "institution.json"), JSON.stringify({ id: "BIG", name: "Big workbook trust", kind: "nhs-trust" }));
    const path = join(data, `spend-${lines}.xlsx`);
    writeSpendWorkbook(path, lines);
    let pence = 0n;
    for (let i = 1; i <= lines; i++) pence += BigInt(linePence(i));
    const warehouse = await Warehouse.openForWriting(join(folder.path, "w.duckdb"));
    try {
      const started = performance.now();
      const results = await loadInputs(warehouse, [data]);
      const seconds = (performance.now() - started) / 1000;
      const spend = results.find((result) => result.path === path);
      expect(spend?.status, spend?.status === "refused" ? spend.error : "").toBe("loaded");
      if (spend?.status !== "loaded") return;
      expect([spend.outcome.rowsRead, spend.outcome.rowsLoaded, spend.outcome.rowsQuarantined]).toEqual([lines, lines, 0]);
      const stored = await warehouse.one<{ lines: number; pence: string }>(
        "SELECT count(*)::INTEGER AS lines, (sum(amount) * 100)::HUGEINT::VARCHAR AS pence FROM spend WHERE institution_id = 'BIG'");
      expect(stored).toEqual({ lines, pence: String(pence) });
      console.info(`workbook of ${lines.toLocaleString("en-GB")} lines: loaded and reconciled in ${seconds.toFixed(1)} s`);
    } finally {
      warehouse.close();
    }
  } finally {
    folder.cleanup();
  }
}

describe("a big workbook", () => {
  it("of 20,000 lines loads every line, to the penny", () => loadWorkbookOf(20_000), 300_000);
  it.runIf(LONG)("of 1,048,575 lines (a full sheet) loads every line, to the penny", () => loadWorkbookOf(1_048_575), 3_600_000);
});
