// Issue 14, failure 7 and the rest of its loading rules, on fixtures cut from the real shared files
// (test/fixtures/spend-real/issue-14, see its README): a council file with no date column (one total per supplier
// for the month its name or mapping.json gives) loads, its lines count in spend but not in payment counts, and one
// with no period is refused naming both ways to give one; mapping.json `replaces`; a Month/period column settles
// the order of ambiguous dates. Expected figures are the fixtures' amounts added up by hand (in the comments).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { exportInstitution } from "../../src/share/export-institution.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/spend-real/issue-14";
const folder = tempFolder();
const council = join(folder.path, "council");
let warehouse: Warehouse;
let results: FileResult[];

const loaded = (name: string) => {
  const result = results.find((r) => r.path.endsWith(name));
  if (result?.status !== "loaded") throw new Error(`${name}: ${JSON.stringify(result)}`);
  return result.outcome;
};

beforeAll(async () => {
  cpSync(join(fixtures, "council"), council, { recursive: true });
  // A definition of local outside every institution's folder (shared), so that the council's headline has a scope.
  mkdirSync(join(folder.path, "definitions"));
  cpSync("data/demo/definitions/own-local-authorities.json", join(folder.path, "definitions", "own-local-authorities.json"));
  warehouse = await Warehouse.openForWriting(join(folder.path, "w.duckdb"));
  results = await loadInputs(warehouse, [council, join(folder.path, "definitions")]);
}, 120_000);
afterAll(() => {
  warehouse?.close();
  folder.cleanup();
});

describe("a spend file with no date column (failure 7)", () => {
  it("loads each line as its supplier's total for the month its name gives, and says where the month came from", () => {
    // 10,940.76 + 261,331.50 + 252,870.06 + 6,652.72 + 371,563.20 + 41,429.60 + 589,405.06 = 1,534,192.90
    const january = loaded("2011-01-payments.csv");
    expect(january).toMatchObject({ rowsRead: 8, rowsLoaded: 7, rowsQuarantined: 1, amountLoadedPence: 153419290n, firstDate: "2011-01-01", lastDate: "2011-01-01" });
    expect(january.reading).toContain("no date column: each line is its supplier's total for January 2011, from the file's name");
    expect(january.reading).toContain('"Net Amount" → amount');
  });

  it("takes the month from mapping.json's period for a file whose name gives none", () => {
    // 3,833.20 + 2,767.65 + 57,897.06 + 4,151.70 + 1,039,303.76 + 69,300.77 = 1,177,254.14
    const december = loaded("payments-dec.csv");
    expect(december).toMatchObject({ rowsRead: 6, rowsLoaded: 6, amountLoadedPence: 117725414n, firstDate: "2010-12-01", lastDate: "2010-12-01" });
    expect(december.reading).toContain(`December 2010, from mapping.json "period" for this file`);
  });

  it("keeps the totals line under the suppliers out of spend, as a totals line", async () => {
    const rows = await warehouse.all<{ row_number: number; code: string }>(
      "SELECT row_number, code FROM quarantine WHERE path LIKE '%2011-01-payments.csv'");
    expect(rows).toEqual([{ row_number: 9, code: "not-spend-totals" }]);
  });

  it("marks the lines as period totals: they count in spend, not in payment counts", async () => {
    const marked = await warehouse.one<{ lines: number; totals: number }>(
      "SELECT count(*)::INTEGER AS lines, count(*) FILTER (is_period_total)::INTEGER AS totals FROM spend WHERE institution_id = 'E08000003'");
    expect(marked).toEqual({ lines: 13, totals: 13 });
    const byMonth = await warehouse.all<{ month: string; spend: string; lines: number }>(
      `SELECT month, sum(spend)::VARCHAR AS spend, sum(lines)::INTEGER AS lines FROM mart_spend_by_month
       WHERE institution = 'E08000003' GROUP BY month ORDER BY month`);
    expect(byMonth).toEqual([{ month: "2010-12", spend: "1177254.14", lines: 0 }, { month: "2011-01", spend: "1534192.90", lines: 0 }]);
    const figures = await headline(warehouse, await resolveScope(warehouse, { institutionId: "E08000003" }));
    // 1,177,254.14 + 1,534,192.90
    expect(figures).toMatchObject({ totalSpend: 2711447.04, lines: 0, payments: 0, suppliers: 7 });
  });

  it("keeps them supplier totals through a partner's export and its load (the period_total column)", async () => {
    const exported = join(folder.path, "export");
    await exportInstitution(warehouse, "E08000003", "public", exported);
    expect(readFileSync(join(exported, "spend", "spend.csv"), "utf-8").split("\n")[0]).toContain("period_total");
    for (const duckdbCsvReader of [true, false]) {
      const partner = await Warehouse.openForWriting(join(folder.path, `partner-${duckdbCsvReader}.duckdb`));
      try {
        await loadInputs(partner, [exported], { duckdbCsvReader });
        expect(await partner.one("SELECT count(*)::INTEGER AS lines, count(*) FILTER (is_period_total)::INTEGER AS totals, sum(amount)::VARCHAR AS spend FROM spend"))
          .toEqual({ lines: 13, totals: 13, spend: "2711447.04" });
      } finally {
        partner.close();
      }
    }
  }, 120_000);

  it("refuses a file with no date column and no period, naming both ways to give one", async () => {
    const lone = join(folder.path, "lone");
    mkdirSync(lone);
    cpSync(join(council, "institution.json"), join(lone, "institution.json"));
    // Another content (without its totals line): the same bytes would be "already loaded".
    writeFileSync(join(lone, "payments.csv"), readFileSync(join(council, "2011-01-payments.csv"), "utf-8").replace(/,Total,.*\n/, ""));
    const [result] = await loadInputs(warehouse, [join(lone, "payments.csv")]);
    expect(result).toMatchObject({ status: "refused" });
    const error = (result as { error: string }).error;
    expect(error).toContain("has no date column and nothing says which month its lines are for");
    expect(error).toContain("in the file's name (e.g. 2011-01-payments.csv or april-2024.csv)");
    expect(error).toContain(`"period" in a mapping.json beside the institution.json`);
  });
});

