// Companies House basic company data and the Charity Commission register extract loaded as reference, from the
// made-up fixtures in their published layouts (test/fixtures/registers/README.md). Every expected value below is
// written out by hand from the generator's rows (scripts/generate-register-fixtures.ts), never by calling the loader's
// rules: the company number as the register holds it, the name key by the rule's words (LIMITED as LTD, THE and
// punctuation dropped), the postcode in its canonical form.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/registers";
const COMPANIES_NOV = join(fixtures, "BasicCompanyDataAsOneFile-2025-11-01.csv");
const COMPANIES_DEC = [join(fixtures, "BasicCompanyData-2025-12-01-part1_2.csv"), join(fixtures, "BasicCompanyData-2025-12-01-part2_2.csv")];
const CHARITIES_NOV = join(fixtures, "charity-2025-11-01", "publicextract.charity.txt");
const CHARITIES_DEC = join(fixtures, "charity-2025-12-01", "publicextract.charity.txt");

const counts = (result: FileResult) => (result.status === "loaded"
  ? { status: result.status, kind: result.kind, read: result.outcome.rowsRead, loaded: result.outcome.rowsLoaded, quarantined: result.outcome.rowsQuarantined }
  : { status: result.status, kind: result.kind });

async function columnsOf(warehouse: Warehouse, table: string): Promise<string[]> {
  const rows = await warehouse.all<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]);
  return rows.map((row) => row.name);
}

async function quarantined(warehouse: Warehouse, path: string) {
  return warehouse.all<{ row_number: number; column_name: string | null; raw_value: string; code: string }>(
    "SELECT row_number, column_name, raw_value, code FROM quarantine WHERE path = ? ORDER BY row_number", [path]);
}

async function editions(warehouse: Warehouse, register: string) {
  const rows = await warehouse.all<{ edition: string; path: string }>(
    `SELECT strftime(e.edition, '%Y-%m-%d') AS edition, f.path FROM register_editions e JOIN source_files f ON f.file_id = e.file_id
     WHERE e.register = ? ORDER BY f.path`, [register]);
  return rows.map((row) => ({ edition: row.edition, file: row.path.split("/").slice(-2).join("/") }));
}

