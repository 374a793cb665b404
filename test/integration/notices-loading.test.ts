// Loading published notices (OCDS): real Contracts Finder releases (test/fixtures/ocds/README.md) become contracts with
// every supplier their awards list; bad releases are quarantined under the JSON path of each fault; a record package
// and JSON Lines load; spend to date per contract is the institution's own spend to the contract's suppliers within
// its period. Expected figures are read off the fixture by hand (the README lists them), never by the loader.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { contractKpis, contractSpendToDate } from "../../src/model/contract-spend.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { tableChecksums, tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/ocds");
const folder = tempFolder();
afterAll(() => folder.cleanup());

const WELLAND = { id: "WPU", name: "Welland Procurement Unit", kind: "council" };
const R11 = "ocds-b5fd17-83e70371-f036-4ee2-a35a-659c24326c15-1";
const R13 = "ocds-b5fd17-c526ac26-3628-456a-ad7a-f869785ad71a-1";
const R17 = "ocds-b5fd17-d1441223-b3e7-45a9-9ff6-88fcdad59f37-1";

/** An institution folder holding the named fixture files in notices/, and any other files given (path → text). */
function institutionFolder(name: string, institution: object, notices: readonly string[], files: Record<string, string> = {}): string {
  const path = join(folder.path, name);
  mkdirSync(join(path, "notices"), { recursive: true });
  writeFileSync(join(path, "institution.json"), JSON.stringify(institution));
  for (const notice of notices) copyFileSync(join(FIXTURES, notice), join(path, "notices", notice));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(path, file, ".."), { recursive: true });
    writeFileSync(join(path, file), text);
  }
  return path;
}

function outcomeOf(results: readonly FileResult[], fileName: string) {
  const result = results.find((r) => r.path.endsWith(fileName));
  if (result?.status !== "loaded") throw new Error(`${fileName}: ${JSON.stringify(result)}`);
  return { read: result.outcome.rowsRead, loaded: result.outcome.rowsLoaded, quarantined: result.outcome.rowsQuarantined };
}

async function quarantineOf(warehouse: Warehouse, fileName: string) {
  const rows = await warehouse.all<{ row_number: number; column_name: string; code: string }>(
    "SELECT row_number, column_name, code FROM quarantine WHERE path LIKE ? ORDER BY row_number, column_name", [`%${fileName}`]);
  return rows.map((row) => [Number(row.row_number), row.column_name, row.code]);
}

