/**
 * Generates test/fixtures/match-sample/: a labelled sample for measuring supplier matching (issue 15). The supplier
 * names are REAL, taken from the real published spend files in /work/shared/reference/spend/ (OGL; PROVENANCE.md
 * there), stratified: companies, charities, public bodies (NHS, councils, government), redacted payees, names with no
 * legal form, and near-duplicates (two real companies sharing a first word). The register rows are MADE UP for the
 * names: for each name the true entry or none (drawn from MATCH_SEED, in the published Companies House and Charity
 * Commission layouts), written in a form a register might hold it in (LIMITED added, another form word, a letter
 * more or less, an extra UK), beside confusable decoys (X SERVICES LIMITED, X HOLDINGS LIMITED, a charity's X
 * TRADING LIMITED, a dissolved twin of the same name, a company one letter off, companies sharing the first word)
 * and filler companies sharing sampled first words. labels.csv says which entry each name truly is (or none): true by
 * construction. Persons' names published by the files are not copied: the individuals stratum is the files' own
 * redaction markers and person-shaped names made up here (SURNAME, I). Run: npx tsx scripts/generate-match-sample.ts
 */
import Papa from "papaparse";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SPEND_FIELDS, matchHeader } from "../loaders/schema/column-synonyms.js";
import { isRedactedPayee, supplierNameKey } from "../loaders/schema/normalise-supplier-name.js";
import { charity, charityTsv, companiesCsv, company, type Row } from "./register-layouts.js";
import { pick, seededRandom } from "./seeded-random.js";

const MATCH_SEED = 20251202;
const SPEND = "/work/shared/reference/spend";
const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "match-sample");
const random = seededRandom(MATCH_SEED);
const chance = (p: number) => random() < p;

/** Every distinct supplier name (by key) of the real CSV files, in a fixed order. */
function realNames(): string[] {
  const files = [
    ...readdirSync(SPEND).filter((name) => name.endsWith(".csv")).map((name) => join(SPEND, name)),
    ...readdirSync(join(SPEND, "nhs-raw")).flatMap((body) => readdirSync(join(SPEND, "nhs-raw", body)).filter((name) => name.endsWith(".csv")).map((name) => join(SPEND, "nhs-raw", body, name))),
  ].sort();
  const byKey = new Map<string, string>();
  for (const file of files) {
    const rows = Papa.parse<string[]>(readFileSync(file, "latin1"), { skipEmptyLines: true }).data;
    const headerIndex = rows.slice(0, 15).findIndex((row) => matchHeader(row, SPEND_FIELDS).missing.length === 0);
    if (headerIndex < 0) continue;
    const column = matchHeader(rows[headerIndex]!, SPEND_FIELDS).columns.supplier!;
    for (const row of rows.slice(headerIndex + 1)) {
      const name = (row[column] ?? "").trim().replace(/\s+/g, " ");
      const key = supplierNameKey(name);
      if (key.length > 1 && !/^\d+$/.test(key) && !byKey.has(key)) byKey.set(key, name);
    }
  }
  return [...byKey.values()].sort();
}