describe("mapping.json replaces", () => {
  it("supersedes the file it names, whatever lines they share, and prints it with the evidence", () => {
    const trust = join(folder.path, "replaces");
    cpSync(join(fixtures, "council"), trust, { recursive: true });
    const path = join(folder.path, "replaces.duckdb");
    expect(runCli(["load", trust, "--warehouse", path]).status).toBe(0);
    // January re-published with four of its seven totals corrected: 3 of 7 lines again, under the re-issue share.
    const january = readFileSync(join(trust, "2011-01-payments.csv"), "utf-8").split("\n");
    const corrected = january.map((line, index) => (index >= 1 && index <= 4 ? line.replace(/(\d+)\.(\d\d)$/, (_, pounds, pence) => `${Number(pounds) + 1}.${pence}`) : line));
    writeFileSync(join(trust, "2011-01-payments-v2.csv"), corrected.join("\n"));
    writeFileSync(join(trust, "mapping.json"), JSON.stringify({ period: { "payments-dec.csv": "2010-12" }, replaces: { "2011-01-payments-v2.csv": "2011-01-payments.csv" } }));
    const load = runCli(["load", join(trust, "2011-01-payments-v2.csv"), "--warehouse", path]);
    expect(load.status).toBe(0);
    expect(load.stderr).toMatch(/replaces \S*2011-01-payments\.csv \(re-issued: mapping\.json says so; 3 of its 7 lines again here\)/);
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", path]).stdout) as { path: string; supersededBy: string | null; amountLoaded: string }[];
    expect(report.find((line) => line.path.endsWith("/2011-01-payments.csv"))!.supersededBy).toMatch(/2011-01-payments-v2\.csv$/);
    // 1,534,192.90 + 4 × £1.00
    expect(report.find((line) => line.path.endsWith("2011-01-payments-v2.csv"))!.amountLoaded).toBe("1534196.90");
  }, 120_000);
});

describe("date order from a Month or period column", () => {
  it("reads ambiguous dates in the order that puts them in their line's Financial Period (4 = July), and says so", async () => {
    const epsh = join(folder.path, "epsh");
    cpSync(join(fixtures, "epsh"), epsh, { recursive: true });
    for (const duckdbCsvReader of [true, false]) {
      const path = join(folder.path, `epsh-${duckdbCsvReader}.duckdb`);
      const own = await Warehouse.openForWriting(path);
      try {
        const [result] = await loadInputs(own, [join(epsh, "ambiguous-dates-financial-period.csv")], { duckdbCsvReader });
        if (result?.status !== "loaded") throw new Error(JSON.stringify(result));
        // −56,332.18 + 319,132.65 + 63,826.55 + 32,191.32 + 164,564.99 + 67,323.80, every line dated 07/01/2020 = 1 July
        expect(result.outcome).toMatchObject({ rowsLoaded: 6, amountLoadedPence: 59070713n, firstDate: "2020-07-01", lastDate: "2020-07-01" });
        expect(result.outcome.reading).toContain(`dates month first: every date is ambiguous, and 1 of 1 distinct date and month pairs fall in their line's month, as the "Financial Period" column (numbered periods of the financial year: 1 = April) gives it, when read so`);
      } finally {
        own.close();
      }
    }
  }, 120_000);

  it("without that column, the same lines follow UK order and the report says nothing else told", async () => {
    const bare = join(folder.path, "bare");
    mkdirSync(bare);
    cpSync(join(fixtures, "epsh", "institution.json"), join(bare, "institution.json"));
    const lines = readFileSync(join(fixtures, "epsh", "ambiguous-dates-financial-period.csv"), "utf-8").split("\n");
    writeFileSync(join(bare, "ambiguous-dates.csv"), lines.map((line) => line.replace(/^([^,]*,[^,]*,)[^,]*,[^,]*,/, "$1")).join("\n"));
    const [result] = await loadInputs(warehouse, [join(bare, "ambiguous-dates.csv")]);
    if (result?.status !== "loaded") throw new Error(JSON.stringify(result));
    expect(result.outcome).toMatchObject({ rowsLoaded: 6, firstDate: "2020-01-07" });
    expect(result.outcome.reading).toContain("day first (UK order): every date is ambiguous and nothing else says which order");
  });
});
