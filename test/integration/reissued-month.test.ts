// Twelve monthly files, loaded, loaded again, then one month re-issued: the totals must follow the rule in
// loaders/spend/supersede-files.ts. The files are synthetic, generated here from a seed; each month also carries a
// late-posted line dated in the month before, which must not make a month supersede its neighbour.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { pick, seededRandom } from "../../scripts/seeded-random.js";
import { runCli } from "../helpers/run-cli.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const random = seededRandom(7);
const folder = tempFolder();
afterAll(() => folder.cleanup());

const trust = join(folder.path, "trust");
mkdirSync(join(trust, "spend"), { recursive: true });
mkdirSync(join(trust, "reissued"), { recursive: true });
writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "T9", name: "Test Trust", kind: "nhs-trust" }));
writeFileSync(join(trust, "definitions.json"), JSON.stringify({ definitions: [{ id: "own", version: 1, name: "Own", kind: "local-authorities", basis: "registered", description: "test", codes: ["E09000030"], headline: true }] }));

interface Line { date: string; supplier: string; pence: number }

function monthLines(year: number, month: number): Line[] {
  const mm = String(month).padStart(2, "0");
  const lines = Array.from({ length: 6 }, () => ({
    date: `${String(1 + Math.floor(random() * 28)).padStart(2, "0")}/${mm}/${year}`,
    supplier: pick(random, ["Acme Ltd", "Bow Catering Ltd", "Luton Laundry CIC"]),
    pence: 2_500_000 + Math.floor(random() * 10_000_000),
  }));
  const previous = new Date(Date.UTC(year, month - 2, 28));
  lines.push({ date: `28/${String(previous.getUTCMonth() + 1).padStart(2, "0")}/${previous.getUTCFullYear()}`, supplier: "Late Posting Ltd", pence: 2_600_000 });
  return lines;
}

function writeMonth(path: string, lines: Line[]): void {
  const body = lines.map((line) => `${line.date},${line.supplier},${(line.pence / 100).toFixed(2)}`).join("\n");
  writeFileSync(path, `Date,Supplier,Amount\n${body}\n`);
}

const months = Array.from({ length: 12 }, (_, i) => {
  const date = new Date(Date.UTC(2024, 3 + i, 1));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
});
const original = months.map(({ year, month }) => monthLines(year, month));
original.forEach((lines, i) => writeMonth(join(trust, "spend", `month-${String(i + 1).padStart(2, "0")}.csv`), lines));
// September re-issued: two lines corrected and one added.
const reissued = original[5]!.map((line, i) => (i < 2 ? { ...line, pence: line.pence + 100_000 } : line));
reissued.push({ date: "30/09/2024", supplier: "Acme Ltd", pence: 3_000_000 });
writeMonth(join(trust, "reissued", "month-06-v2.csv"), reissued);

const sum = (lines: Line[]) => lines.reduce((total, line) => total + line.pence, 0);
const warehouse = join(folder.path, "w.duckdb");
const totalPence = async () => withWarehouse(warehouse, "read", async (w) => Math.round((await headline(w, await resolveScope(w))).totalSpend * 100));

describe("re-issued months", () => {
  it("loads twelve months with the total of their lines", async () => {
    const load = runCli(["load", join(trust, "institution.json"), join(trust, "definitions.json"), join(trust, "spend"), "--warehouse", warehouse]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stderr).not.toContain("replaces");
    expect(await totalPence()).toBe(original.reduce((total, lines) => total + sum(lines), 0));
  });

  it("changes nothing when the same files are loaded again", async () => {
    const before = await withWarehouse(warehouse, "read", tableChecksums);
    expect(runCli(["load", trust.replace(/$/, "/spend"), "--warehouse", warehouse]).status).toBe(0);
    expect(await withWarehouse(warehouse, "read", tableChecksums)).toEqual(before);
  });

  it("replaces the month a re-issued file covers, and only that month", async () => {
    const load = runCli(["load", join(trust, "reissued"), "--warehouse", warehouse]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stderr).toMatch(/month-06-v2\.csv.*replaces .*month-06\.csv/);
    expect(load.stderr.match(/replaces/g)).toHaveLength(1);
    const expected = original.reduce((total, lines, i) => total + (i === 5 ? sum(reissued) : sum(lines)), 0);
    expect(await totalPence()).toBe(expected);
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", warehouse]).stdout) as { path: string; supersededBy: string | null }[];
    expect(report.find((line) => line.path.endsWith("month-06.csv"))?.supersededBy).toMatch(/month-06-v2\.csv$/);
  });
});
