/**
 * A seeded generator of spend files in the published "expenditure over £25,000" layout, at any size, for the
 * benchmark: a title line above the header, UK dates, £ amounts with thousands separators, credit notes, and
 * a long tail of suppliers (a Zipf-like draw: a few take most lines) whose register postcodes are real ones
 * from the shipped reference. The same seed and size write the same bytes.
 */
import Papa from "papaparse";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { projectRoot } from "../../src/core/config.js";
import { pick, seededRandom } from "../seeded-random.js";

export interface GeneratedInstitution {
  folder: string;
  spendFiles: string[];
  rows: number;
}

async function referencePostcodes(): Promise<string[]> {
  const text = gunzipSync(await readFile(join(projectRoot, "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz"))).toString("utf-8");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data.map((row) => row.postcode!);
}

function pounds(pence: number): string {
  const text = (Math.abs(pence) / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return pence < 0 ? `-£${text}` : `£${text}`;
}

/** Writes an institution folder: institution.json, suppliers.csv and `months` monthly spend files of `rowsPerMonth` lines. */
export async function generateInstitution(folder: string, options: { rowsPerMonth: number; months: number; firstMonth?: number; seed?: number }): Promise<GeneratedInstitution> {
  const random = seededRandom(options.seed ?? 8);
  const postcodes = await referencePostcodes();
  const supplierCount = Math.max(50, Math.round(Math.sqrt(options.rowsPerMonth * options.months) * 5));
  const suppliers = Array.from({ length: supplierCount }, (_, i) => ({ name: `Bench Supplier ${i + 1} Ltd`, postcode: pick(random, postcodes) }));
  await mkdir(join(folder, "spend"), { recursive: true });
  await writeFile(join(folder, "institution.json"), JSON.stringify({ id: "BENCH", name: "Benchmark Trust (synthetic)", kind: "nhs-trust", isDemo: true }));
  await writeFile(join(folder, "suppliers.csv"), Papa.unparse([["Supplier Name", "Postcode"], ...suppliers.map((s) => [s.name, s.postcode])]) + "\n");
  const spendFiles: string[] = [];
  for (let m = 0; m < options.months; m++) {
    const month = new Date(Date.UTC(2020, (options.firstMonth ?? 0) + m, 1));
    const year = month.getUTCFullYear();
    const mm = String(month.getUTCMonth() + 1).padStart(2, "0");
    const path = join(folder, "spend", `bench-${year}-${mm}.csv`);
    const out = createWriteStream(path);
    out.write(`"Benchmark Trust - Expenditure over £25,000 - ${year}-${mm} (synthetic)"\n`);
    out.write("Department Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction Number,Amount\n");
    let chunk = "";
    for (let i = 0; i < options.rowsPerMonth; i++) {
      const supplier = suppliers[Math.floor(Math.pow(random(), 3) * supplierCount)]!;
      const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
      const pence = (random() < 0.02 ? -1 : 1) * (2_500_000 + Math.floor(Math.pow(random(), 4) * 50_000_000));
      chunk += `Department of Health,Benchmark Trust,${day}/${mm}/${year},Clinical supplies,Estates,${supplier.name},${m * options.rowsPerMonth + i},"${pounds(pence)}"\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        chunk = "";
      }
    }
    out.write(chunk);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    spendFiles.push(path);
  }
  return { folder, spendFiles, rows: options.rowsPerMonth * options.months };
}
