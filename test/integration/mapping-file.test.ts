// A per-institution mapping.json names headings the synonym table does not know, and the VAT basis.
// The files are synthetic, written here.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

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
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout) as { path: string; rowsLoaded: number; amountLoaded: number; vatBasis: string }[];
    expect(report.find((line) => line.path.endsWith("april.csv"))).toMatchObject({ rowsLoaded: 2, amountLoaded: 80.25, vatBasis: "gross" });
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
