// Loading social value files: bad rows of returns (CSV and a workbook) go to quarantine with file, row, column
// and reason, and nothing is lost; a re-submitted return supersedes the earlier one; a framework that breaks the
// rules is refused whole; proxy-value tables win over the framework's values. Synthetic files written here.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import writeXlsxFile from "write-excel-file/node";
import { afterAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { committedVsDelivered, engagementSummary, proxyValues } from "../../src/model/social-value-metrics.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { tableChecksums, tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
afterAll(() => folder.cleanup());

const FRAMEWORK = {
  name: "Test framework",
  priorities: [{ code: "P1", name: "Jobs", businessPriority: "Local workforce", measures: [
    { code: "M1", name: "People employed", unit: "people", direction: "higher" },
    { code: "M2", name: "Emissions avoided", unit: "tco2e", direction: "higher", proxy: { valuePerUnit: 100, source: "Framework test source", year: 2021 } },
  ] }],
};
const RETURN_HEADINGS = ["Contract", "Reporting Period", "Measure Code", "Committed Quantity", "Delivered Quantity", "Delivery Postcode", "Evidence Reference", "Local Re-spend Share (%)"];

/** A trust folder with its institution, framework and one contract; returns the folder. */
function trustFolder(name: string): string {
  const path = join(folder.path, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, "institution.json"), JSON.stringify({ id: "T1", name: "Test Trust", kind: "nhs-trust" }));
  writeFileSync(join(path, "priorities.json"), JSON.stringify(FRAMEWORK));
  writeFileSync(join(path, "contracts.csv"), "Contract ID,Supplier,Value,Start,End,SV Weighting\nC1,Alpha Ltd,1000,2024-04-01,2025-03-31,10\n");
  return path;
}

const csv = (rows: readonly (readonly string[])[]) => rows.map((row) => row.join(",")).join("\n") + "\n";

/** Good rows, then rows each with known problems: [row cells, the problems as (column, reason fragment)]. */
const GOOD = [
  ["C1", "2024/25 Q1", "M1", "5", "4", "E1 8DE", "EV1", "40%"],
  ["C1", "2024/25 Q1", "M2", "2.5", "3", "", "EV2", ""],
];
const BAD: [string[], [string | null, string][]][] = [
  [["C1", "2024 Q1", "M1", "1", "1", "", "EV", ""], [["Reporting Period", "ambiguous"]]],
  [["C1", "2024/25 Q2", "M1", "-2", "TBC", "", "EV", ""], [["Committed Quantity", "negative"], ["Delivered Quantity", '"TBC" is not a quantity']]],
  [["C1", "2024/25 Q2", "M2", "1", "1", "NOT A PC", "EV", ""], [["Delivery Postcode", "not a UK postcode"]]],
  [["C1", "2024/25 Q1", "M1", "5", "5", "E1 8DE", "EV", ""], [["Measure Code", "same contract, period, measure and delivery postcode as row"]]],
  [["C1", "2024/25 Q3", "M1", "1", "1", "", "EV", "150%"], [["Local Re-spend Share (%)", "more than 100%"]]],
  [["C1", "2024/25 Q3", "M2", "", "", "", "EV", ""], [["Delivered Quantity", "neither a committed nor a delivered quantity"]]],
  [["", "2024/25 Q3", "", "1", "1", "", "EV", ""], [["Contract", "contract id is empty"], ["Measure Code", "measure code is empty"]]],
];

async function quarantineOf(warehouse: Warehouse) {
  return warehouse.all<{ path: string; row_number: number; column_name: string | null; reason: string; sheet: string | null }>(
    "SELECT path, row_number, column_name, reason, sheet FROM quarantine ORDER BY row_number, column_name");
}

function expectQuarantine(rows: Awaited<ReturnType<typeof quarantineOf>>, path: string, firstBadRow: number, sheet: string | null) {
  const expected = BAD.flatMap(([, problems], index) => problems.map(([column, reason]) => ({ path, row_number: firstBadRow + index, column_name: column, reason, sheet })));
  expect(rows.map((row) => ({ ...row, row_number: Number(row.row_number) })).sort((a, b) => a.row_number - b.row_number || String(a.column_name).localeCompare(String(b.column_name))))
    .toEqual(expected.sort((a, b) => a.row_number - b.row_number || String(a.column_name).localeCompare(String(b.column_name)))
      .map((entry) => ({ ...entry, reason: expect.stringContaining(entry.reason) })));
}

