/**
 * Generates the demo's synthetic social value inputs (seeded: every run writes the same bytes) into
 * data/demo/social-value/, from the hand-written framework (priorities.json) and question bank beside them:
 *   contracts.csv    ten contracts of the demo trust, suppliers drawn by name from data/demo/suppliers.csv
 *   returns.csv      quarterly supplier returns for 2024/25; delivery postcodes are real postcodes from the
 *                    shipped reference (data/demo/reference), never invented
 *   engagement.csv   a year of market engagement, supplier briefings, service-user panels and co-design sessions
 * Some checks fire on purpose (data/demo/social-value/README.md says which). Run: npx tsx scripts/generate-social-value-demo.ts
 */
import Papa from "papaparse";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { projectRoot } from "../src/core/config.js";
import { financialQuarter } from "../src/model/reporting-periods.js";
import { pick, seededRandom } from "./seeded-random.js";

export const SOCIAL_VALUE_SEED = 20240402;
const demo = join(projectRoot, "data", "demo");
const out = join(demo, "social-value");
const random = seededRandom(SOCIAL_VALUE_SEED);

const OWN_AUTHORITIES = ["E09000001", "E09000012", "E09000025", "E09000030", "E06000055", "E06000056", "E06000032"];
const OTHER_AUTHORITIES = ["E09000002", "E09000016", "E09000026", "E09000031", "E06000042"];

function csv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

