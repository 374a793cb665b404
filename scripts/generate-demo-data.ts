/**
 * Generates the demo's synthetic inputs (seeded, so every run writes the same bytes):
 *   data/demo/suppliers.csv            a supplier register of fictional suppliers with real postcodes
 *   data/demo/spend/demo-YYYY-MM.csv   twelve monthly "expenditure over £25,000" files, April 2024 – March 2025,
 *                                       in the HM Treasury layout NHS trusts publish, with a title line above the header
 * Postcodes are drawn from the shipped reference (data/demo/reference), never invented, except two
 * well-formed postcodes outside it that show "not in the loaded directory". Run: npx tsx scripts/generate-demo-data.ts
 */
import Papa from "papaparse";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { projectRoot } from "../src/core/config.js";
import { supplierNameKey } from "../loaders/schema/normalise-supplier-name.js";
import { pick, seededRandom } from "./seeded-random.js";

export const DEMO_SEED = 20240401;
const demo = join(projectRoot, "data", "demo");
const random = seededRandom(DEMO_SEED);

const OWN_AUTHORITIES = ["E09000001", "E09000012", "E09000025", "E09000030", "E06000055", "E06000056", "E06000032"];
const OTHER_ICB_AUTHORITIES = ["E09000002", "E09000016", "E09000026", "E09000031", "E06000042"];

const PLACES = ["Bow", "Shadwell", "Stratford", "Dalston", "Poplar", "Limehouse", "Bedford", "Luton", "Ampthill", "Leyton", "Ilford", "Barking", "Holborn", "Romford", "Kempston", "Dunstable", "Hoxton", "Canning Town"];
const TRADES = [
  { trade: "Catering", expense: "Provisions" }, { trade: "Cleaning Services", expense: "Cleaning and domestic services" },
  { trade: "Building Maintenance", expense: "Premises maintenance" }, { trade: "Medical Supplies", expense: "Clinical supplies and services" },
  { trade: "Staffing Solutions", expense: "Agency staff" }, { trade: "IT Services", expense: "IT and computer software" },
  { trade: "Community Transport", expense: "Patient transport" }, { trade: "Laundry", expense: "Laundry services" },
  { trade: "Print and Design", expense: "Printing and stationery" }, { trade: "Security", expense: "Security services" },
  { trade: "Mental Health Support", expense: "Purchase of healthcare from non-NHS bodies" }, { trade: "Energy", expense: "Utilities" },
];
const FORMS = ["Ltd", "Limited", "LLP", "CIC", "Trust", "PLC"];
const EXPENSE_AREAS = ["Community Health Services", "Mental Health Inpatients", "Estates and Facilities", "Corporate Services", "Bedfordshire Community Services", "Pharmacy"];

interface PostcodeRow { postcode: string; lad: string; live: boolean }

