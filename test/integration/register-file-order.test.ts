// A register large enough that DuckDB reads it on several threads at once (48 MB: its CSV reader splits a file among
// threads by the megabyte), so that every row's line number rests on the order DuckDB keeps as it inserts what it
// reads (stage-reference-csv.ts), not on a numbering. The rows are MADE UP: the benchmark's generated register
// (scripts/bench/generate-register.ts, from its seed), with problems written into lines chosen here; the expected
// quarantine is those lines, counted by this test from its own edits, never by the loader.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { generateRegisterBench } from "../../scripts/bench/generate-register.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const COMPANIES = 150_000;

describe("a register read on several threads", () => {
  const folder = tempFolder();
  afterAll(folder.cleanup);

  it("quarantines each bad row under its own line, blank lines counted, and keeps every other row", async () => {
    const { register } = await generateRegisterBench(folder.path, COMPANIES, 1);
    // Line 1 is the heading; company i (1-based) is on line i + 1. Each edit names a company and what is written there.
    const lines = readFileSync(register, "utf8").split("\n");
    const setNumber = (company: number, value: string) => {
      lines[company] = lines[company]!.replace(/^("[^"]*"),"[^"]*"/, `$1,"${value}"`);
    };
    const expected: { line: number; code: string; raw: string | null }[] = [];
    for (const company of [2, 40_000, 75_001, 149_999]) {
      setNumber(company, "N/A");
      expected.push({ line: company + 1, code: "not-an-identifier", raw: "N/A" });
    }
    for (const company of [60_000, 130_000]) {
      setNumber(company, String(company - 1).padStart(8, "0")); // the number of the company on the line before
      expected.push({ line: company + 1, code: "duplicate-key", raw: String(company - 1).padStart(8, "0") });
    }
    // Two blank lines after company 100,000's line: the lines after it are two further on.
    lines.splice(100_001, 0, "", "");
    for (const entry of expected) if (entry.line > 100_001) entry.line += 2;
    writeFileSync(register, lines.join("\n"));

    const warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    try {
      await warehouse.run("SET threads = 4");
      const [result] = await loadInputs(warehouse, [register]);
      expect(result!.status).toBe("loaded");
      const outcome = result!.status === "loaded" ? result!.outcome : null;
      expect(outcome).toMatchObject({ rowsRead: COMPANIES, rowsLoaded: COMPANIES - expected.length, rowsQuarantined: expected.length });
      const quarantined = await warehouse.all<{ line: number; code: string; raw: string | null }>(
        "SELECT row_number AS line, code, raw_value AS raw FROM quarantine ORDER BY row_number");
      expect(quarantined.map((row) => ({ ...row, line: Number(row.line) }))).toEqual(expected.sort((a, b) => a.line - b.line));
      // The company kept for a repeated number is the first in the file (the row on the line before), with its own name.
      const kept = await warehouse.all<{ name: string }>("SELECT name FROM companies WHERE company_number = ?", [String(59_999).padStart(8, "0")]);
      const firstName = lines[59_999]!.match(/^"([^"]*)"/)![1]!;
      expect(kept).toEqual([{ name: firstName }]);
    } finally {
      await warehouse.close();
    }
  }, 120_000);
});