async function readCsv(path: string, gzipped = false): Promise<Record<string, string>[]> {
  const bytes = await readFile(path);
  const text = (gzipped ? gunzipSync(bytes) : bytes).toString("utf-8");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

interface Quirk { quarter: number; measure: string; kind: "no-evidence" | "far-above" | "unfinished" }
interface ContractTemplate {
  id: string; trade: string; title: string; category: string; value: number; start: string; end: string; weighting: number;
  questions: string[]; skipQuarters?: number[]; noShares?: boolean; quirks?: Quirk[];
}

/** The demo trust's contracts: the supplier is drawn from the register among those whose name holds the trade. */
const CONTRACTS: ContractTemplate[] = [
  { id: "DEMO-SV-001", trade: "Cleaning Services", title: "Domestic cleaning, community sites", category: "Facilities management", value: 2_400_000, start: "2024-04-01", end: "2027-03-31", weighting: 15, questions: ["SVQ-02", "SVQ-05", "SVQ-09"] },
  { id: "DEMO-SV-002", trade: "Laundry", title: "Linen and laundry service", category: "Facilities management", value: 1_100_000, start: "2024-04-01", end: "2026-03-31", weighting: 10, questions: ["SVQ-02", "SVQ-04", "SVQ-05"],
    quirks: [{ quarter: 4, measure: "SUP-SME", kind: "unfinished" }] },
  { id: "DEMO-SV-003", trade: "Staffing Solutions", title: "Temporary clinical and admin staffing", category: "Workforce", value: 3_200_000, start: "2024-04-01", end: "2026-09-30", weighting: 12, questions: ["SVQ-03", "SVQ-07", "SVQ-05"],
    quirks: [{ quarter: 2, measure: "SKL-APPRENTICE", kind: "no-evidence" }] },
  { id: "DEMO-SV-004", trade: "IT Services", title: "End-user IT managed service", category: "Digital", value: 1_800_000, start: "2024-04-01", end: "2027-03-31", weighting: 10, questions: ["SVQ-03", "SVQ-06"], noShares: true },
  { id: "DEMO-SV-005", trade: "Community Transport", title: "Non-emergency patient transport", category: "Patient transport", value: 900_000, start: "2024-07-01", end: "2026-06-30", weighting: 15, questions: ["SVQ-05", "SVQ-10", "SVQ-02"],
    quirks: [{ quarter: 3, measure: "WEL-VOLUNTEER", kind: "far-above" }] },
  { id: "DEMO-SV-006", trade: "Medical Supplies", title: "Wound care consumables", category: "Clinical consumables", value: 600_000, start: "2024-04-01", end: "2025-09-30", weighting: 5, questions: ["SVQ-04", "SVQ-06"] },
  { id: "DEMO-SV-007", trade: "Building Maintenance", title: "Planned and reactive estates maintenance", category: "Estates", value: 1_400_000, start: "2024-04-01", end: "2027-03-31", weighting: 10, questions: ["SVQ-02", "SVQ-03", "SVQ-05"], skipQuarters: [3] },
  { id: "DEMO-SV-008", trade: "Mental Health Support", title: "Peer support for adults leaving inpatient care", category: "Healthcare services", value: 450_000, start: "2024-04-01", end: "2026-03-31", weighting: 20, questions: ["SVQ-09", "SVQ-10", "SVQ-02"] },
  { id: "DEMO-SV-009", trade: "Energy", title: "Heat pump operation and energy services", category: "Estates", value: 750_000, start: "2024-10-01", end: "2029-09-30", weighting: 10, questions: ["SVQ-05", "SVQ-06", "SVQ-04"] },
  { id: "DEMO-SV-010", trade: "Print and Design", title: "Patient information printing", category: "Corporate services", value: 120_000, start: "2024-04-01", end: "2026-03-31", weighting: 10, questions: ["SVQ-04", "SVQ-06"],
    quirks: [{ quarter: 4, measure: "SUP-SME", kind: "no-evidence" }] },
];

const ENGAGEMENT: { date: string; kind: string; title: string; contracts: string[]; priorities: string[]; size: number }[] = [
  { date: "2024-04-18", kind: "Market engagement event", title: "Meet the buyer: facilities and estates", contracts: ["DEMO-SV-007"], priorities: ["P3"], size: 46 },
  { date: "2024-05-09", kind: "Supplier briefing", title: "Social value returns: what to report and how", contracts: [], priorities: ["P1", "P2", "P3", "P4", "P5"], size: 31 },
  { date: "2024-05-22", kind: "Service-user panel", title: "Patient transport: what matters to you", contracts: ["DEMO-SV-005"], priorities: ["P4"], size: 14 },
  { date: "2024-06-13", kind: "Co-design session", title: "Peer support pathway after discharge", contracts: ["DEMO-SV-008"], priorities: ["P4"], size: 18 },
  { date: "2024-07-04", kind: "Market engagement event", title: "Net zero estates: heat and energy", contracts: ["DEMO-SV-009"], priorities: ["P5"], size: 38 },
  { date: "2024-08-15", kind: "Supplier briefing", title: "Apprenticeship levy transfer for suppliers", contracts: ["DEMO-SV-003"], priorities: ["P2"], size: 22 },
  { date: "2024-09-19", kind: "Service-user panel", title: "Easy-read patient information", contracts: ["DEMO-SV-010"], priorities: ["P4"], size: 11 },
  { date: "2024-10-10", kind: "Market engagement event", title: "VCSE and SME supplier fair", contracts: [], priorities: ["P3"], size: 64 },
  { date: "2024-11-07", kind: "Co-design session", title: "Green travel for patients and staff", contracts: ["DEMO-SV-005"], priorities: ["P5", "P4"], size: 16 },
  { date: "2025-01-16", kind: "Supplier briefing", title: "Local recruitment: working with job centres", contracts: ["DEMO-SV-001", "DEMO-SV-007"], priorities: ["P1"], size: 27 },
  { date: "2025-02-13", kind: "Service-user panel", title: "Cleanliness on community wards", contracts: ["DEMO-SV-001"], priorities: ["P4"], size: 12 },
  { date: "2025-03-06", kind: "Co-design session", title: "Laundry service redesign", contracts: ["DEMO-SV-002"], priorities: ["P3", "P5"], size: 15 },
];

/** Quantity committed per quarter for a measure's unit, before the contract's scale. */
const QUARTERLY_BASE: Record<string, [number, number]> = {
  people: [2, 8], hours: [40, 220], weeks: [26, 156], gbp: [8000, 60000], tco2e: [3, 25], kwh: [5000, 40000], count: [1, 4],
};

const round = (value: number, unit: string) => (unit === "gbp" ? Math.round(value / 100) * 100 : unit === "tco2e" ? Math.round(value * 10) / 10 : Math.round(value));
const percent = (low: number, high: number) => `${Math.round(low + random() * (high - low))}%`;

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const suppliers = (await readCsv(join(demo, "suppliers.csv"))).map((row) => row["Supplier Name"]!);
  const postcodes = await readCsv(join(demo, "reference", "postcodes-nel-blmk-codepoint2025.csv.gz"), true);
  const localPostcodes = postcodes.filter((row) => OWN_AUTHORITIES.includes(row.lad_cd!)).map((row) => row.postcode!);
  const otherPostcodes = postcodes.filter((row) => OTHER_AUTHORITIES.includes(row.lad_cd!)).map((row) => row.postcode!);
  const framework = JSON.parse(await readFile(join(out, "priorities.json"), "utf-8")) as
    { priorities: { code: string; measures: { code: string; unit: string }[] }[] };
  const measures = new Map(framework.priorities.flatMap((priority) => priority.measures.map((measure) => [measure.code, { ...measure, priority: priority.code }])));
  const bank = new Map((await readCsv(join(out, "question-bank.csv"))).map((row) => [row["Question ID"]!, row["Measure Codes"]!.split(";").map((code) => code.trim())]));
  const questionMeasures = (id: string) => bank.get(id) ?? [];
  const questionPriorities = (id: string) => [...new Set(questionMeasures(id).map((code) => measures.get(code)!.priority))];

  const contracts = CONTRACTS.map((contract) => ({ ...contract, supplier: pick(random, suppliers.filter((name) => name.includes(contract.trade))) }));
  await writeFile(join(out, "contracts.csv"), csv([
    ["Contract ID", "Institution", "Supplier", "Title", "Category", "Contract Value", "Start Date", "End Date", "Social Value Weighting (%)", "Social Value Questions", "Priorities Served", "Reporting Frequency"],
    ...contracts.map((c) => [c.id, "DEMO", c.supplier, c.title, c.category, c.value.toFixed(2), c.start, c.end, `${c.weighting}%`, c.questions.join("; "),
      c.questions.map((q) => `${q}: ${questionPriorities(q).join(", ")}`).join("; "), "Quarterly"]),
  ]));

  const returns: (string | number)[][] = [["Contract ID", "Supplier", "Reporting Period", "Measure Code", "Committed", "Delivered", "Delivery Postcode",
    "Evidence Reference", "Notes", "Local Re-spend Share (%)", "Staff Living Locally (%)", "Staff Cost Share (%)"]];
  for (const contract of contracts) {
    const contractMeasures = [...new Set(contract.questions.flatMap(questionMeasures))];
    const scale = 0.5 + contract.value / 2_000_000;
    const shares = [percent(15, 70), percent(30, 85), percent(35, 75)];
    const sites = [pick(random, localPostcodes), pick(random, localPostcodes), pick(random, otherPostcodes)];
    for (let quarter = 1; quarter <= 4; quarter++) {
      const period = financialQuarter(2024, quarter);
      if (period.start < contract.start || contract.skipQuarters?.includes(quarter)) continue;
      contractMeasures.forEach((code, index) => {
        const measure = measures.get(code)!;
        const [low, high] = QUARTERLY_BASE[measure.unit]!;
        const committed = round((low + random() * (high - low)) * scale, measure.unit);
        let delivered: string | number = round(committed * (0.55 + random() * 0.6), measure.unit);
        let evidence = `EV-${contract.id}-Q${quarter}-${code}`;
        let notes = "";
        const place = ["people", "hours", "weeks"].includes(measure.unit) ? pick(random, sites) : "";
        const quirk = contract.quirks?.find((q) => q.quarter === quarter && q.measure === code);
        if (quirk?.kind === "no-evidence") evidence = "";
        if (quirk?.kind === "far-above") {
          delivered = committed * 10;
          notes = "as submitted (check: ten times the commitment)";
        }
        if (quirk?.kind === "unfinished") {
          delivered = "TBC";
          notes = "figure to follow";
        }
        const lm3 = index === 0 && !contract.noShares ? shares : ["", "", ""];
        returns.push([contract.id, contract.supplier, period.label, code, committed, delivered, place, evidence, notes, ...lm3]);
      });
    }
  }
  await writeFile(join(out, "returns.csv"), csv(returns));

  await writeFile(join(out, "engagement.csv"), csv([
    ["Date", "Institution", "Kind", "Title", "Contracts", "Priorities", "Attendees", "Service Users Involved", "Local Suppliers Reached"],
    ...ENGAGEMENT.map((event) => {
      const attendees = Math.round(event.size * (0.8 + random() * 0.4));
      const serviceUsers = event.kind === "Service-user panel" || event.kind === "Co-design session" ? Math.round(attendees * (0.4 + random() * 0.4)) : 0;
      const localSuppliers = event.kind === "Market engagement event" || event.kind === "Supplier briefing" ? Math.round(attendees * (0.3 + random() * 0.4)) : 0;
      return [event.date, "DEMO", event.kind, event.title, event.contracts.join("; "), event.priorities.join("; "), attendees, serviceUsers, localSuppliers];
    }),
  ]));
  process.stderr.write(`wrote ${out}: ${contracts.length} contracts, ${returns.length - 1} return rows, ${ENGAGEMENT.length} engagement events\n`);
  for (const contract of contracts) process.stderr.write(`  ${contract.id}  ${contract.supplier}\n`);
}

await main();
