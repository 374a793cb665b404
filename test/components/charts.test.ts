// SVG snapshot tests of the pure chart components, rendered under jsdom. The input rows are synthetic,
// written here. Charts with a legend are <figure> elements (.html snapshots), bare charts .svg; a changed
// chart fails the test; `npx vitest -u` rewrites the snapshot (look at the diff before committing it).
import { describe, expect, it } from "vitest";
import { LocalShareByMonth } from "../../pages/components/local-share-by-month.js";
import { TopSuppliers } from "../../pages/components/top-suppliers.js";
import { LocalShareByDefinition } from "../../pages/components/local-share-by-definition.js";
import { DownloadCsv } from "../../pages/components/download-csv.js";
import { csvCell, csvText, neutraliseFormula } from "../../pages/shared/csv-cell.js";
import { LocalityMap } from "../../pages/components/locality-map.js";
import { CategoryGaps } from "../../pages/components/category-gaps.js";
import { Sparkline } from "../../pages/components/sparkline.js";
import { chartDocument, normalisedMarkup } from "../helpers/render-svg.js";

const monthly = [
  { month: "2024-04", spend: 1_000_000, localShare: 0.4 },
  { month: "2024-05", spend: 800_000, localShare: 0.625 },
];
const suppliers = [
  { supplier: "Bow Catering Ltd", status: "local", totalSpend: 900_000, lines: 12 },
  { supplier: "<script>alert(1)</script> PLC", status: "non_local", totalSpend: 500_000, lines: 3 },
  { supplier: "Redacted payee", status: "unlocated", totalSpend: 100_000, lines: 2 },
];