async function readGzipCsv(file: string): Promise<Record<string, string>[]> {
  const text = gunzipSync(await readFile(join(demo, "reference", file))).toString("utf-8");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

async function referencePostcodes(): Promise<PostcodeRow[]> {
  const codepoint = (await readGzipCsv("postcodes-nel-blmk-codepoint2025.csv.gz"))
    .map((row) => ({ postcode: row.postcode!, lad: row.lad_cd!, live: true }));
  const nspl = (await readGzipCsv("nspl-nov2021-wc.csv.gz"))
    .map((row) => ({ postcode: row.pcds!, lad: row.laua!, live: (row.doterm ?? "") === "" }));
  return [...codepoint, ...nspl];
}

interface DemoSupplier { name: string; postcode: string; sme: boolean; vcse: boolean; expense: string; weight: number }

function makeSuppliers(postcodes: PostcodeRow[]): DemoSupplier[] {
  const byGroup = (test: (row: PostcodeRow) => boolean) => postcodes.filter(test);
  const groups = [
    { rows: byGroup((row) => OWN_AUTHORITIES.includes(row.lad)), count: 55 },
    { rows: byGroup((row) => OTHER_ICB_AUTHORITIES.includes(row.lad)), count: 25 },
    { rows: byGroup((row) => row.postcode.startsWith("WC") && row.live), count: 25 },
  ];
  const names = new Set<string>();
  const suppliers: DemoSupplier[] = [];
  const add = (postcode: string, national: boolean) => {
    const { trade, expense } = pick(random, TRADES);
    const form = national ? pick(random, ["PLC", "Limited", "Ltd"]) : pick(random, FORMS);
    const name = `${pick(random, PLACES)} ${trade} ${form}`;
    // One register row per supplier: names that match once normalised ("Ltd"/"Limited") are one supplier.
    if (names.has(supplierNameKey(name))) return;
    names.add(supplierNameKey(name));
    const vcse = form === "CIC" || form === "Trust" || random() < 0.05;
    suppliers.push({
      name, postcode, expense, vcse,
      sme: !national && random() < 0.7,
      // A long tail: a few suppliers take most of the spend, as in real £25k files.
      weight: Math.pow(random(), 3) * (national ? 3 : 1),
    });
  };
  for (const group of groups) {
    for (let i = 0; i < group.count; i++) add(pick(random, group.rows).postcode, group === groups[2]);
  }
  // Terminated postcodes: still located, by their last known position.
  for (const row of postcodes.filter((r) => !r.live).slice(0, 2)) add(row.postcode, true);
  // No postcode in the register, and well-formed postcodes outside the shipped directory: unlocated.
  for (const postcode of ["", "", "", "M1 1AE", "LS1 4DY"]) add(postcode, true);
  return suppliers;
}

function poundsText(pence: number): string {
  return (pence / 100).toFixed(2);
}

function monthFiles(suppliers: DemoSupplier[]): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  const totalWeight = suppliers.reduce((sum, s) => sum + s.weight, 0);
  let transaction = 7_100_000;
  for (let offset = 0; offset < 12; offset++) {
    const month = new Date(Date.UTC(2024, 3 + offset, 1));
    const year = month.getUTCFullYear();
    const monthNumber = month.getUTCMonth() + 1;
    const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    const label = month.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
    const rows: string[][] = [];
    const lines = 140 + Math.floor(random() * 60);
    for (let i = 0; i < lines; i++) {
      let r = random() * totalWeight;
      const supplier = suppliers.find((s) => (r -= s.weight) <= 0) ?? suppliers[0]!;
      const pence = 2_500_000 + Math.floor(Math.pow(random(), 4) * 60_000_000);
      const day = 1 + Math.floor(random() * days);
      const date = `${String(day).padStart(2, "0")}/${String(monthNumber).padStart(2, "0")}/${year}`;
      rows.push(["Department of Health", "Demo NHS Foundation Trust", date, supplier.expense, pick(random, EXPENSE_AREAS), supplier.name, String(transaction++), poundsText(pence)]);
    }
    // A credit note, a redacted payee (an individual), as published files carry them.
    const credited = rows[Math.floor(random() * rows.length)]!;
    rows.push([...credited.slice(0, 6), String(transaction++), `-${credited[7]}`]);
    rows.push(["Department of Health", "Demo NHS Foundation Trust", `15/${String(monthNumber).padStart(2, "0")}/${year}`, "Purchase of healthcare from non-NHS bodies", "Mental Health Inpatients", "REDACTED - personal data", String(transaction++), poundsText(2_600_000 + Math.floor(random() * 900_000))]);
    // One month carries a row its publisher left unfinished: the loader must quarantine it, not drop it.
    if (offset === 6) rows.push(["Department of Health", "Demo NHS Foundation Trust", `20/10/2024`, "Agency staff", "Corporate Services", suppliers[1]!.name, String(transaction++), "TBC"]);
    const header = ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier", "Transaction Number", "Amount"];
    const title = [`Demo NHS Foundation Trust - Expenditure over £25,000 - ${label} (SYNTHETIC DEMO DATA)`];
    const text = Papa.unparse([title, [], header, ...rows], { newline: "\r\n" });
    files.push({ file: `demo-${year}-${String(monthNumber).padStart(2, "0")}.csv`, text: text + "\r\n" });
  }
  return files;
}

/**
 * Other addresses, drawn with their own seed so that the spend files do not change: a few national suppliers
 * deliver through a local site, and a few local firms trade from an address outside the area.
 */
function otherAddresses(suppliers: DemoSupplier[], postcodes: PostcodeRow[]): Map<DemoSupplier, { trading: string; delivery: string }> {
  const random = seededRandom(DEMO_SEED + 1);
  const local = postcodes.filter((row) => OWN_AUTHORITIES.includes(row.lad));
  const elsewhere = postcodes.filter((row) => OTHER_ICB_AUTHORITIES.includes(row.lad));
  const addresses = new Map<DemoSupplier, { trading: string; delivery: string }>();
  for (const supplier of suppliers) {
    const national = !supplier.sme && !supplier.vcse;
    if (national && random() < 0.3) addresses.set(supplier, { trading: "", delivery: `${pick(random, local).postcode}; ${pick(random, local).postcode}` });
    else if (!national && random() < 0.1) addresses.set(supplier, { trading: pick(random, elsewhere).postcode, delivery: "" });
  }
  return addresses;
}

const postcodes = await referencePostcodes();
const suppliers = makeSuppliers(postcodes);
const addresses = otherAddresses(suppliers, postcodes);
const register = Papa.unparse([
  ["Supplier Name", "Postcode", "Trading Postcode", "Delivery Postcodes", "SME", "VCSE"],
  ...suppliers.map((s) => [s.name, s.postcode, addresses.get(s)?.trading ?? "", addresses.get(s)?.delivery ?? "", s.sme ? "Y" : "N", s.vcse ? "Y" : "N"]),
]);
await writeFile(join(demo, "suppliers.csv"), register + "\n");
await mkdir(join(demo, "spend"), { recursive: true });
for (const { file, text } of monthFiles(suppliers)) await writeFile(join(demo, "spend", file), text);
console.error(`demo data written: ${suppliers.length} suppliers, 12 monthly spend files (seed ${DEMO_SEED})`);
