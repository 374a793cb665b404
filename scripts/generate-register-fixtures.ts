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

import { charity, charityTsv, companiesCsv, company } from "./register-layouts.js";

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