describe("loading supplier returns", () => {
  it("quarantines every bad cell of a CSV row with its row and heading, and loads the rest", async () => {
    const path = trustFolder("csv");
    const file = join(path, "returns.csv");
    writeFileSync(file, csv([RETURN_HEADINGS, ...GOOD, ...BAD.map(([row]) => row)]));
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      const returns = results.find((r) => r.path === file)!;
      expect(returns).toMatchObject({ kind: "returns", status: "loaded", outcome: { rowsRead: 9, rowsLoaded: 2, rowsQuarantined: 7 } });
      expectQuarantine(await quarantineOf(warehouse), file, 4, null);
      const rows = await committedVsDelivered(warehouse, "measure");
      expect(rows.map((r) => [r.measureCode, r.committed, r.delivered])).toEqual([["M1", 5, 4], ["M2", 2.5, 3]]);
    });
  });

  it("reads the returns sheet of a workbook, counting rows as the sheet shows them and naming the sheet", async () => {
    const path = trustFolder("xlsx");
    const file = join(path, "returns.xlsx");
    const cells = (rows: string[][]) => rows.map((row) => row.map((cell) => (cell === "" ? null : cell)));
    const bytes = await writeXlsxFile([
      { sheet: "Notes", data: cells([["Synthetic test data: how to fill in this return"], ["One row per contract, period and measure"]]) },
      { sheet: "Returns", data: cells([["Supplier return, 2024/25"], RETURN_HEADINGS, ...GOOD, ...BAD.map(([row]) => row)]) },
    ]).toBuffer();
    writeFileSync(file, bytes);
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(results.find((r) => r.path === file)).toMatchObject({ kind: "returns", status: "loaded", outcome: { rowsRead: 9, rowsLoaded: 2, rowsQuarantined: 7 } });
      expectQuarantine(await quarantineOf(warehouse), file, 5, "Returns");
      expect(await warehouse.all("SELECT sheets FROM source_files WHERE kind = 'returns'")).toEqual([{ sheets: ["Returns"] }]);
    });
  });

  it("lets a re-submitted return for a contract and period supersede the earlier one, keeping both", async () => {
    const path = trustFolder("resubmitted");
    writeFileSync(join(path, "returns-a.csv"), csv([RETURN_HEADINGS, ["C1", "2024/25 Q1", "M1", "5", "4", "", "EV1", ""], ["C1", "2024/25 Q2", "M1", "5", "5", "", "EV2", ""]]));
    await withTempWarehouse(async (warehouse) => {
      await loadInputs(warehouse, [path]);
      writeFileSync(join(path, "returns-b.csv"), csv([RETURN_HEADINGS, ["C1", "Q1 2024/25", "M1", "5", "6", "", "EV1b", ""]]));
      await loadInputs(warehouse, [path]);
      expect((await committedVsDelivered(warehouse, "period")).map((r) => [r.key, r.delivered])).toEqual([["2024/25 Q1", 6], ["2024/25 Q2", 5]]);
      const stored = await warehouse.all<{ delivered: number; superseded: boolean }>(
        "SELECT delivered, superseded_by IS NOT NULL AS superseded FROM sv_returns ORDER BY file_id, row_number");
      expect(stored).toEqual([{ delivered: 4, superseded: true }, { delivered: 5, superseded: false }, { delivered: 6, superseded: false }]);
    });
  });
});