describe("Companies House basic company data as reference", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let november: FileResult[];

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    november = await loadInputs(warehouse, [COMPANIES_NOV]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("reads the published layout (leading-space headings): read 12 = loaded 9 + quarantined 3", () => {
    expect(november.map(counts)).toEqual([{ status: "loaded", kind: "companies", read: 12, loaded: 9, quarantined: 3 }]);
  });

  it("keeps only the columns used", async () => {
    expect(await columnsOf(warehouse, "companies")).toEqual(
      ["company_number", "name", "name_key", "category", "status", "postcode", "sic_codes", "accounts_category", "file_id"]);
  });

  it("holds each company's number, name key, postcode, SIC codes and accounts category as normalised by hand", async () => {
    const rows = await warehouse.all<Record<string, unknown>>(
      `SELECT company_number, name, name_key, category, status, postcode, sic_codes, accounts_category FROM companies
       WHERE company_number IN ('07687209', 'SC123456', '12345678', 'FC012345') ORDER BY company_number`);
    expect(rows).toEqual([
      { company_number: "07687209", name: "MADE UP CLEANING SERVICES LIMITED", name_key: "MADE UP CLEANING SERVICES LTD", category: "Private Limited Company",
        status: "Active", postcode: "E1 0JL", sic_codes: ["81210 - General cleaning of buildings", "81299 - Other cleaning services"], accounts_category: "MICRO ENTITY" },
      { company_number: "12345678", name: "FICTIONAL COMMUNITY INTEREST COMPANY C.I.C.", name_key: "FICTIONAL COMMUNITY INTEREST COMPANY C I C",
        category: "Community Interest Company", status: "Active", postcode: null, sic_codes: [], accounts_category: "NO ACCOUNTS FILED" },
      // "75008" is not a UK postcode: the company is kept, unplaced.
      { company_number: "FC012345", name: "MADE UP OVERSEAS TRADING LIMITED", name_key: "MADE UP OVERSEAS TRADING LTD", category: "Other company type",
        status: "Active", postcode: null, sic_codes: [], accounts_category: "FULL" },
      { company_number: "SC123456", name: "INVENTED CATERING (SCOTLAND) LTD", name_key: "INVENTED CATERING SCOTLAND LTD", category: "Private Limited Company",
        status: "Active - Proposal to Strike off", postcode: "E10 7FG", sic_codes: ["56290 - Other food services"], accounts_category: "SMALL" },
    ]);
    const { filler } = await warehouse.one<{ filler: number }>(
      "SELECT count(*)::INTEGER AS filler FROM companies WHERE company_number BETWEEN '10000001' AND '10000005'");
    expect(filler).toBe(5);
  });

  it("quarantines bad rows with their line, column, value and reason", async () => {
    expect(await quarantined(warehouse, COMPANIES_NOV)).toEqual([
      { row_number: 6, column_name: "CompanyNumber", raw_value: "N/A", code: "not-an-identifier" },
      { row_number: 7, column_name: "CompanyName", raw_value: null, code: "missing-value" },
      { row_number: 8, column_name: null, raw_value: "07687209", code: "duplicate-key" },
    ]);
    const { reasons } = await warehouse.one<{ reasons: number }>("SELECT count(reason)::INTEGER AS reasons FROM quarantine WHERE path = ? AND reason <> ''", [COMPANIES_NOV]);
    expect(reasons).toBe(3);
  });

  it("records the edition from the file name", async () => {
    expect(await editions(warehouse, "companies-house")).toEqual([{ edition: "2025-11-01", file: "registers/BasicCompanyDataAsOneFile-2025-11-01.csv" }]);
  });

  it("re-loading the same file changes nothing", async () => {
    const before = await tableChecksums(warehouse);
    expect((await loadInputs(warehouse, [COMPANIES_NOV])).map(counts)).toEqual([{ status: "already loaded", kind: "companies" }]);
    expect(await tableChecksums(warehouse)).toEqual(before);
  });

  it("a newer edition, in two parts, replaces the last whole; the parts add up", async () => {
    const december = await loadInputs(warehouse, COMPANIES_DEC);
    expect(december.map(counts)).toEqual([
      { status: "loaded", kind: "companies", read: 1, loaded: 1, quarantined: 0 },
      { status: "loaded", kind: "companies", read: 2, loaded: 2, quarantined: 0 },
    ]);
    const rows = await warehouse.all<{ company_number: string; status: string }>("SELECT company_number, status FROM companies ORDER BY company_number");
    expect(rows).toEqual([
      { company_number: "07687209", status: "Liquidation" },
      { company_number: "12345678", status: "Active" },
      { company_number: "15000001", status: "Active" },
    ]);
    expect(await editions(warehouse, "companies-house")).toEqual([
      { edition: "2025-12-01", file: "registers/BasicCompanyData-2025-12-01-part1_2.csv" },
      { edition: "2025-12-01", file: "registers/BasicCompanyData-2025-12-01-part2_2.csv" },
    ]);
  });
});

describe("an older edition of a register", () => {
  it("is refused, and leaves the warehouse as it was", async () => {
    const folder = tempFolder();
    const warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    try {
      await loadInputs(warehouse, [COMPANIES_DEC[0]!, CHARITIES_DEC]);
      const before = await tableChecksums(warehouse);
      const results = await loadInputs(warehouse, [COMPANIES_NOV, CHARITIES_NOV]);
      expect(results.map((result) => [result.status, result.status === "refused" ? result.error : ""])).toEqual([
        ["refused", expect.stringMatching(/2025-11-01 edition of the Companies House basic company data, older than the 2025-12-01 edition loaded/)],
        ["refused", expect.stringMatching(/2025-11-01 edition of the Charity Commission register extract, older than the 2025-12-01 edition loaded/)],
      ]);
      const after = await tableChecksums(warehouse);
      for (const table of ["companies", "charities", "register_editions"]) expect(after[table], table).toEqual(before[table]);
    } finally {
      await warehouse.close();
      folder.cleanup();
    }
  });
});

