/**
 * A generated Companies House basic company data file in the published layout (the heading line as published, every
 * value quoted), and a spend file naming so many distinct suppliers, for `npm run bench -- --registers`. Written by
 * DuckDB's COPY from arithmetic on the row number and REGISTER_BENCH_SEED, so the same sizes give the same bytes.
 * Every row is MADE UP (names from word lists; postcodes real ones of the shipped reference: the 55,618 postcodes of
 * data/demo/reference's Code-Point Open extract, a fifth of companies at one of 20 of them, as formation agents'
 * addresses gather companies in the published file, the rest spread over all of them).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { COMPANIES_HEADER } from "../register-layouts.js";

const REGISTER_BENCH_SEED = 20251203;
const WORDS = ["ACORN", "ALPHA", "APEX", "ARROW", "ATLAS", "AURORA", "BEACON", "BIRCH", "BLUE", "BRIDGE", "BRIGHT", "CEDAR", "CITY", "CLEAR",
  "COAST", "CORE", "CREST", "DELTA", "EAGLE", "EAST", "ECHO", "ELM", "EMBER", "FALCON", "FERN", "FIRST", "FOREST", "GOLD", "GREEN", "HARBOUR",
  "HAWK", "HERITAGE", "HILL", "IRON", "IVY", "JADE", "KEY", "LAKE", "LINK", "LION", "MAPLE", "MERIDIAN", "MILL", "NORTH", "OAK", "OCEAN",
  "ORBIT", "PARK", "PEAK", "PINE", "PRIME", "QUAY", "RAVEN", "RED", "RIDGE", "RIVER", "ROSE", "SILVER", "SOUTH", "SPRING", "STAR", "STONE",
  "SUMMIT", "SUN", "SWIFT", "THAMES", "TOWER", "TRUE", "UNION", "VALE", "VECTOR", "WEST", "WILLOW", "WOLF", "YORK", "ZENITH"];
const TRADES = ["BUILDING", "CARE", "CATERING", "CLEANING", "CONSULTING", "DESIGN", "ELECTRICAL", "ENGINEERING", "ESTATES", "FINANCE", "FOODS",
  "HEALTHCARE", "HOMES", "INTERIORS", "LEGAL", "LOGISTICS", "MEDIA", "MEDICAL", "PLUMBING", "PRINTING", "PROPERTY", "RECRUITMENT", "ROOFING",
  "SECURITY", "SERVICES", "SOLUTIONS", "SUPPLIES", "SYSTEMS", "TECHNOLOGY", "TRAINING", "TRANSPORT", "TRAVEL", "VENTURES"];
const POSTCODES = join(projectRoot, "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz");
const list = (items: string[]) => `[${items.map((item) => `'${item}'`).join(", ")}]`;
/**
 * A pseudo-random index in [1, n] from row i and a salt: arithmetic only, so every run gives the same. Each salt has its
 * own multiplier: with one multiplier and the salt only added, the draws of a row moved together (193 first words
 * where 9,216 were meant, so blocks of thousands of names).
 */
const draw = (i: string, salt: number, n: number) =>
  `(((${i} * ${2654435761 + salt * 2 * 40503} + ${REGISTER_BENCH_SEED + salt * 7919}) % 4294967296) // 65536 % ${n} + 1)`;
// Made-up first words from syllables (16 × 6 × 12 × 8 = 9,216 words), so blocks are of a register's sizes, not 76 words'.
const ONSETS = ["B", "BR", "C", "CR", "D", "F", "G", "GR", "H", "K", "L", "M", "N", "P", "S", "T"];
const VOWELS = ["A", "E", "I", "O", "U", "AI"];
const CODAS = ["L", "LL", "M", "N", "ND", "NT", "R", "RN", "S", "ST", "T", "X"];
const ENDINGS = ["A", "ER", "ON", "EX", "IA", "ICO", "US", "Y"];
const coined = (i: string) => `${list(ONSETS)}[${draw(i, 6, ONSETS.length)}] || ${list(VOWELS)}[${draw(i, 7, VOWELS.length)}]
  || ${list(CODAS)}[${draw(i, 8, CODAS.length)}] || ${list(ENDINGS)}[${draw(i, 9, ENDINGS.length)}]`;
