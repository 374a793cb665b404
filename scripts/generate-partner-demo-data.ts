/**
 * Generates the partners demo (seeded, so every run writes the same bytes): two more synthetic bodies beside the
 * demo trust, of other kinds, and one definition of local they all share, so that the Partners page compares them.
 *   data/partners-demo/definitions/partnership-icb-footprint.json  shared (outside any institution's folder)
 *   data/partners-demo/council/   Demo London Borough Council: "spend over £500", April 2023 – March 2025
 *   data/partners-demo/hospitals/ Demo Bedfordshire Hospitals NHS Trust: "expenditure over £25,000", same months
 * Each has an institution.json (isDemo: true), its own definition of local, a supplier register of fictional
 * suppliers with real postcodes from the shipped reference (data/demo/reference), and monthly spend files in which
 * local suppliers' share grows slowly, so that the change on last year shows. Supplier names never repeat a name of
 * another register (so loading one body never moves another's figures). Run: npx tsx scripts/generate-partner-demo-data.ts
 */
import Papa from "papaparse";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { projectRoot } from "../src/core/config.js";
import { supplierNameKey } from "../loaders/schema/normalise-supplier-name.js";
import { pick, seededRandom } from "./seeded-random.js";

export const PARTNERS_SEED = 20230401;
const root = join(projectRoot, "data", "partners-demo");
const reference = join(projectRoot, "data", "demo", "reference");

interface Body {
  folder: string;
  institution: { id: string; name: string; kind: string };
  publisher: string;
  definition: { id: string; name: string; description: string; codes: string[] };
  local: string[];
  nearby: string[];
  places: string[];
  trades: { trade: string; expense: string }[];
  areas: string[];
  /** Pence of the smallest and the largest line, and lines per month. */
  pence: [number, number];
  lines: number;
  layout: "council" | "treasury";
}

const BODIES: Body[] = [
  {
    folder: "council",
    institution: { id: "DEMO-LBC", name: "Demo London Borough Council", kind: "council" },
    publisher: "Demo London Borough Council",
    definition: { id: "our-borough-and-neighbours", name: "Our borough and its neighbours", description: "A supplier is local when its registered postcode lies in Tower Hamlets, Hackney or Newham.", codes: ["E09000030", "E09000012", "E09000025"] },
    local: ["E09000030", "E09000012", "E09000025"],
    nearby: ["E09000002", "E09000026", "E09000031"],
    places: ["Spitalfields", "Mile End", "Wapping", "Bethnal Green", "Whitechapel", "Forest Gate", "Plaistow", "Clapton", "Homerton", "Stepney"],
    trades: [
      { trade: "Highways", expense: "Highways maintenance" }, { trade: "Waste Services", expense: "Waste collection" },
      { trade: "Youth Services", expense: "Youth and community services" }, { trade: "Home Care", expense: "Adult social care" },
      { trade: "Parks", expense: "Grounds maintenance" }, { trade: "Housing Repairs", expense: "Housing repairs" },
      { trade: "Consultancy", expense: "Professional services" }, { trade: "Catering Co", expense: "School meals" },
    ],
    areas: ["Adults' Services", "Children's Services", "Place", "Resources", "Housing"],
    pence: [50_000, 8_000_000],
    lines: 230,
    layout: "council",
  },
  {
    folder: "hospitals",
    institution: { id: "DEMO-BHT", name: "Demo Bedfordshire Hospitals NHS Trust", kind: "nhs-trust" },
    publisher: "Demo Bedfordshire Hospitals NHS Trust",
    definition: { id: "bedford-luton-central-beds", name: "Bedford, Luton and Central Bedfordshire", description: "A supplier is local when its registered postcode lies in Bedford, Central Bedfordshire or Luton.", codes: ["E06000055", "E06000056", "E06000032"] },
    local: ["E06000055", "E06000056", "E06000032"],
    nearby: ["E06000042"],
    places: ["Biggleswade", "Leighton Buzzard", "Flitwick", "Sandy", "Houghton Regis", "Cranfield", "Bletchley", "Olney", "Wixams", "Shefford"],
    trades: [
      { trade: "Surgical Supplies", expense: "Clinical supplies and services" }, { trade: "Facilities", expense: "Premises maintenance" },
      { trade: "Patient Transport", expense: "Patient transport" }, { trade: "Diagnostics", expense: "Diagnostic services" },
      { trade: "Locum Services", expense: "Agency staff" }, { trade: "Digital", expense: "IT and computer software" },
      { trade: "Linen", expense: "Laundry services" }, { trade: "Food Services", expense: "Provisions" },
    ],
    areas: ["Surgery", "Medicine", "Women's and Children's", "Estates", "Corporate"],
    pence: [2_500_000, 45_000_000],
    lines: 120,
    layout: "treasury",
  },
];

