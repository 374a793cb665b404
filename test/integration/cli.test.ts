// The CLI's contract: --help everywhere, exit codes 0 ok / 1 bad input / 2 usage, reasons printed.
// Bad inputs are small synthetic files written here.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe("anchor-spend CLI", () => {
  it.each(["load", "build", "serve", "report", "start", "suppliers"])("%s --help prints usage and --warehouse", (command) => {
    const result = runCli([command, "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Usage: anchor-spend ${command}`);
    expect(result.stdout).toContain("--warehouse PATH");
  });

  it("exits 2 on usage errors", () => {
    expect(runCli([]).status).toBe(2);
    expect(runCli(["frobnicate"]).status).toBe(2);
    const unknownOption = runCli(["report", "--nope"]);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain("--nope");
    expect(runCli(["load"]).status).toBe(2);
  });

  it("exits 1 on a bad file, names it and what was needed, and leaves the warehouse as it was", async () => {
    const warehouse = join(folder.path, "w.duckdb");
    const institution = join(folder.path, "trust");
    mkdirSync(institution, { recursive: true });
    writeFileSync(join(institution, "institution.json"), JSON.stringify({ id: "T1", name: "Test Trust", kind: "nhs-trust" }));
    expect(runCli(["load", institution, "--warehouse", warehouse]).status).toBe(0);
    const before = await withWarehouse(warehouse, "read", tableChecksums);

    const bad = join(institution, "bad.csv");
    writeFileSync(bad, "Supplier,Description\nAcme Ltd,Widgets\n");
    const result = runCli(["load", bad, "--warehouse", warehouse]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("bad.csv");
    expect(result.stderr).toMatch(/no recognisable heading row.*"Supplier, Description"|found: Supplier, Description/);
    expect(result.stderr).toContain("amount (one of");
    expect(await withWarehouse(warehouse, "read", tableChecksums)).toEqual(before);
  });

  it("quarantines a bad cell with file:row:column and loads the rest", async () => {
    const warehouse = join(folder.path, "w2.duckdb");
    const institution = join(folder.path, "trust2");
    mkdirSync(institution, { recursive: true });
    writeFileSync(join(institution, "institution.json"), JSON.stringify({ id: "T2", name: "Test Trust 2", kind: "nhs-trust" }));
    writeFileSync(join(institution, "april.csv"), "Date,Supplier,Amount\n01/04/2024,Acme Ltd,100.00\n02/04/2024,Beta Ltd,\"12,34,5\"\n31/02/2024,Gamma Ltd,5\n");
    const result = runCli(["load", institution, "--warehouse", warehouse]);
    expect(result.status, result.stderr).toBe(0);
    const rows = await withWarehouse(warehouse, "read", (w) =>
      w.all<{ row_number: number; column_name: string; raw_value: string; reason: string }>("SELECT row_number, column_name, raw_value, reason FROM quarantine ORDER BY row_number"));
    expect(rows.map((r) => [Number(r.row_number), r.column_name, r.raw_value])).toEqual([[3, "Amount", "12,34,5"], [4, "Date", "31/02/2024"]]);
    expect(rows[0]!.reason).toContain('"12,34,5" is not an amount');
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout) as { path: string; rowsRead: number; rowsLoaded: number; rowsQuarantined: number; amountLoaded: string }[];
    expect(report.find((line) => line.path.endsWith("april.csv"))).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsQuarantined: 2, amountLoaded: "100.00" });
  });

  it("reports a total past a double's precision exactly, in the table and in --json (issue 18, point 9)", async () => {
    const institution = join(folder.path, "huge");
    mkdirSync(institution, { recursive: true });
    writeFileSync(join(institution, "institution.json"), JSON.stringify({ id: "HUGE", name: "Huge totals", kind: "nhs-trust" }));
    // 2 × 66,666,666,666,660.00 + 66,666,666,666,660.01 = 199,999,999,999,980.01 (17 significant digits: a double
    // gives …980.00); each line below 2^53 pence, the most one line may hold.
    writeFileSync(join(institution, "april.csv"), "Date,Supplier,Amount\n01/04/2024,Acme Ltd,66666666666660.00\n02/04/2024,Beta Ltd,66666666666660.00\n03/04/2024,Gamma Ltd,66666666666660.01\n");
    const path = join(folder.path, "huge.duckdb");
    const load = runCli(["load", institution, "--warehouse", path]);
    expect(load.status, load.stderr).toBe(0);
    const json = runCli(["report", "--json", "--warehouse", path]);
    expect((JSON.parse(json.stdout) as { path: string; amountLoaded: string }[]).find((line) => line.path.endsWith("april.csv"))?.amountLoaded).toBe("199999999999980.01");
    expect(runCli(["report", "--warehouse", path]).stdout).toContain("199,999,999,999,980.01");
    expect(load.stdout).toContain("199,999,999,999,980.01");
  });

  it("refuses a spend file with no institution.json above it", () => {
    const lonely = join(folder.path, "lonely");
    mkdirSync(lonely);
    writeFileSync(join(lonely, "spend.csv"), "Date,Supplier,Amount\n01/04/2024,Acme Ltd,100.00\n");
    // The temp folder has no institution.json above it (tmpdir is outside any project).
    const result = runCli(["load", lonely, "--warehouse", join(folder.path, "w3.duckdb")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no institution.json");
  });
});