describe("loading a contracts register", () => {
  it("quarantines rows with bad cells, an unloaded institution or priorities for a question not adopted", async () => {
    const path = trustFolder("contracts");
    writeFileSync(join(path, "contracts.csv"), csv([
      ["Contract ID", "Institution", "Supplier", "Value", "Start", "End", "SV Weighting", "SV Questions", "Priorities Served"],
      ["C1", "", "Alpha Ltd", "\"£1,000\"", "01/04/2024", "31/03/2025", "0.1", "Q1", "Q1: P1"],
      ["C2", "NOPE", "Beta Ltd", "1000", "2024-04-01", "2025-03-31", "10", "Q1", "Q1: P1"],
      ["C3", "T1", "Gamma Ltd", "lots", "2025-04-01", "2024-03-31", "1", "Q1", "Q2: P1"],
      ["C1", "T1", "Delta Ltd", "1000", "2024-04-01", "2025-03-31", "", "", ""],
    ]));
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(results.find((r) => r.path.endsWith("contracts.csv"))).toMatchObject({ kind: "contracts", outcome: { rowsRead: 4, rowsLoaded: 1, rowsQuarantined: 3 } });
      expect(await warehouse.all("SELECT contract_id, institution_id, value::DOUBLE AS value, start_date::VARCHAR AS start_date, weighting_percent, question_ids FROM sv_contracts"))
        .toEqual([{ contract_id: "C1", institution_id: "T1", value: 1000, start_date: "2024-04-01", weighting_percent: 10, question_ids: ["Q1"] }]);
      const quarantined = (await quarantineOf(warehouse)).map((q) => [Number(q.row_number), q.column_name, q.reason]);
      expect(quarantined).toEqual([
        [3, "Institution", expect.stringContaining('institution "NOPE" is not loaded')],
        [4, "End", expect.stringContaining("ends (2024-03-31) before it starts (2025-04-01)")],
        [4, "Priorities Served", expect.stringContaining('question "Q2" serves priorities but is not among the questions adopted')],
        [4, "SV Weighting", expect.stringContaining("ambiguous")],
        [4, "Value", expect.stringContaining('"lots" is not an amount')],
        [5, "Contract ID", expect.stringContaining('contract "C1" is also on row 2')],
      ]);
    });
  });
});

describe("loading the framework, proxy values, the question bank and the engagement log", () => {
  it("refuses a framework with an unknown unit whole, with the reason, and changes nothing", async () => {
    const path = trustFolder("bad-framework");
    const bad = { ...FRAMEWORK, priorities: [{ ...FRAMEWORK.priorities[0]!, measures: [{ code: "M1", name: "x", unit: "widgets", direction: "higher" }] }] };
    writeFileSync(join(path, "priorities.json"), JSON.stringify(bad));
    await withTempWarehouse(async (warehouse) => {
      await loadInputs(warehouse, [join(path, "institution.json")]);
      const before = await tableChecksums(warehouse);
      const [result] = await loadInputs(warehouse, [join(path, "priorities.json")]);
      expect(result).toMatchObject({ status: "refused", error: expect.stringMatching(/priorities\.json: is not a usable priorities framework: priorities\[0\]\.measures\[0\]\.unit: "widgets" is not a known unit/) });
      expect(await tableChecksums(warehouse)).toEqual(before);
    });
  });

  it("values delivered quantities at a loaded proxy-value table's value before the framework's", async () => {
    const path = trustFolder("proxies");
    writeFileSync(join(path, "returns.csv"), csv([RETURN_HEADINGS, ["C1", "2024/25 Q1", "M2", "2", "3", "", "EV", ""], ["C1", "2024/25 Q1", "M1", "2", "2", "", "EV", ""]]));
    await withTempWarehouse(async (warehouse) => {
      await loadInputs(warehouse, [path]);
      let values = await proxyValues(warehouse);
      expect(values.rows.map((r) => [r.measureCode, r.proxyValue, r.origin])).toEqual([["M1", null, null], ["M2", 300, "framework"]]);
      expect(values.caveat).toMatch(/not cash/);
      writeFileSync(join(path, "proxy-values.csv"), csv([["Measure Code", "Proxy Value (£)", "Source", "Year"], ["M2", "150", "User's licensed values set", "2024"], ["M9", "x", "", "24"]]));
      const [result] = await loadInputs(warehouse, [join(path, "proxy-values.csv")]);
      expect(result).toMatchObject({ kind: "proxy-values", outcome: { rowsRead: 2, rowsLoaded: 1, rowsQuarantined: 1 } });
      values = await proxyValues(warehouse);
      expect(values.rows.map((r) => [r.measureCode, r.proxyValue, r.origin, r.source])).toEqual([["M1", null, null, null], ["M2", 450, "table", "User's licensed values set"]]);
      expect(values.totalProxyValue).toBe(450);
    });
  });

  it("loads a question bank and an engagement log, quarantining an unknown kind of engagement", async () => {
    const path = trustFolder("engagement");
    writeFileSync(join(path, "bank.csv"), csv([["Question ID", "Question", "Theme"], ["Q1", "Emissions?", "3"], ["Q1", "Again?", "Wellbeing"]]));
    writeFileSync(join(path, "engagement.csv"), csv([
      ["Date", "Engagement Type", "Contracts", "Priorities", "Attendees", "Service Users", "Local Suppliers Reached"],
      ["01/05/2024", "Market engagement event", "C1", "P1", "30", "0", "12"],
      ["2024-06-03", "Co-design session", "C1", "P1; P2", "10", "6", ""],
      ["2024-06-04", "Webinar", "", "", "10", "", ""],
    ]));
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(results.find((r) => r.path.endsWith("bank.csv"))).toMatchObject({ kind: "question-bank", outcome: { rowsRead: 2, rowsLoaded: 1, rowsQuarantined: 1 } });
      expect(await warehouse.all("SELECT question_id, theme, is_climate FROM sv_questions")).toEqual([{ question_id: "Q1", theme: "Fighting climate change", is_climate: true }]);
      expect(results.find((r) => r.path.endsWith("engagement.csv"))).toMatchObject({ kind: "engagement", outcome: { rowsRead: 3, rowsLoaded: 2, rowsQuarantined: 1 } });
      const summary = await engagementSummary(warehouse);
      expect(summary.byKind).toEqual([
        { kind: "co-design-session", events: 1, attendees: 10, serviceUsers: 6, localSuppliers: 0 },
        { kind: "market-engagement-event", events: 1, attendees: 30, serviceUsers: 0, localSuppliers: 12 },
      ]);
      expect(summary.byPriority.map((p) => [p.priorityCode, p.events])).toEqual([["P1", 2], ["P2", 1]]);
      const quarantined = await warehouse.all<{ row_number: number; column_name: string; reason: string }>(
        "SELECT row_number, column_name, reason FROM quarantine WHERE path LIKE '%engagement.csv'");
      expect(quarantined).toEqual([{ row_number: 4, column_name: "Engagement Type", reason: expect.stringContaining('"Webinar" is not a kind of engagement') }]);
    });
  });
});

