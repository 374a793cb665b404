// `build --level internal`, the analysts' site, lists every quarantined row with its file, row, column, raw value and
// reason; the public build carries counts only and no raw quarantined value anywhere in its files. Both are built
// by the CLI (test/helpers/demo-site.ts, sitesWithTestBody) from the demo and a body whose spend file
// nodef-2024-05.csv has two bad cells with values seen nowhere else: written by that helper, not real data.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sitesWithTestBody, TEST_BODY_RAW as RAW } from "../helpers/demo-site.js";

let publicSite: string;
let internalSite: string;

/** Every text file of a built site, as one string per file. */
function siteFiles(site: string): { file: string; text: string }[] {
  return (readdirSync(site, { recursive: true }) as string[])
    .filter((file) => /\.(html|json|js|csv|txt)$/.test(file))
    .map((file) => ({ file, text: readFileSync(join(site, file), "utf-8") }));
}

beforeAll(async () => {
  ({ publicSite, internalSite } = await sitesWithTestBody());
});

describe("the analysts' build and the public build", () => {
  it("lists each quarantined row in the internal build, with file, row, column, raw value and reason", () => {
    const data = siteFiles(internalSite).find(({ file }) => /quarantine-rows\.[\w-]*\.?json$/.test(file));
    expect(data, "the internal build's quarantine-rows.json").toBeDefined();
    const parsed = JSON.parse(data!.text) as { level: string; total: number; rows: { columns: string[]; rows: unknown[][] } };
    expect(parsed.level).toBe("internal");
    const rows = parsed.rows.rows.map((row) => Object.fromEntries(parsed.rows.columns.map((c, i) => [c, row[i]])));
    const ours = rows.filter((row) => String(row.path).endsWith("nodef-2024-05.csv"));
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
    const counts = (JSON.parse(quality!.text) as { quarantine: { path: string; rows: number }[] }).quarantine.filter((q) => q.path.endsWith("nodef-2024-05.csv"));
    expect(counts.reduce((sum, q) => sum + q.rows, 0)).toBe(2);
    const rowsFile = files.find(({ file }) => /quarantine-rows\.[\w-]*\.?json$/.test(file));
    expect(JSON.parse(rowsFile!.text)).toEqual({ level: "public", total: null, rows: null });
    expect(readFileSync(join(publicSite, "index.html"), "utf-8")).not.toContain("Internal build");
  });
});