describe("chart components", () => {
  it("LocalShareByMonth draws the local share as a line with a dot per month, and the spend as bars, months with years", async () => {
    const chart = LocalShareByMonth(monthly, { width: 640, definitionName: "Test definition (t v1)", document: chartDocument() });
    const svg = chart.querySelector("svg[aria-label]")!;
    expect(svg.getAttribute("aria-label")).toContain("Local share of spend by month under Test definition (t v1)");
    expect(svg.getAttribute("aria-description")).toContain("Apr 2024 40%");
    expect(svg.querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(2);
    expect(chart.querySelectorAll("g[aria-label='bar'] rect")).toHaveLength(2);
    expect([...chart.querySelectorAll("g[aria-label='x-axis tick label'] text")].map((t) => t.textContent)).toContain("May 2024");
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/local-share-by-month.html");
  });

  it("TopSuppliers draws a bar per supplier and keeps names as text", async () => {
    const chart = TopSuppliers(suppliers, { width: 640, definitionName: "Test", document: chartDocument() });
    expect(chart.querySelectorAll("g[aria-label='bar'] rect")).toHaveLength(3);
    expect(chart.querySelector("script")).toBeNull();
    expect(chart.textContent).toContain("<script>alert(1)</script> PLC");
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/top-suppliers.html");
  });

  it("LocalShareByDefinition labels each definition with its share", async () => {
    const rows = [
      { definition: { name: "Seven authorities", version: 1 }, headline: { localShare: 0.454, unlocatedShare: 0.036 } },
      { definition: { name: "Two ICBs", version: 2 }, headline: { localShare: 0.588, unlocatedShare: 0.036 } },
    ];
    const chart = LocalShareByDefinition(rows, { width: 640, document: chartDocument() });
    expect([...chart.querySelectorAll("text")].map((t) => t.textContent)).toEqual(expect.arrayContaining(["45.4%", "58.8%"]));
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/local-share-by-definition.svg");
  });
});

describe("CategoryGaps and Sparkline", () => {
  it("CategoryGaps stacks each category's spend by class, in the order given", async () => {
    const categories = [
      { category: "Agency staff", local: 100, nonLocal: 900, unlocated: 0 },
      { category: "Catering", local: 500, nonLocal: 200, unlocated: 50 },
    ];
    const chart = CategoryGaps(categories, { width: 600, definitionName: "Test", document: chartDocument() });
    expect(chart.querySelectorAll("g[aria-label='bar'] rect")).toHaveLength(6);
    expect([...chart.querySelectorAll("g[aria-label='text'] text")].map((t) => t.textContent)).toEqual(["Agency staff", "Catering"]);
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/category-gaps.html");
  });

  it("Sparkline draws the months that have a value", async () => {
    const chart = Sparkline([{ month: "2024-04", localShare: 0.4 }, { month: "2024-05", localShare: null }, { month: "2024-06", localShare: 0.5 }], { value: "localShare", label: "Local share", document: chartDocument() });
    expect(chart.getAttribute("aria-description")).toBe("2 months, from 0.4 in Apr 2024 to 0.5 in Jun 2024");
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/sparkline.svg");
  });
});

describe("LocalityMap", () => {
  it("shades the area, outlines its neighbour, names both where they fit, and draws the suppliers inside its frame", async () => {
    // Two squares side by side (clockwise, as d3-geo wants an outer ring), the frame around both.
    const square = (west: number) => ({ type: "MultiPolygon", coordinates: [[[[west, 51.5], [west, 51.6], [west + 0.1, 51.6], [west + 0.1, 51.5], [west, 51.5]]]] });
    const map = {
      title: "Bow", frame: [-0.12, 51.48, 0.12, 51.62],
      shapes: [
        { code: "E1", name: "Bow", shaded: true, label: [-0.05, 51.55], geometry: square(-0.1) },
        { code: "E2", name: "Stratford", shaded: false, label: [0.05, 51.55], geometry: square(0) },
      ],
    };
    const locations = [
      { supplier: "Bow Catering Ltd", latitude: 51.55, longitude: -0.05, spend: 900_000, status: "local" },
      { supplier: "Near PLC", latitude: 51.52, longitude: 0.05, spend: 100_000, status: "non_local" },
      { supplier: "Far Away PLC", latitude: 52.2, longitude: -0.45, spend: 400_000, status: "non_local" },
    ];
    const chart = LocalityMap(map, locations, { width: 400, maxSpend: 900_000, definitionName: "Test", document: chartDocument() });
    expect(chart.querySelectorAll("g[aria-label='dot'] circle")).toHaveLength(2);
    expect(chart.querySelectorAll("g[aria-label='geo'] path")).toHaveLength(2);
    expect([...chart.querySelectorAll("g[aria-label='text'] text")].map((t) => t.textContent)).toEqual(["Bow", "Stratford"]);
    await expect(normalisedMarkup(chart)).toMatchFileSnapshot("snapshots/locality-map.html");
  });

  it("leaves out a name that would run past the map's edge", () => {
    const map = { title: "x", frame: [-0.12, 51.48, 0.12, 51.62], shapes: [{ code: "E9", name: "A Very Long Authority Name Indeed", shaded: false, label: [0.11, 51.55], geometry: { type: "MultiPolygon", coordinates: [] } }] };
    const chart = LocalityMap(map, [], { width: 300, document: chartDocument() });
    expect(chart.querySelectorAll("g[aria-label='text'] text")).toHaveLength(0);
  });
});

describe("DownloadCsv", () => {
  it("downloads exactly the rows given, with formulas neutralised", () => {
    const link = DownloadCsv([{ supplier: "=HYPERLINK(\"x\")", amount: 5 }, { supplier: "Plain", amount: -3 }], { filename: "x.csv", document: chartDocument() });
    const csv = decodeURIComponent(link.getAttribute("href")!.replace(/^data:text\/csv;charset=utf-8,/, ""));
    expect(csv.split("\r\n")).toEqual(["\"supplier\",\"amount\"", "\"'=HYPERLINK(\"\"x\"\")\",5", "\"Plain\",-3", ""]);
    expect(link.getAttribute("download")).toBe("x.csv");
  });

  it("neutralises every formula prefix and leaves numbers alone", () => {
    expect(["=1", "+1", "-1", "@x", "ok"].map(neutraliseFormula)).toEqual(["'=1", "'+1", "'-1", "'@x", "ok"]);
    expect(neutraliseFormula(-3)).toBe(-3);
  });

  it("neutralises the formula corpus in lists too (a load report's sheets), and quotes ;-joined text (issue 18, point 5)", () => {
    const formulas = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=1;=2"];
    const link = DownloadCsv(formulas.map((formula) => ({ path: "a.xlsx", sheets: [formula, "Sheet2"], note: `${formula}; more` })), { document: chartDocument() });
    const csv = decodeURIComponent(link.getAttribute("href")!.replace(/^data:text\/csv;charset=utf-8,/, ""));
    // Every cell of every row is quoted and starts with a quote mark then an apostrophe when it began with a formula prefix.
    const cells = csv.trimEnd().split("\r\n").slice(1).flatMap((line) => line.match(/"(?:[^"]|"")*"/g) ?? []);
    expect(cells).toHaveLength(formulas.length * 3);
    expect(csvCell("-1234.50")).toBe("-1234.50");
    for (const cell of cells.filter((cell) => cell !== '"a.xlsx"')) expect(cell).toMatch(/^"'/);
  });

  it("keeps quotes, \";\" and line breaks inside one quoted cell, and numbers bare (the exports' writer too)", () => {
    expect(csvText([{ name: 'Quote "Co"; and\r\nsons', amount: "-12.50", count: 3, flag: true, none: null }]))
      .toBe('"name","amount","count","flag","none"\r\n"Quote ""Co""; and\r\nsons",-12.50,3,true,\r\n');
    expect(csvCell("-1+1")).toBe(`"'-1+1"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
  });
});
