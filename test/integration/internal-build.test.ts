// `build --level internal`, the analysts' site, lists every quarantined row with its file, row, column, raw value and
// reason; the public build carries counts only and no raw quarantined value anywhere in its files. The warehouse
// holds the demo and a body made here whose one spend file has two bad cells with values seen nowhere else
// (a phone number and a name where an amount and a date should be): written by this test, not real data.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const warehouse = join(folder.path, "warehouse.duckdb");
const publicSite = join(folder.path, "public");
const internalSite = join(folder.path, "internal");
const RAW = ["call 07700 900461 Jane Q Smithers", "Smithers J (home) 14 Acacia Rd"];

/** Every text file of a built site, as one string per file. */
function siteFiles(site: string): { file: string; text: string }[] {
  return (readdirSync(site, { recursive: true }) as string[])
    .filter((file) => /\.(html|json|js|csv|txt)$/.test(file))
    .map((file) => ({ file, text: readFileSync(join(site, file), "utf-8") }));
}

beforeAll(() => {
  const body = join(folder.path, "body");
  mkdirSync(join(body, "spend"), { recursive: true });
  writeFileSync(join(body, "institution.json"), JSON.stringify({ id: "QTEST", name: "Quarantine Test Body", kind: "council", isDemo: true, note: "Test body." }));
  writeFileSync(join(body, "spend", "qtest-2024-05.csv"), [
    "Payment Date,Supplier Name,Amount,Transaction Number",
    "03/05/2024,Acme Cleaning Ltd,1200.00,T1",
    `04/05/2024,Acme Cleaning Ltd,${RAW[0]},T2`,
    `${RAW[1]},Bow Catering Ltd,640.50,T3`,
    "",
  ].join("\n"));
  const load = runCli(["load", "data/demo", body, "--warehouse", warehouse]);
  if (load.status !== 0) throw new Error(load.stderr);
  for (const [level, site] of [["public", publicSite], ["internal", internalSite]] as const) {
    const build = runCli(["build", "--warehouse", warehouse, "--level", level], { ANCHOR_SPEND_SITE_OUTPUT: site });
    if (build.status !== 0) throw new Error(build.stderr);
  }
});
afterAll(() => folder.cleanup());

describe("the analysts' build and the public build", () => {
  it("lists each quarantined row in the internal build, with file, row, column, raw value and reason", () => {
    const data = siteFiles(internalSite).find(({ file }) => /quarantine-rows\.[\w-]*\.?json$/.test(file));
    expect(data, "the internal build's quarantine-rows.json").toBeDefined();
    const parsed = JSON.parse(data!.text) as { level: string; total: number; rows: { columns: string[]; rows: unknown[][] } };
    expect(parsed.level).toBe("internal");
    const rows = parsed.rows.rows.map((row) => Object.fromEntries(parsed.rows.columns.map((c, i) => [c, row[i]])));
    const ours = rows.filter((row) => String(row.path).endsWith("qtest-2024-05.csv"));
    // Row numbers count the heading as row 1: the bad amount is on row 3, the bad date on row 4.
    expect(ours.map((row) => [row.row, row.column, row.rawValue, row.code])).toEqual([
      [3, "Amount", RAW[0], "not-an-amount"],
      [4, "Payment Date", RAW[1], "not-a-date"],
    ]);
    expect(parsed.total).toBe(rows.length);
    expect(siteFiles(internalSite).some(({ file }) => file === "quarantine.html")).toBe(true);
    expect(readFileSync(join(internalSite, "index.html"), "utf-8")).toContain("Internal build for analysts");
  });

  it("carries no raw quarantined value anywhere in the public build, only counts", () => {
    const files = siteFiles(publicSite);
    expect(files.length).toBeGreaterThan(20);
    for (const { file, text } of files) for (const raw of RAW) expect(text.includes(raw), `${raw} in ${file}`).toBe(false);
    const quality = files.find(({ file }) => /data-quality\.[\w-]*\.?json$/.test(file));
    expect(quality, "the public build's data-quality.json").toBeDefined();
    const counts = (JSON.parse(quality!.text) as { quarantine: { path: string; rows: number }[] }).quarantine.filter((q) => q.path.endsWith("qtest-2024-05.csv"));
    expect(counts.reduce((sum, q) => sum + q.rows, 0)).toBe(2);
    const rowsFile = files.find(({ file }) => /quarantine-rows\.[\w-]*\.?json$/.test(file));
    expect(JSON.parse(rowsFile!.text)).toEqual({ level: "public", total: null, rows: null });
    expect(readFileSync(join(publicSite, "index.html"), "utf-8")).not.toContain("Internal build");
  });
});
