// A per-institution mapping.json names headings the synonym table does not know, and the VAT basis.
// The files are synthetic, written here.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe("mapping.json", () => {
  it("maps unknown headings and states the VAT basis", () => {
    const trust = join(folder.path, "trust");
    mkdirSync(trust);
    writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "M1", name: "Mapped Trust", kind: "nhs-trust" }));
    const spend = "Posted On,Beneficiary Organisation,Total Paid\n01/04/2024,Acme Ltd,100.50\n02/04/2024,Beta Ltd,(20.25)\n";
    writeFileSync(join(trust, "april.csv"), spend);

    const withoutMapping = runCli(["load", trust, "--warehouse", join(folder.path, "a.duckdb")]);
    expect(withoutMapping.status).toBe(1);
    expect(withoutMapping.stderr).toContain("Posted On, Beneficiary Organisation, Total Paid");

    writeFileSync(join(trust, "mapping.json"), JSON.stringify({ columns: { date: "Posted On", supplier: "Beneficiary Organisation", amount: "Total Paid" }, vatBasis: "gross" }));
    const warehouse = join(folder.path, "b.duckdb");
    const withMapping = runCli(["load", trust, "--warehouse", warehouse]);
    expect(withMapping.status, withMapping.stderr).toBe(0);
    expect(withMapping.stderr).toMatch(/skipped .*mapping\.json/);
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout) as { path: string; rowsLoaded: number; amountLoaded: string; vatBasis: string }[];
    expect(report.find((line) => line.path.endsWith("april.csv"))).toMatchObject({ rowsLoaded: 2, amountLoaded: "80.25", vatBasis: "gross" });
  });

  it("refuses a mapping that names a field that does not exist", () => {
    const trust = join(folder.path, "bad");
    mkdirSync(trust);
    writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "M2", name: "Bad Mapping", kind: "nhs-trust" }));
    writeFileSync(join(trust, "mapping.json"), JSON.stringify({ columns: { cost: "Total Paid" } }));
    writeFileSync(join(trust, "april.csv"), "Date,Supplier,Amount\n01/04/2024,Acme Ltd,1\n");
    const result = runCli(["load", trust, "--warehouse", join(folder.path, "c.duckdb")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown field "cost"');
  });
});

describe("supplier register with bad rows", () => {
  it("quarantines each bad cell with file:row:column and loads the rest", async () => {
    const trust = join(folder.path, "register");
    mkdirSync(trust);
    writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "R1", name: "Register Trust", kind: "nhs-trust" }));
    writeFileSync(join(trust, "suppliers.csv"), "Supplier Name,Postcode,SME\nAcme Ltd,E1 8DE,Y\nBeta Ltd,NOT A POSTCODE,maybe\n,E1 8DE,N\n");
    const warehouse = join(folder.path, "r.duckdb");
    const result = runCli(["load", trust, "--warehouse", warehouse]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout) as { path: string; rowsRead: number; rowsLoaded: number; rowsQuarantined: number }[];
    expect(report.find((line) => line.path.endsWith("suppliers.csv"))).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsQuarantined: 2 });
    const problems = await withWarehouse(warehouse, "read", (w) => w.all<{ row_number: number; column_name: string }>("SELECT row_number, column_name FROM quarantine ORDER BY row_number, column_name"));
    expect(problems.map((p) => `${p.row_number}:${p.column_name}`)).toEqual(["3:Postcode", "3:SME", "4:Supplier Name"]);
  });
});