describe("redacted suppliers in contracts, returns and registers (issue 18, point 3)", () => {
  it("keeps a redacted contract or return supplier as the marker alone, and no register row for one: the withheld name is stored nowhere but quarantine's raw value", async () => {
    const path = trustFolder("redacted");
    writeFileSync(join(path, "contracts.csv"), "Contract ID,Supplier,Value,Start,End,SV Weighting\nC1,REDACTED - personal data Wendy Contract,1000,2024-04-01,2025-03-31,10\nC2,PersonalData Wanda Return,500,2024-04-01,2025-03-31,10\n");
    writeFileSync(join(path, "returns.csv"), csv([["Contract", "Supplier", ...RETURN_HEADINGS.slice(1)], ["C2", "Private Individual Wanda Return", ...GOOD[0]!.slice(1)]]));
    writeFileSync(join(path, "suppliers.csv"), "Supplier Name,Postcode\nREDACTED_PERSONAL_DATA Wilma Register,E1 8DE\nAlpha Ltd,E1 6AN\n");
    await withTempWarehouse(async (warehouse) => {
      const results = await loadInputs(warehouse, [path]);
      expect(results.filter((result) => result.status === "refused")).toEqual([]);
      const names = await warehouse.all<{ name: string }>(
        `SELECT supplier_name AS name FROM sv_contracts UNION ALL SELECT supplier_name FROM sv_returns UNION ALL SELECT name FROM suppliers ORDER BY 1`);
      expect(names.map((row) => row.name)).toEqual(["Alpha Ltd", "REDACTED", "REDACTED", "REDACTED"]);
      const quarantined = await warehouse.all<{ code: string }>("SELECT code FROM quarantine WHERE raw_value LIKE '%Wilma%'");
      expect(quarantined.map((row) => row.code)).toEqual(["redacted-payee"]);
    });
  });
});