type Stratum = "company" | "charity" | "public" | "individual" | "no-form" | "near-duplicate";
const PUBLIC = /\b(NHS|CCG|COUNCIL|BOROUGH|HMRC|REVENUE|POLICE|CLINICAL COMMISSIONING|DEPARTMENT|MINISTRY|AUTHORITY|UNIVERSITY HOSPITALS?)\b/;
const CHARITY = /\b(CHARITY|TRUST|FOUNDATION|ASSOCIATION|SOCIETY|HOSPICE|CHARITABLE|VOLUNTARY|CIC)\b/;
const FORM = /\b(LTD|PLC|LLP)$/;
const PERSON = /^[A-Z'-]+ [A-Z]( [A-Z])?$/;

function stratumOf(name: string, key: string): Stratum | null {
  if (isRedactedPayee(name)) return "individual";
  if (PERSON.test(key) || /^(MR|MRS|MS|MISS|DR) /.test(key)) return null; // a person's name: never copied
  if (PUBLIC.test(key)) return "public";
  if (CHARITY.test(key)) return "charity";
  if (FORM.test(key)) return "company";
  return "no-form";
}

function sample<T>(items: T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

const POSTCODES = ["E1 0JL", "E1 8DE", "E10 7FG", "MK10 9QD", "RM3 7DU"];
const TRADES = ["CLEANING", "LOGISTICS", "CONSULTING", "PRINTING", "GARDENS", "CARE", "SUPPLIES", "TECHNOLOGY", "BUILDING", "MEDICAL", "TRAINING", "PROPERTY"];
const ACCOUNTS = ["MICRO ENTITY", "SMALL", "TOTAL EXEMPTION FULL", "FULL", "GROUP", "DORMANT"];
const SURNAMES = ["ABLEWHITE", "BRINDLECOMBE", "CASTLEMAINE", "DUNWORTHY", "EVERSHOLT", "FARNABY", "GILLINGHAM", "HOLLOWAYNE", "INGLEBY", "JESSAMY"];

let companyNumber = 20_000_000;
let charityNumber = 1_150_000;
const companies: Row[] = [];
const charities: Row[] = [];
const labels: { supplier: string; stratum: Stratum; register: string; register_id: string }[] = [];

function addCompany(name: string, status = "Active", category = "Private Limited Company"): string {
  const number = String(++companyNumber).padStart(8, "0");
  companies.push(company(name, number, pick(random, POSTCODES), category, status, pick(random, ACCOUNTS)));
  return number;
}
function addCharity(name: string, companyOf = ""): string {
  const number = String(++charityNumber);
  charities.push(charity(number, "0", name, "Registered", pick(random, POSTCODES), companyOf, String(Math.floor(random() * 1e6))));
  return number;
}

/** The name without its trailing legal form: what variants and decoys are built on. */
const baseOf = (key: string) => key.replace(FORM, "").trim();
/** One letter more or less in the longest word (a spelling a file or the register might have). */
function typo(base: string): string {
  const words = base.split(" ");
  const longest = words.reduce((best, word, i) => (word.length > words[best]!.length ? i : best), 0);
  const word = words[longest]!;
  if (word.length < 6) return base;
  const at = 1 + Math.floor(random() * (word.length - 2));
  words[longest] = chance(0.5) ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at] + word.slice(at);
  return words.join(" ");
}
function trueCompanyName(base: string): string {
  const r = random();
  if (r < 0.45) return `${base} LIMITED`;
  if (r < 0.65) return `${base} ${pick(random, ["PLC", "LTD.", "LLP"])}`;
  if (r < 0.85) return `${typo(base)} LIMITED`;
  return `${base} (UK) LIMITED`;
}
function companyDecoys(base: string, trueName: string | null): void {
  const first = base.split(" ")[0]!;
  if (chance(0.6)) addCompany(base.endsWith(" SERVICES") ? `${base.slice(0, -9)} LIMITED` : `${base} SERVICES LIMITED`);
  if (chance(0.4)) addCompany(`${base} HOLDINGS LIMITED`);
  if (trueName && chance(0.3)) addCompany(trueName, "Dissolved");
  if (chance(0.15)) { const near = typo(base); if (near !== base) addCompany(`${near} ${pick(random, ["LIMITED", "LTD"])}`); }
  addCompany(`${first} ${pick(random, TRADES)} ${pick(random, TRADES)} LIMITED`);
}

const names = realNames();
const byStratum = new Map<Stratum, { name: string; key: string }[]>();
for (const name of names) {
  const key = supplierNameKey(name);
  const stratum = stratumOf(name, key);
  if (stratum) byStratum.set(stratum, [...(byStratum.get(stratum) ?? []), { name, key }]);
}
// Near-duplicates: two real companies of the files whose names share a first word.
const firstWords = new Map<string, { name: string; key: string }[]>();
for (const entry of byStratum.get("company") ?? []) firstWords.set(entry.key.split(" ")[0]!, [...(firstWords.get(entry.key.split(" ")[0]!) ?? []), entry]);
const pairs = sample([...firstWords.values()].filter((group) => group.length >= 2 && group[0]!.key.split(" ")[0]!.length > 2), 20).map((group) => sample(group, 2));
const inPairs = new Set(pairs.flat().map((entry) => entry.key));

const chosen: [Stratum, { name: string; key: string }][] = [
  ...sample((byStratum.get("company") ?? []).filter((entry) => !inPairs.has(entry.key)), 110).map((entry): [Stratum, typeof entry] => ["company", entry]),
  ...sample(byStratum.get("charity") ?? [], 50).map((entry): [Stratum, typeof entry] => ["charity", entry]),
  ...sample(byStratum.get("public") ?? [], 35).map((entry): [Stratum, typeof entry] => ["public", entry]),
  ...sample(byStratum.get("individual") ?? [], 10).map((entry): [Stratum, typeof entry] => ["individual", entry]),
  ...sample(byStratum.get("no-form") ?? [], 60).map((entry): [Stratum, typeof entry] => ["no-form", entry]),
  ...pairs.flat().map((entry): [Stratum, typeof entry] => ["near-duplicate", entry]),
];
// Person-shaped names, made up (a surname and an initial, as files publish sole traders).
for (const surname of SURNAMES) chosen.push(["individual", { name: `${surname}, ${pick(random, ["A", "J", "M", "R"])}`, key: "" }]);

for (const [stratum, { name, key: givenKey }] of chosen) {
  const key = givenKey || supplierNameKey(name);
  const base = baseOf(key);
  let register = "";
  let id = "";
  if (stratum === "company" || stratum === "near-duplicate" || (stratum === "no-form" && chance(0.5))) {
    const truth = stratum === "no-form" || chance(0.8) ? trueCompanyName(base) : null;
    if (truth) { register = "companies-house"; id = addCompany(truth); }
    companyDecoys(base, truth);
  } else if (stratum === "no-form") {
    companyDecoys(base, null);
  } else if (stratum === "charity") {
    const first = base.split(" ")[0]!;
    if (chance(0.8)) {
      const asCompany = chance(0.3) ? addCompany(`${base} LIMITED`, "Active", "PRI/LBG/NSC (Private, Limited by guarantee, no share capital, use of 'Limited' exemption)") : "";
      register = "charity-commission";
      id = addCharity(chance(0.2) ? `THE ${base}` : base, asCompany);
    }
    if (chance(0.5)) addCompany(`${base} TRADING LIMITED`);
    addCharity(`${first} ${pick(random, TRADES)} ${pick(random, ["TRUST", "FOUNDATION", "FRIENDS"])}`);
  } else if (stratum === "public") {
    addCompany(`${base.split(" ")[0]} ${pick(random, TRADES)} LIMITED`);
    if (chance(0.3)) addCompany(`${base} TRADING LIMITED`);
  } else if (!isRedactedPayee(name)) {
    if (chance(0.5)) addCompany(`${key} LIMITED`);
    if (chance(0.3)) addCompany(`${key.split(" ").reverse().join(" ")} LIMITED`);
  }
  labels.push({ supplier: name, stratum, register, register_id: id });
}
// Filler: made-up companies sharing the sampled names' first words, so each block holds strangers too.
const sampledFirst = [...new Set(chosen.map(([, entry]) => (entry.key || supplierNameKey(entry.name)).split(" ")[0]!))].sort();
for (let i = 0; i < 3000; i++) addCompany(`${pick(random, sampledFirst)} ${pick(random, TRADES)} ${pick(random, ["SOLUTIONS", "PARTNERS", "UK", "GROUP", "NORTH", "SOUTH"])} LIMITED`);

mkdirSync(join(OUT, "charity-2025-11-01"), { recursive: true });
mkdirSync(join(OUT, "council", "spend"), { recursive: true });
writeFileSync(join(OUT, "BasicCompanyDataAsOneFile-2025-11-01.csv"), companiesCsv(companies));
writeFileSync(join(OUT, "charity-2025-11-01", "publicextract.charity.txt"), charityTsv(charities));
writeFileSync(join(OUT, "labels.csv"), Papa.unparse(labels, { newline: "\n" }) + "\n");
writeFileSync(join(OUT, "council", "institution.json"), JSON.stringify({
  id: "MATCHSAMPLE", name: "Labelled matching sample (real supplier names, made-up registers)", kind: "council",
  note: "Made up for test/integration/match-precision.test.ts: one line per sampled real supplier name (test/fixtures/match-sample/README.md).",
}, null, 2) + "\n");
writeFileSync(join(OUT, "council", "spend", "sample-2025-04.csv"), Papa.unparse({
  fields: ["Payment Date", "Supplier Name", "Amount"],
  data: labels.map((label, i) => ["2025-04-01", label.supplier, `${100 + i}.00`]),
}, { newline: "\n" }) + "\n");
console.log(`${labels.length} names (${labels.filter((l) => l.register).length} with a true entry), ${companies.length} companies, ${charities.length} charities, from ${names.length} distinct real names`);
