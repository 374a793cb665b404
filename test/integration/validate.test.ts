// `anchor-spend validate` reads files exactly as the loader does, without loading them: it must find every
// error of the loader's own quirk corpus (test/fixtures/quirks, expectations in cases.json) at the same
// file:row:column, refuse what the loader refuses, and add quality warnings.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateFile } from "../../src/share/validate-file.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

interface QuirkCase { file: string; expect: { outcome: "loaded" | "refused"; rowsRead: number; quarantine: { row: number; column: string | null }[] } }
const corpus = "test/fixtures/quirks";
const cases = JSON.parse(readFileSync(join(corpus, "cases.json"), "utf-8")) as QuirkCase[];
const folder = tempFolder();
afterAll(() => folder.cleanup());

describe("validate", () => {
  it.each(cases.map((c) => [c.file, c] as const))("%s: same errors as the loader", async (file, quirkCase) => {
    const result = await validateFile(join(corpus, file));
    if (quirkCase.expect.outcome === "refused") {
      expect(result.refused).toContain(file);
      return;
    }
    expect(result.refused).toBeNull();
    expect(result.rowsRead).toBe(quirkCase.expect.rowsRead);
    const found = result.problems.map((p) => `${p.row}:${p.column}`).sort();
    expect(found).toEqual(quirkCase.expect.quarantine.map((q) => `${q.row}:${q.column}`).sort());
    for (const problem of result.problems) {
      expect(problem.why.length).toBeGreaterThan(10);
      expect(problem.fix.length).toBeGreaterThan(10);
    }
  });

  it("warns about what passes the schema but looks wrong, and exits 0 when there is no error", () => {
    // Synthetic: 12 ordinary lines, one amount a thousand times larger, one dated a year out, one pasted twice.
    const lines = Array.from({ length: 12 }, (_, i) => `0${(i % 9) + 1}/04/2024,Acme Ltd,T${i},${(1000 + i * 10).toFixed(2)}`);
    lines.push("10/04/2024,Acme Ltd,T100,1500000.00", "10/04/2023,Acme Ltd,T101,1200.00", lines[0]!);
    const path = join(folder.path, "april.csv");
    writeFileSync(path, `Date,Supplier,Transaction Number,Amount\n${lines.join("\n")}\n`);
    const result = runCli(["validate", path, "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { valid: boolean; caveat: string; files: { warnings: { check: string; rows: number[] }[] }[] };
    expect(report.valid).toBe(true);
    expect(report.caveat).toContain("does not make data good");
    const warnings = Object.fromEntries(report.files[0]!.warnings.map((w) => [w.check, w.rows]));
    expect(warnings["amounts far outside the usual range"]).toEqual([14]);
    expect(warnings["dates outside the stated period"]).toEqual([15]);
    expect(warnings["duplicate transactions"]).toEqual([16]);
  });

  it("exits 1 with the file:row:column of each error, in plain words", () => {
    const result = runCli(["validate", join(corpus, "date-not-a-date.csv")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ERROR test\/fixtures\/quirks\/date-not-a-date\.csv:\d+:Date: ".*" is not a date/);
    expect(result.stdout).toContain("why it matters:");
    expect(result.stdout).toMatch(/INVALID: 1 file\(s\): 0 valid, \d+ error\(s\)/);
  });
});