describe("the Charity Commission register extract as reference", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let november: FileResult[];

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    november = await loadInputs(warehouse, [CHARITIES_NOV]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("reads the tab-separated extract: read 9 = loaded 6 + quarantined 3", () => {
    expect(november.map(counts)).toEqual([{ status: "loaded", kind: "charities", read: 9, loaded: 6, quarantined: 3 }]);
  });

  it("keeps only the columns used", async () => {
    expect(await columnsOf(warehouse, "charities")).toEqual(
      ["charity_number", "name", "name_key", "status", "postcode", "company_number", "latest_income", "file_id"]);
  });

  it("holds a main charity, its linked charity and a name with a quote in it, as normalised by hand", async () => {
    const rows = await warehouse.all<Record<string, unknown>>(
      `SELECT charity_number, name, name_key, status, postcode, company_number, latest_income FROM charities
       WHERE charity_number IN ('1123456', '1123456-1', '234567') ORDER BY charity_number`);
    expect(rows).toEqual([
      { charity_number: "1123456", name: "MADE UP COMMUNITY TRUST", name_key: "MADE UP COMMUNITY TRUST", status: "Registered", postcode: "E1 0JL",
        company_number: "07687210", latest_income: 125000 },
      { charity_number: "1123456-1", name: "MADE UP COMMUNITY TRUST LINKED FUND", name_key: "MADE UP COMMUNITY TRUST LINKED FUND", status: "Registered",
        postcode: null, company_number: null, latest_income: null },
      { charity_number: "234567", name: 'THE "INVENTED" ANIMAL RESCUE', name_key: "INVENTED ANIMAL RESCUE", status: "Removed", postcode: "MK10 9QD",
        company_number: null, latest_income: null },
    ]);
  });

  it("quarantines bad rows with their line, column, value and reason", async () => {
    expect(await quarantined(warehouse, CHARITIES_NOV)).toEqual([
      { row_number: 5, column_name: "registered_charity_number", raw_value: "ABC", code: "not-an-identifier" },
      { row_number: 6, column_name: "charity_name", raw_value: null, code: "missing-value" },
      { row_number: 7, column_name: null, raw_value: "1123456", code: "duplicate-key" },
    ]);
  });

  it("records the edition from the folder name, and a newer edition replaces the last whole", async () => {
    expect(await editions(warehouse, "charity-commission")).toEqual([{ edition: "2025-11-01", file: "charity-2025-11-01/publicextract.charity.txt" }]);
    expect((await loadInputs(warehouse, [CHARITIES_DEC])).map(counts)).toEqual([{ status: "loaded", kind: "charities", read: 2, loaded: 2, quarantined: 0 }]);
    expect(await warehouse.all("SELECT charity_number, status, latest_income FROM charities ORDER BY charity_number")).toEqual([
      { charity_number: "1123456", status: "Removed", latest_income: 99000 },
      { charity_number: "1200001", status: "Registered", latest_income: 5000 },
    ]);
    expect(await editions(warehouse, "charity-commission")).toEqual([{ edition: "2025-12-01", file: "charity-2025-12-01/publicextract.charity.txt" }]);
  });
});

describe("an institution's supplier register joined to Companies House by company number only", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  const matched = () => warehouse.all<Record<string, unknown>>(
    `SELECT s.name AS supplier, m.institution_id, m.company_number, m.status, m.registered_postcode, m.accounts_category, m.method
     FROM int_supplier_companies m JOIN suppliers s USING (supplier_id) ORDER BY m.company_number`);

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    const results = await loadInputs(warehouse, [join(fixtures, "trust"), COMPANIES_NOV]);
    expect(results.map((result) => result.status)).toEqual(["loaded", "loaded", "loaded"]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("finds the companies the register's numbers name (7687209 → 07687209, sc123456 → SC123456), and no other", async () => {
    expect(await matched()).toEqual([
      { supplier: "Made Up Cleaning Services Ltd", institution_id: "MADEUP", company_number: "07687209", status: "Active",
        registered_postcode: "E1 0JL", accounts_category: "MICRO ENTITY", method: "identifier" },
      { supplier: "Invented Catering (Scotland) Ltd", institution_id: "MADEUP", company_number: "SC123456", status: "Active - Proposal to Strike off",
        registered_postcode: "E10 7FG", accounts_category: "SMALL", method: "identifier" },
    ]);
  });

  it("follows the edition loaded: a company gone from the newer edition is no longer found", async () => {
    await loadInputs(warehouse, COMPANIES_DEC);
    expect((await matched()).map((row) => [row.company_number, row.status])).toEqual([["07687209", "Liquidation"]]);
  });
});