/** The made-up name of register row i (1-based): a coined word, a word, a trade and a number, LIMITED. */
const nameOf = (i: string) => `${coined(i)} || ' ' || ${list(WORDS)}[${draw(i, 2, WORDS.length)}] || ' '
  || ${list(TRADES)}[${draw(i, 3, TRADES.length)}] || ' ' || (${i} % 997)::VARCHAR`;

export async function generateRegisterBench(folder: string, companies: number, suppliers: number): Promise<{ register: string; spend: string }> {
  mkdirSync(join(folder, "bench-council", "spend"), { recursive: true });
  const register = join(folder, `BasicCompanyDataAsOneFile-2025-11-01.csv`);
  const spend = join(folder, "bench-council", "spend", "2025-04.csv");
  writeFileSync(join(folder, "bench-council", "institution.json"), JSON.stringify({ id: "BENCHCC", name: "Bench council (generated)", kind: "council" }));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE postcodes AS SELECT row_number() OVER (ORDER BY postcode)::INTEGER AS n, postcode
                          FROM read_csv('${POSTCODES}', header = true)`);
    const rows = Number((await connection.runAndReadAll("SELECT count(*) FROM postcodes")).getRows()[0]![0]);
    if (rows !== 55_618) throw new Error(`expected the shipped reference's 55,618 postcodes, read ${rows}`);
    const headings = COMPANIES_HEADER.split(",");
    const value: Record<string, string> = {
      CompanyName: `${nameOf("i")} || ' LIMITED'`,
      CompanyNumber: "lpad(i::VARCHAR, 8, '0')",
      "RegAddress.PostCode": "p.postcode",
      CompanyCategory: "'Private Limited Company'",
      CompanyStatus: "'Active'",
      CountryOfOrigin: "'United Kingdom'",
      "Accounts.AccountCategory": `['MICRO ENTITY', 'SMALL', 'FULL', 'TOTAL EXEMPTION FULL', 'DORMANT'][${draw("i", 5, 5)}]`,
      "SICCode.SicText_1": "'82990 - Other business support service activities n.e.c.'",
    };
    const columns = headings.map((heading) => `${value[heading.trim()] ?? "''"} AS "${heading.replace(/"/g, '""')}"`).join(", ");
    const postcodeOf = `CASE WHEN ${draw("i", 10, 5)} = 1 THEN ${draw("i", 11, 20)} ELSE ${draw("i", 4, 55_618)} END`;
    await connection.run(`COPY (SELECT ${columns} FROM (SELECT i, ${postcodeOf} AS postcode_n FROM range(1, ${companies + 1}) t(i)) t
      JOIN postcodes p ON p.n = t.postcode_n ORDER BY i) TO '${register}' (FORMAT csv, HEADER, FORCE_QUOTE *)`);
    // Suppliers: 40% a register name as written, 30% the same without LIMITED, 15% with a letter dropped, 15% in no register.
    await connection.run(`COPY (
      SELECT '01/04/2025' AS "Payment Date",
             CASE WHEN k < 40 THEN ${nameOf("r")} || ' LIMITED' WHEN k < 70 THEN ${nameOf("r")}
                  WHEN k < 85 THEN regexp_replace(${nameOf("r")}, '([A-Z])[A-Z]', '\\1') || ' LTD'
                  ELSE 'UNLISTED ' || ${nameOf("r")} || ' ' || s::VARCHAR END AS "Supplier Name",
             (100 + s % 900)::VARCHAR || '.00' AS "Amount"
      FROM (SELECT s, s % 100 AS k, 1 + (s * 7 + 3) % ${companies} AS r FROM range(0, ${suppliers}) t(s)))
      TO '${spend}' (FORMAT csv, HEADER)`);
  } finally {
    // Closed, so the benchmark process does not carry the generator's memory into the children it spawns.
    connection.closeSync();
    instance.closeSync();
  }
  return { register, spend: join(folder, "bench-council") };
}