const SHARED_DEFINITION = {
  id: "partnership-icb-footprint",
  version: 1,
  name: "The partnership's two integrated care boards (shared)",
  description: "Shared by every partner: a supplier is local when its registered postcode lies in NHS North East London ICB or NHS Bedfordshire, Luton and Milton Keynes ICB (April 2023 ICBs).",
  basis: "registered",
  kind: "icb",
  codes: ["E54000029", "E54000024"],
};

const NATIONAL_PLACES = ["Bloomsbury", "Covent Garden", "Aldwych", "Fitzrovia", "Clerkenwell"];
const FORMS = ["Ltd", "Limited", "LLP", "CIC", "Trust", "PLC"];

async function readGzipCsv(file: string): Promise<Record<string, string>[]> {
  return Papa.parse<Record<string, string>>(gunzipSync(await readFile(join(reference, file))).toString("utf-8"), { header: true, skipEmptyLines: true }).data;
}

interface Supplier { name: string; postcode: string; sme: boolean; vcse: boolean; expense: string; weight: number; local: boolean }

function makeSuppliers(body: Body, random: () => number, postcodes: { postcode: string; lad: string }[], national: string[], taken: Set<string>): Supplier[] {
  const suppliers: Supplier[] = [];
  const groups = [
    { lads: body.local, count: 34, national: false, local: true },
    { lads: body.nearby, count: 14, national: false, local: false },
    { lads: null, count: 20, national: true, local: false },
  ];
  for (const group of groups) {
    const rows = group.lads ? postcodes.filter((row) => group.lads!.includes(row.lad)) : national.map((postcode) => ({ postcode, lad: "" }));
    for (let i = 0; i < group.count; i++) {
      const { trade, expense } = pick(random, body.trades);
      const form = group.national ? pick(random, ["PLC", "Limited"]) : pick(random, FORMS);
      const name = `${pick(random, group.national ? NATIONAL_PLACES : body.places)} ${trade} ${form}`;
      if (taken.has(supplierNameKey(name))) continue;
      taken.add(supplierNameKey(name));
      suppliers.push({
        name, postcode: pick(random, rows).postcode, expense, local: group.local,
        vcse: form === "CIC" || form === "Trust", sme: !group.national && random() < 0.75,
        weight: Math.pow(random(), 3) * (group.national ? 3 : 1),
      });
    }
  }
  return suppliers;
}

