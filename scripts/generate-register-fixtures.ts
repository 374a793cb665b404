/**
 * Generates test/fixtures/registers/: two editions of Companies House basic company data and of the Charity
 * Commission register extract, in their published layouts (/work/shared/reference/layouts/README.md), with
 * MADE-UP rows: a few written here for what each test checks (bad rows among them), and a few filler rows drawn
 * from REGISTER_SEED, so every run writes the same bytes. No row is a real company or charity (any likeness is
 * chance); the postcodes are real postcodes from the shipped reference (data/demo/reference/), so a row can be
 * placed. Run: npx tsx scripts/generate-register-fixtures.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pick, seededRandom } from "./seeded-random.js";

const REGISTER_SEED = 20251101;
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "registers");

// The header line as published (leading spaces and all).
const COMPANIES_HEADER =
  "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName, PreviousName_2.CONDATE, PreviousName_2.CompanyName,PreviousName_3.CONDATE, PreviousName_3.CompanyName,PreviousName_4.CONDATE, PreviousName_4.CompanyName,PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE, PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,PreviousName_8.CONDATE, PreviousName_8.CompanyName,PreviousName_9.CONDATE, PreviousName_9.CompanyName,PreviousName_10.CONDATE, PreviousName_10.CompanyName,ConfStmtNextDueDate, ConfStmtLastMadeUpDate";
const COMPANY_COLUMNS = COMPANIES_HEADER.split(",").map((heading) => heading.trim());

// The key columns of the layout README, in the order of the Charity Commission's published extract (the column
// order around them is the extract's data definition as recalled, not checked against a real copy).
const CHARITY_COLUMNS = [
  "date_of_extract", "organisation_number", "registered_charity_number", "linked_charity_number", "charity_name", "charity_type",
  "charity_registration_status", "date_of_registration", "date_of_removal", "charity_reporting_status",
  "latest_acc_fin_period_start_date", "latest_acc_fin_period_end_date", "latest_income", "latest_expenditure",
  "charity_contact_address1", "charity_contact_address2", "charity_contact_address3", "charity_contact_address4", "charity_contact_address5",
  "charity_contact_postcode", "charity_contact_phone", "charity_contact_email", "charity_contact_web",
  "charity_company_registration_number", "charity_insolvent", "charity_in_administration", "charity_previously_excepted",
  "charity_is_cdf_or_cuf", "charity_is_cio", "cio_is_dissolved", "date_cio_dissolution_notice", "charity_activities",
  "charity_gift_aid", "charity_has_land",
];

type Row = Record<string, string>;

/** Every value quoted, "" for a quote inside, CRLF: as Companies House publishes. */
function companiesCsv(rows: Row[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return [COMPANIES_HEADER, ...rows.map((row) => COMPANY_COLUMNS.map((column) => quote(row[column] ?? "")).join(","))].join("\r\n") + "\r\n";
}

/** Tab-separated, values unquoted, CRLF. */
function charityTsv(rows: Row[]): string {
  return [CHARITY_COLUMNS.join("\t"), ...rows.map((row) => CHARITY_COLUMNS.map((column) => row[column] ?? "").join("\t"))].join("\r\n") + "\r\n";
}

const company = (name: string, number: string, postcode: string, category: string, status: string, accounts: string, sic: string[] = []): Row => ({
  CompanyName: name, CompanyNumber: number, "RegAddress.PostCode": postcode, CompanyCategory: category, CompanyStatus: status,
  CountryOfOrigin: "United Kingdom", IncorporationDate: "01/04/2015", "Accounts.AccountCategory": accounts,
  ...Object.fromEntries(sic.map((code, index) => [`SICCode.SicText_${index + 1}`, code])),
  URI: `http://business.data.gov.uk/id/company/${number}`,
});

const charity = (number: string, linked: string, name: string, status: string, postcode: string, company: string, income: string): Row => ({
  date_of_extract: "", organisation_number: "", registered_charity_number: number, linked_charity_number: linked, charity_name: name,
  charity_type: "Other", charity_registration_status: status, date_of_registration: "2010-05-04 00:00:00", charity_contact_postcode: postcode,
  charity_company_registration_number: company, latest_income: income, charity_is_cio: "False",
});

// Real postcodes from data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz.
const POSTCODES = ["E1 0JL", "E10 7FG", "MK10 9QD", "RM3 7DU"];
const WORDS = ["FICTIONAL", "INVENTED", "MADE UP", "IMAGINED", "PRETEND"];
const TRADES = ["JOINERY", "LOGISTICS", "CONSULTING", "PRINTING", "GARDENS"];
const random = seededRandom(REGISTER_SEED);
const fillerCompanies = Array.from({ length: 5 }, (_, index) => company(
  `${pick(random, WORDS)} ${pick(random, TRADES)} ${index + 1} LIMITED`, String(10_000_001 + index), pick(random, POSTCODES),
  "Private Limited Company", "Active", pick(random, ["MICRO ENTITY", "SMALL", "TOTAL EXEMPTION FULL"])));
const fillerCharities = Array.from({ length: 3 }, (_, index) => charity(
  String(1_100_001 + index), "0", `${pick(random, WORDS)} ${pick(random, ["FRIENDS", "TRUST", "FOUNDATION"])} ${index + 1}`,
  "Registered", pick(random, POSTCODES), "", String(1000 * (index + 1))));

const CLEANING = company("MADE UP CLEANING SERVICES LIMITED", "07687209", "E1 0JL", "Private Limited Company", "Active", "MICRO ENTITY",
  ["81210 - General cleaning of buildings", "81299 - Other cleaning services"]);
const CIC = company("FICTIONAL COMMUNITY INTEREST COMPANY C.I.C.", "12345678", "", "Community Interest Company", "Active", "NO ACCOUNTS FILED");

const files: Record<string, string> = {
  // November: read 12 = loaded 9 + quarantined 3 (lines 6, 7 and 8).
  "BasicCompanyDataAsOneFile-2025-11-01.csv": companiesCsv([
    CLEANING, // line 2
    company("INVENTED CATERING (SCOTLAND) LTD", "SC123456", "e107fg", "Private Limited Company", "Active - Proposal to Strike off", "SMALL",
      ["56290 - Other food services"]), // line 3
    CIC, // line 4
    company("MADE UP OVERSEAS TRADING LIMITED", "FC012345", "75008", "Other company type", "Active", "FULL"), // line 5: not a UK postcode
    company("BAD NUMBER LIMITED", "N/A", "E1 0JL", "Private Limited Company", "Active", "SMALL"), // line 6: not a company number
    company("", "09999999", "E1 0JL", "Private Limited Company", "Active", "SMALL"), // line 7: no name
    company("MADE UP CLEANING DUPLICATE LTD", "07687209", "E1 0JL", "Private Limited Company", "Active", "SMALL"), // line 8: number again
    ...fillerCompanies, // lines 9-13
  ]),
  // December, in two parts: the caterer is gone (dissolved), the cleaner in liquidation, one new company.
  "BasicCompanyData-2025-12-01-part1_2.csv": companiesCsv([{ ...CLEANING, CompanyStatus: "Liquidation" }]),
  "BasicCompanyData-2025-12-01-part2_2.csv": companiesCsv([
    company("NEWLY FORMED INVENTIONS LTD", "15000001", "RM3 7DU", "Private Limited Company", "Active", "NO ACCOUNTS FILED"), CIC]),
  // November: read 9 = loaded 6 + quarantined 3 (lines 5, 6 and 7).
  "charity-2025-11-01/publicextract.charity.txt": charityTsv([
    charity("1123456", "0", "MADE UP COMMUNITY TRUST", "Registered", "E1 0JL", "7687210", "125000.00"), // line 2
    charity("1123456", "1", "MADE UP COMMUNITY TRUST LINKED FUND", "Registered", "", "", ""), // line 3
    charity("234567", "0", 'THE "INVENTED" ANIMAL RESCUE', "Removed", "mk10 9qd", "", ""), // line 4: a quote inside, unquoted
    charity("ABC", "0", "BAD NUMBER CHARITY", "Registered", "E1 0JL", "", ""), // line 5: not a charity number
    charity("1199999", "0", "", "Registered", "E1 0JL", "", ""), // line 6: no name
    charity("1123456", "0", "MADE UP COMMUNITY TRUST AGAIN", "Registered", "E1 0JL", "", ""), // line 7: number again
    ...fillerCharities, // lines 8-10
  ]),
  "charity-2025-12-01/publicextract.charity.txt": charityTsv([
    charity("1123456", "0", "MADE UP COMMUNITY TRUST", "Removed", "E1 0JL", "7687210", "99000"),
    charity("1200001", "0", "INVENTED YOUTH CLUB", "Registered", "E10 7FG", "", "5000"),
  ]),
};

for (const [name, text] of Object.entries(files)) {
  mkdirSync(dirname(join(OUT, name)), { recursive: true });
  writeFileSync(join(OUT, name), text);
}
console.log(`wrote ${Object.keys(files).length} files to ${OUT}`);
