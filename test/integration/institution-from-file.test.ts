// Issue 14, failure 8: a real spend file loaded with no institution.json, the institution given on the command
// line (`--institution`) or read from the file's own Entity/Body name column by the shipped NHS ODS register
// (`--infer-institution`); the refusal offers the code; a council (not in the register) is offered only its name.
// The files are copies of real ones (test/fixtures/spend-real, see test/fixtures/spend-real/issue-14/README.md),
// put in a temporary folder with no institution.json above it. Expected figures: read-excel-file's reading of the
// workbook, and the fixtures' amounts added up by hand.
import readXlsxFile from "read-excel-file/node";
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const nobody = join(folder.path, "nobody");
const barts = join(nobody, "BART 01 - April.xlsx");
const ccg = join(nobody, "NEBD 01 - April.csv");
const council = join(nobody, "2011-01-payments.csv");
const epsom = join(nobody, "ambiguous-dates-financial-period.csv");
let warehouse: Warehouse;

beforeAll(async () => {
  mkdirSync(nobody);
  cpSync("test/fixtures/spend-real/barts/BART 01 - April.xlsx", barts);
  cpSync("test/fixtures/spend-real/nhs-raw/NEBD/NEBD 01 - April.csv", ccg);
  cpSync("test/fixtures/spend-real/issue-14/council/2011-01-payments.csv", council);
  cpSync("test/fixtures/spend-real/issue-14/epsh/ambiguous-dates-financial-period.csv", epsom);
  warehouse = await Warehouse.openForWriting(join(folder.path, "w.duckdb"));
});
afterAll(() => {
  warehouse?.close();
  folder.cleanup();
});

const refusalOf = async (path: string, options: Parameters<typeof loadInputs>[2] = {}) => {
  const [result] = await loadInputs(warehouse, [path], options);
  if (result?.status !== "refused") throw new Error(`expected a refusal: ${JSON.stringify(result)}`);
  return result.error;
};

describe("a spend file with no institution.json (failure 8)", () => {
  it("is refused, offering the ODS code of the body its Entity column names", async () => {
    expect(await refusalOf(barts)).toContain("no institution.json in its folder or above");
    expect(await refusalOf(barts)).toContain("this file says Barts Health NHS Trust: load with --institution R1H, or with --infer-institution to take it");
    expect(await refusalOf(ccg)).toContain("this file says NHS Barking And Dagenham CCG: load with --institution 07L");
  });

  it("for a council, says councils are not in the NHS ODS register and offers only the name, with --infer-institution too", async () => {
    for (const options of [{}, { inferInstitution: true }]) {
      const error = await refusalOf(council, options);
      expect(error).toContain("this file says Manchester City Council, a council: councils are not in the NHS ODS register, so no code is offered");
      expect(error).toContain('--institution ID --institution-name "Manchester City Council" --kind council');
    }
  });

  it("loads with --infer-institution, recording the institution in the warehouse and writing nothing in the folder", async () => {
    const before = readdirSync(nobody).sort();
    const path = join(folder.path, "inferred.duckdb");
    const load = runCli(["load", barts, "--infer-institution", "--warehouse", path]);
    expect(load.status).toBe(0);
    expect(readdirSync(nobody).sort()).toEqual(before);
    let rows = 0;
    let pence = 0;
    const data = ((await readXlsxFile(barts))[0]?.data ?? []) as unknown[][];
    const header = data.findIndex((row) => row.includes("Amount"));
    for (const row of data.slice(header + 1).filter((cells) => cells.some((cell) => cell !== null && cell !== ""))) {
      rows++;
      pence += Math.round(Number(row[data[header]!.indexOf("Amount")]) * 100);
    }
    const own = await Warehouse.openForReading(path);
    try {
      expect(await own.all("SELECT institution_id, name, kind, ods_code FROM institutions")).toEqual([
        { institution_id: "R1H", name: "Barts Health NHS Trust", kind: "nhs-trust", ods_code: "R1H" },
      ]);
      const file = await own.one<{ institution_id: string; rows_loaded: number; pence: string; reading: string }>(
        "SELECT institution_id, rows_loaded, (amount_loaded * 100)::BIGINT::VARCHAR AS pence, reading FROM source_files WHERE kind = 'spend'");
      expect(file).toMatchObject({ institution_id: "R1H", rows_loaded: rows, pence: String(pence) });
      expect(file.reading).toMatch(/^institution R1H \(Barts Health NHS Trust, nhs-trust\) inferred from its "Entity" column by the NHS ODS register, not from an institution\.json; /);
    } finally {
      own.close();
    }
  }, 120_000);

  it("takes the register's closest name when the file shortens it (Epsom & ST Helier University Hospital → RVR)", async () => {
    const [result] = await loadInputs(warehouse, [epsom], { inferInstitution: true });
    if (result?.status !== "loaded") throw new Error(JSON.stringify(result));
    expect(result.scope).toEqual({ institution: "RVR" });
    expect(result.outcome.reading).toContain("(closest name: EPSOM AND ST HELIER UNIVERSITY HOSPITALS NHS TRUST)");
    // Loaded again, with no flag or the same institution, it is the same facts: nothing changes, nothing is refused.
    for (const options of [{}, { institution: { id: "RVR" } }]) {
      expect((await loadInputs(warehouse, [epsom], options))[0]).toMatchObject({ status: "already loaded", scope: { institution: "RVR" } });
    }
  });

  it("loads with --institution, taking the name from the file when the register's code matches it", async () => {
    const [result] = await loadInputs(warehouse, [ccg], { institution: { id: "07L" } });
    if (result?.status !== "loaded") throw new Error(JSON.stringify(result));
    expect(result.outcome.reading).toContain(`institution 07L (NHS Barking And Dagenham CCG, ccg) from --institution, name from its "Entity" column`);
    expect(await warehouse.one("SELECT name, kind, ods_code FROM institutions WHERE institution_id = '07L'")).toEqual({ name: "NHS Barking And Dagenham CCG", kind: "ccg", ods_code: "07L" });
  });

  it("loads a council's file with --institution, --institution-name and --kind (and its month from the file's name)", async () => {
    const [result] = await loadInputs(warehouse, [council], { institution: { id: "E08000003", name: "Manchester City Council", kind: "council" } });
    if (result?.status !== "loaded") throw new Error(JSON.stringify(result));
    // 10,940.76 + 261,331.50 + 252,870.06 + 6,652.72 + 371,563.20 + 41,429.60 + 589,405.06
    expect(result.outcome).toMatchObject({ rowsLoaded: 7, amountLoadedPence: 153419290n, firstDate: "2011-01-01" });
    expect(await warehouse.one("SELECT name, kind, ods_code FROM institutions WHERE institution_id = 'E08000003'")).toEqual({ name: "Manchester City Council", kind: "council", ods_code: null });
  });

  it("offers nothing when the body column names more than one body", async () => {
    const department = join(nobody, "cabinetoffice-2019-06.csv");
    cpSync("test/fixtures/spend-real/cabinet-office/cabinetoffice-2019-06.csv", department);
    expect(await refusalOf(department)).toContain(`its "Entity" column names 3 bodies (CABINET OFFICE; Government Property Agency; Crown Commercial Service): one file, one institution`);
  });

  it("refuses --institution when the file's folder has an institution.json that says otherwise", async () => {
    const error = await refusalOf("test/fixtures/spend-real/issue-14/council/payments-dec.csv", { institution: { id: "R1H" } });
    expect(error).toContain("its folder's institution.json says E08000003 and --institution says R1H");
  });
});