function spendFiles(body: Body, random: () => number, suppliers: Supplier[]): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  let transaction = body.layout === "council" ? 4_200_000 : 9_300_000;
  for (let offset = 0; offset < 24; offset++) {
    const month = new Date(Date.UTC(2023, 3 + offset, 1));
    const year = month.getUTCFullYear();
    const monthNumber = String(month.getUTCMonth() + 1).padStart(2, "0");
    const days = new Date(Date.UTC(year, month.getUTCMonth() + 1, 0)).getUTCDate();
    // Local suppliers win a little more work each month: about a quarter more weight after two years.
    const weightOf = (s: Supplier) => s.weight * (s.local ? 1 + offset / 96 : 1);
    const total = suppliers.reduce((sum, s) => sum + weightOf(s), 0);
    const rows: string[][] = [];
    const lines = body.lines + Math.floor(random() * 40);
    for (let i = 0; i < lines; i++) {
      let r = random() * total;
      const supplier = suppliers.find((s) => (r -= weightOf(s)) <= 0) ?? suppliers[0]!;
      const pence = body.pence[0] + Math.floor(Math.pow(random(), 4) * (body.pence[1] - body.pence[0]));
      const date = `${String(1 + Math.floor(random() * days)).padStart(2, "0")}/${monthNumber}/${year}`;
      const amount = (pence / 100).toFixed(2);
      rows.push(body.layout === "council"
        ? [body.publisher, date, pick(random, body.areas), supplier.expense, supplier.name, String(transaction++), amount]
        : ["Department of Health", body.publisher, date, supplier.expense, pick(random, body.areas), supplier.name, String(transaction++), amount]);
    }
    const header = body.layout === "council"
      ? ["Body Name", "Payment Date", "Service Area", "Expenditure Category", "Supplier Name", "Transaction Number", "Amount"]
      : ["Department Family", "Entity", "Date", "Expense Type", "Expense Area", "Supplier", "Transaction Number", "Amount"];
    const label = month.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
    const title = `${body.publisher} - ${body.layout === "council" ? "Spend over £500" : "Expenditure over £25,000"} - ${label} (SYNTHETIC DEMO DATA)`;
    files.push({ file: `${body.folder}-${year}-${monthNumber}.csv`, text: `${Papa.unparse([[title], [], header, ...rows], { newline: "\r\n" })}\r\n` });
  }
  return files;
}

const postcodes = (await readGzipCsv("postcodes-nel-blmk-codepoint2025.csv.gz")).map((row) => ({ postcode: row.postcode!, lad: row.lad_cd! }));
// National suppliers: live central London (WC) postcodes of the shipped NSPL extract, outside both ICBs.
const national = (await readGzipCsv("nspl-nov2021-wc.csv.gz")).filter((row) => (row.doterm ?? "") === "" && row.pcds!.startsWith("WC")).map((row) => row.pcds!);
const demoRegister = Papa.parse<Record<string, string>>(await readFile(join(projectRoot, "data", "demo", "suppliers.csv"), "utf-8"), { header: true, skipEmptyLines: true }).data;
const taken = new Set(demoRegister.map((row) => supplierNameKey(row["Supplier Name"]!)));
const random = seededRandom(PARTNERS_SEED);
await rm(root, { recursive: true, force: true });
await mkdir(join(root, "definitions"), { recursive: true });
await writeFile(join(root, "definitions", `${SHARED_DEFINITION.id}.json`), `${JSON.stringify(SHARED_DEFINITION, null, 2)}\n`);
for (const body of BODIES) {
  const folder = join(root, body.folder);
  await mkdir(join(folder, "spend"), { recursive: true });
  await mkdir(join(folder, "definitions"), { recursive: true });
  const note = `Synthetic demonstration data: generated by scripts/generate-partner-demo-data.ts (seed ${PARTNERS_SEED}). Supplier names are fictional; their postcodes are real postcodes from the shipped reference.`;
  await writeFile(join(folder, "institution.json"), `${JSON.stringify({ ...body.institution, odsCode: null, isDemo: true, note }, null, 2)}\n`);
  await writeFile(join(folder, "definitions", `${body.definition.id}.json`), `${JSON.stringify({ ...body.definition, version: 1, basis: "registered", headline: true, kind: "local-authorities" }, null, 2)}\n`);
  const suppliers = makeSuppliers(body, random, postcodes, national, taken);
  await writeFile(join(folder, "suppliers.csv"), `${Papa.unparse([["Supplier Name", "Postcode", "SME", "VCSE"], ...suppliers.map((s) => [s.name, s.postcode, s.sme ? "Y" : "N", s.vcse ? "Y" : "N"])])}\n`);
  for (const { file, text } of spendFiles(body, random, suppliers)) await writeFile(join(folder, "spend", file), text);
  console.error(`${body.institution.name}: ${suppliers.length} suppliers, 24 monthly spend files`);
}