describe("published notices (OCDS)", () => {
  it("a Contracts Finder release package loads: its awards become contracts with every supplier, their identifiers, postcodes and flags", async () => {
    const path = institutionFolder("package", WELLAND, ["contracts-finder-welland-2025.json"]);
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      // Four releases: three of Welland Procurement Unit, one of "Welland Procurement" (another buyer, GB-CFS-288008).
      expect(outcomeOf(results, "contracts-finder-welland-2025.json")).toEqual({ read: 4, loaded: 3, quarantined: 1 });
      expect(await quarantineOf(warehouse, "contracts-finder-welland-2025.json")).toEqual([[4, "releases[3].buyer", "other-buyer"]]);
      const contracts = await warehouse.all(
        `SELECT contract_id, supplier_name, value::VARCHAR AS value, start_date::VARCHAR AS start_date, end_date::VARCHAR AS end_date,
                weighting_percent, institution_id FROM current_sv_contracts ORDER BY contract_id`);
      expect(contracts).toEqual([
        { contract_id: R11, supplier_name: "Development Control and Associated Software", value: "134326.00", start_date: "2024-11-01", end_date: "2027-09-30", weighting_percent: null, institution_id: "WPU" },
        { contract_id: R13, supplier_name: "Lexis Nexis Limited (RELX (UK) Ltd", value: "24125.75", start_date: "2024-12-13", end_date: "2027-12-13", weighting_percent: null, institution_id: "WPU" },
        { contract_id: R17, supplier_name: "24x7", value: "776888.48", start_date: "2024-09-01", end_date: "2025-08-19", weighting_percent: null, institution_id: "WPU" },
      ]);
      // Release 17: one award listing twelve taxi firms (a dynamic purchasing system's call-offs); eight give a Companies
      // House number (24x7's "4142000" padded to 8), every postcode sits inside streetAddress.
      const suppliers = await warehouse.all<{ supplier_name: string; company_number: string | null; postcode: string; postcode_from: string; is_sme: boolean; is_vcse: boolean }>(
        "SELECT supplier_name, company_number, postcode, postcode_from, is_sme, is_vcse FROM sv_contract_suppliers WHERE contract_id = ? ORDER BY position", [R17]);
      expect(suppliers.map((s) => [s.supplier_name, s.company_number, s.postcode])).toEqual([
        ["24x7", "04142000", "CM6 2JN"], ["A1 Taxis", "14783275", "LE15 8JD"], ["Ace Cabs of Stamford", "08309475", "PE9 1XP"],
        ["BA Taxis Ltd", null, "LE2 0DP"], ["Corby Jet Carz", null, "NN18 8NE"], ["NMI Taxis", "12308679", "LE5 4PD"],
        ["Starline", null, "PE9 4LE"], ["Swift Transport", "14362651", "PE1 3HG"], ["Take Me", null, "LE11 1TH"],
        ["TDST (Taxi Direct School Transport Ltd)", "13800271", "PE1 3PY"], ["TLC Cabs", "15277395", "LE5 2PL"], ["Star Cars Of Corby Ltd", "11506778", "NN17 1LJ"],
      ]);
      expect(new Set(suppliers.map((s) => `${s.postcode_from} sme=${s.is_sme} vcse=${s.is_vcse}`))).toEqual(new Set(["streetAddress sme=true vcse=false"]));
      const { total } = await warehouse.one<{ total: string }>("SELECT sum(value)::VARCHAR AS total FROM current_sv_contracts");
      expect(total).toBe("935340.23"); // 134,326.00 + 24,125.75 + 776,888.48
      // Loading the same file again changes nothing.
      const before = await tableChecksums(warehouse);
      const again = await loadInputs(warehouse, [path]);
      expect(again.find((r) => r.path.endsWith(".json") && r.path.includes("notices"))?.status).toBe("already loaded");
      expect(await tableChecksums(warehouse)).toEqual(before);
    });
  });

  it("bad and partial releases are quarantined under the JSON path of every fault; a later release of a process supersedes the earlier", async () => {
    const path = institutionFolder("faulty", WELLAND, ["faulty-releases-welland.json"]);
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "faulty-releases-welland.json")).toEqual({ read: 8, loaded: 2, quarantined: 6 });
      expect(await quarantineOf(warehouse, "faulty-releases-welland.json")).toEqual([
        [1, "releases[0].awards[0].value.amount", "missing-value"],
        [2, "releases[1].awards[0].suppliers[2].id", "unknown-party"],
        [2, "releases[1].awards[0].value.currency", "not-in-pounds"],
        [3, "releases[2].awards[0].contractPeriod.endDate", "ends-before-start"],
        [6, "releases[5].parties[1].details.scale", "not-a-scale"],
        [7, "releases[6]", "not-a-release"],
        [8, "releases[7].id", "duplicate-key"],
      ]);
      // Release 4 (as published, 24,125.75) and release 5 (its awardUpdate of 1 February 2025, 26,000) both load: the later is current.
      expect(await warehouse.all("SELECT row_number, value::VARCHAR AS value, superseded_by IS NULL AS current FROM sv_contracts ORDER BY row_number"))
        .toEqual([{ row_number: 4, value: "24125.75", current: false }, { row_number: 5, value: "26000.00", current: true }]);
    });
  });

  it("across files, the latest release of a process is current whichever file loads first", async () => {
    const newer = institutionFolder("newer-first", WELLAND, ["faulty-releases-welland.json"]);
    const older = institutionFolder("newer-first-then-older", WELLAND, ["contracts-finder-welland-2025.json"]);
    await withTempWarehouse(async (warehouse) => {
      // The awardUpdate of Release13 (1 February 2025, £26,000) loads first; Release13 as first published (23 January) later.
      await loadInputs(warehouse, [newer]);
      await loadInputs(warehouse, [older]);
      expect(await warehouse.all("SELECT contract_id, value::VARCHAR AS value FROM current_sv_contracts ORDER BY 1")).toEqual([
        { contract_id: R11, value: "134326.00" }, { contract_id: R13, value: "26000.00" }, { contract_id: R17, value: "776888.48" },
      ]);
    });
  });

  it("an award with no value takes the tender's only when it is the release's one award", async () => {
    const releases = (await import(join(FIXTURES, "contracts-finder-welland-2025.json"), { with: { type: "json" } })).default.releases;
    const single = structuredClone(releases[0]); // Release11: one award; its tender's value is £134,326
    delete single.awards[0].value;
    const double = structuredClone(releases[0]);
    double.id = `${double.id}-two-lots`;
    delete double.awards[0].value;
    double.awards.push({ ...structuredClone(double.awards[0]), id: `${double.awards[0].id}-lot2` });
    const path = institutionFolder("tender-value", WELLAND, [], { "notices/values.json": JSON.stringify({ version: "1.1", releases: [single, double] }) });
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "values.json")).toEqual({ read: 2, loaded: 1, quarantined: 1 });
      expect(await quarantineOf(warehouse, "values.json")).toEqual([
        [2, "releases[1].awards[0].value.amount", "missing-value"], [2, "releases[1].awards[1].value.amount", "missing-value"],
      ]);
      expect(await warehouse.all("SELECT contract_id, value::VARCHAR AS value FROM current_sv_contracts")).toEqual([{ contract_id: R11, value: "134326.00" }]);
    });
  });

  it("a record package loads through its compiled releases; a record without one is quarantined", async () => {
    const path = institutionFolder("records", WELLAND, ["record-package-welland.json"]);
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "record-package-welland.json")).toEqual({ read: 2, loaded: 1, quarantined: 1 });
      expect(await quarantineOf(warehouse, "record-package-welland.json")).toEqual([[2, "records[1].compiledRelease", "no-compiled-release"]]);
      expect(await warehouse.all("SELECT contract_id, value::VARCHAR AS value FROM current_sv_contracts")).toEqual([{ contract_id: R13, value: "24125.75" }]);
    });
  });

  it("JSON Lines: a package or a release per line; a line that is not JSON is quarantined under its line", async () => {
    const releases = (await import(join(FIXTURES, "contracts-finder-welland-2025.json"), { with: { type: "json" } })).default.releases;
    const lines = [JSON.stringify({ version: "1.1", releases: [releases[0]] }), JSON.stringify(releases[1]), "{not json"].join("\n") + "\n";
    const path = institutionFolder("lines", WELLAND, [], { "notices/welland.jsonl": lines });
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "welland.jsonl")).toEqual({ read: 3, loaded: 2, quarantined: 1 });
      expect(await quarantineOf(warehouse, "welland.jsonl")).toEqual([[3, "line 3:", "not-a-release"]]);
      expect(await warehouse.all("SELECT contract_id FROM current_sv_contracts ORDER BY 1")).toEqual([{ contract_id: R11 }, { contract_id: R13 }]);
    });
  });

  it("contracts signed under an award, PPON and charity numbers, scale and KPIs with their latest rating (synthetic Find a Tender-style notice)", async () => {
    const path = institutionFolder("synthetic", WELLAND, ["synthetic-find-a-tender-style.json"]);
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "synthetic-find-a-tender-style.json")).toEqual({ read: 1, loaded: 1, quarantined: 0 });
      expect(await warehouse.all("SELECT contract_id, value::VARCHAR AS value, start_date::VARCHAR AS start_date, end_date::VARCHAR AS end_date, title FROM current_sv_contracts ORDER BY 1")).toEqual([
        { contract_id: "ocds-synthetic-0001/C-1", value: "480000.00", start_date: "2026-04-01", end_date: "2029-03-31", title: "Community transport, lot 1 (synthetic)" },
        { contract_id: "ocds-synthetic-0001/C-2", value: "20000.00", start_date: "2026-04-01", end_date: "2027-03-31", title: "Community transport, lot 2 (synthetic)" },
      ]);
      expect(await warehouse.all(
        `SELECT supplier_name, company_number, charity_number, ppon, identifiers, postcode, postcode_from, scale, is_sme, is_vcse
         FROM sv_contract_suppliers WHERE contract_id = 'ocds-synthetic-0001/C-1' ORDER BY position`)).toEqual([
        { supplier_name: "Synthetic Community Transport CIO", company_number: null, charity_number: "1123456", ppon: "PABC-1234-DEFG",
          identifiers: ["GB-PPON-PABC-1234-DEFG", "GB-CHC-1123456"], postcode: "LE15 6HP", postcode_from: "postalCode", scale: "micro", is_sme: true, is_vcse: true },
        { supplier_name: "Synthetic Partners LLP", company_number: "OC301234", charity_number: null, ppon: null,
          identifiers: ["GB-COH-OC301234"], postcode: "PE9 1XP", postcode_from: "streetAddress", scale: null, is_sme: null, is_vcse: null },
      ]);
      expect(await warehouse.all("SELECT contract_id, kpi_id, title, rating, observed_value, unit, period_end FROM sv_contract_kpis ORDER BY contract_id, kpi_id")).toEqual([
        { contract_id: "ocds-synthetic-0001/C-1", kpi_id: "KPI-1", title: "Journeys on time", rating: "Approaching target", observed_value: null, unit: null, period_end: "2027-03-31" },
        { contract_id: "ocds-synthetic-0001/C-1", kpi_id: "KPI-2", title: "Drivers living locally", rating: null, observed_value: 62, unit: "percent", period_end: "2027-03-31" },
      ]);
      expect((await contractKpis(warehouse, "WPU")).map((k) => [k.contract, k.kpi, k.rating, k.value])).toEqual([
        ["ocds-synthetic-0001/C-1", "Journeys on time", "Approaching target", null], ["ocds-synthetic-0001/C-1", "Drivers living locally", null, 62],
      ]);
    });
  });

  it("a contract award notice, then its contract details notice: the contracts signed under the award replace it, in either loading order", async () => {
    const details = (await import(join(FIXTURES, "synthetic-find-a-tender-style.json"), { with: { type: "json" } })).default;
    const award = structuredClone(details.releases[0]);
    Object.assign(award, { id: `${award.id}-uk6`, date: "2026-03-01T09:00:00Z", tag: ["award"] });
    delete award.contracts;
    award.awards[0].contractPeriod = { startDate: "2026-04-01T00:00:00+01:00", endDate: "2029-03-31T23:59:59+01:00" };
    for (const [name, order] of [["award-first", ["1-award.json", "2-details.json"]], ["details-first", ["2-details.json", "1-award.json"]]] as const) {
      const path = institutionFolder(name, WELLAND, [], {
        "notices/1-award.json": JSON.stringify({ version: "1.1", releases: [award] }),
        "notices/2-details.json": JSON.stringify(details),
      });
      await withTempWarehouse(async (warehouse) => {
        for (const file of order) await loadInputs(warehouse, [join(path, "institution.json"), join(path, "notices", file)]);
        expect(await warehouse.all("SELECT contract_id, value::VARCHAR AS value FROM current_sv_contracts ORDER BY 1"), name).toEqual([
          { contract_id: "ocds-synthetic-0001/C-1", value: "480000.00" }, { contract_id: "ocds-synthetic-0001/C-2", value: "20000.00" },
        ]);
        expect(await warehouse.all("SELECT count(*)::INTEGER AS n FROM sv_contracts WHERE contract_id = 'ocds-synthetic-0001/1'")).toEqual([{ n: 1 }]);
      });
    }
  });

  it("a JSON array of release packages loads; paths name the package", async () => {
    const releases = (await import(join(FIXTURES, "contracts-finder-welland-2025.json"), { with: { type: "json" } })).default.releases;
    const path = institutionFolder("array", WELLAND, [], { "notices/packages.json": JSON.stringify([{ version: "1.1", releases: [releases[0]] }, { version: "1.1", releases: [releases[3]] }]) });
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(outcomeOf(results, "packages.json")).toEqual({ read: 2, loaded: 1, quarantined: 1 });
      expect(await quarantineOf(warehouse, "packages.json")).toEqual([[2, "[1].releases[0].buyer", "other-buyer"]]);
    });
  });

  it("spend to date per contract is the institution's own spend to its suppliers within the contract's period (company number first, then name)", async () => {
    // Synthetic spend and register, written here: Swift Transport is paid under a longer registered name and found by
    // its company number; 24x7 by its name; payments outside a contract's period and another institution's never count.
    const spend = (rows: string[]) => `Date,Supplier,Transaction Number,Amount\n${rows.join("\n")}\n`;
    const welland = institutionFolder("spend-welland", WELLAND, ["contracts-finder-welland-2025.json"], {
      "suppliers.csv": "Supplier Name,Postcode,Company Number\nSwift Transport (Peterborough) Ltd,PE1 3HG,14362651\n",
      "spend/welland-2024-25.csv": spend([
        "20/09/2024,Swift Transport (Peterborough) Ltd,1,2000.00",
        "01/09/2025,Swift Transport (Peterborough) Ltd,2,500.00",
        "31/08/2024,24x7,3,300.00",
        "10/01/2025,24x7,4,450.50",
        "05/01/2025,Lexis Nexis Limited (RELX (UK) Ltd,5,24125.75",
        "15/10/2024,Unrelated Supplier Ltd,6,999.00",
      ]),
    });
    const other = institutionFolder("spend-other", { id: "OTHER", name: "Other Council", kind: "council" }, [], {
      "spend/other-2025-01.csv": spend(["10/01/2025,24x7,1,10000.00"]),
    });
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [welland, other]);
      expect(results.filter((r) => r.status === "refused")).toEqual([]);
      const rows = await contractSpendToDate(warehouse, "WPU");
      expect(rows.map((r) => [r.contractId, r.spendToDate, r.paymentLines, r.linkedBy, r.source])).toEqual([
        [R17, "2450.50", 2, "identifier and name", "notice"], // 2,000.00 (Swift, by number) + 450.50 (24x7, by name)
        [R11, "0.00", 0, "name", "notice"],
        [R13, "24125.75", 1, "name", "notice"],
      ]);
      expect(rows[0]!.suppliers).toHaveLength(12);
      expect(rows[2]!.shareOfValue).toBe(1);
      expect(await contractSpendToDate(warehouse, "OTHER")).toEqual([]);
    });
  });

  it("a notice outside every institution's folder is refused: notices belong to their buyer", async () => {
    const path = join(folder.path, "loose");
    mkdirSync(path, { recursive: true });
    copyFileSync(join(FIXTURES, "record-package-welland.json"), join(path, "notices.json"));
    await withTempWarehouse(async (warehouse) => {
      const before = await tableChecksums(warehouse);
      const [result] = await loadInputs(warehouse, [path]);
      expect(result).toMatchObject({ status: "refused", kind: "notices" });
      expect(result?.status === "refused" && result.error).toMatch(/no institution\.json in its folder or above: notices belong to their buyer/);
      expect(await tableChecksums(warehouse)).toEqual(before);
    });
  });
});
