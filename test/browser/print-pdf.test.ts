// `anchor-spend report --pdf`: the board pack printed from the built partners demo site through headless Chromium.
// The PDF is read back as text (pdf.js) and every page drawn to a PNG in Chromium (test/browser/__screenshots__/
// board-pack-page-N.png) to look at. Expected values come from the inputs: the demo trust's name (its
// institution.json), its headline definition (data/demo/definitions/own-local-authorities.json), and the SHA-256 of
// a spend file hashed here.
import { chromium, type Browser } from "playwright-core";
import { PDFDocument } from "pdf-lib";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../../src/site/open-site-page.js";
import { partnersDemoSite } from "../helpers/demo-site.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";
import { pdfPageTexts, screenshotPdfPages } from "./pdf-pages.js";

const folder = tempFolder();
const screenshots = join(import.meta.dirname, "__screenshots__");
let site: string;
let browser: Browser;
beforeAll(async () => {
  ({ site } = await partnersDemoSite());
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  mkdirSync(screenshots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  folder.cleanup();
});

const today = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date());

describe("anchor-spend report --pdf", () => {
  it("prints an A4 board pack: cover, summary, numbered pages, no inputs or template code, sources with hashes last", async () => {
    const output = join(folder.path, "board.pdf");
    const result = runCli(["report", "--pdf", output, "--institution", "DEMO"], { ANCHOR_SPEND_SITE_OUTPUT: site });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^printed the board pack of Demo NHS Foundation Trust \(\d+ A4 pages\)/);
    const bytes = readFileSync(output);
    const pdf = await PDFDocument.load(bytes);
    for (const page of pdf.getPages()) {
      // A4 is 595.28 × 841.89 points; Chromium rounds to whole CSS pixels (596 × 843).
      expect(Math.abs(page.getSize().width - 595.28)).toBeLessThan(1.5);
      expect(Math.abs(page.getSize().height - 841.89)).toBeLessThan(1.5);
    }
    const texts = await pdfPageTexts(bytes);
    expect(texts.length).toBe(pdf.getPageCount());
    expect(texts.length).toBeGreaterThanOrEqual(3);
    const drawn = await screenshotPdfPages(browser, bytes, join(screenshots, "board-pack-page"));
    expect(drawn).toBe(texts.length);

    const [cover] = texts as [string];
    expect(cover).toContain("Local spend and social value");
    expect(cover).toContain("Institution Demo NHS Foundation Trust");
    expect(cover).toMatch(/Period Financial year 2024\/25/);
    expect(cover).toContain("Definition of local Our seven local authorities, version 1, by registered address (own-local-authorities)");
    expect(cover).toContain(`Date printed ${today}`);
    // The cover is a page of its own: the summary starts the next.
    expect(cover).not.toContain("Summary");
    expect(texts[1]).toMatch(/Summary In financial year 2024\/25 \(April 2024 to March 2025\), Demo NHS Foundation Trust spent £[\d,]+ in published payments; [\d.]+% of it went to local suppliers under “Our seven local authorities”/);

    texts.forEach((text, index) => {
      expect(text, `page ${index + 1}`).toContain(`Page ${index + 1} of ${texts.length}`);
      expect(text, `page ${index + 1}`).not.toContain("${");
      // No input printed: the site's dropdowns name definitions "(version 1, registered address)" and carry labels.
      expect(text, `page ${index + 1}`).not.toMatch(/\(version \d+, [a-z ]+address\)|Institution Demo NHS Foundation Trust Demo London|Search|Download CSV|Table and data/);
    });

    // The sources come last, from their own page on; a page the table runs on to repeats its headings.
    const sourcesFrom = texts.findIndex((text) => text.includes("Data sources"));
    expect(sourcesFrom).toBeGreaterThan(1);
    for (const text of texts.slice(sourcesFrom + 1)) expect(text).toMatch(/^File Kind Rows loaded SHA-256 /);
    const hash = createHash("sha256").update(readFileSync("data/demo/spend/demo-2024-04.csv")).digest("hex");
    // A hash may wrap inside its cell: read without spaces.
    expect(texts.slice(sourcesFrom).join("").replace(/\s/g, "")).toContain(hash);
  }, 300_000); // prints the pack in Chromium and draws every page: minutes, not the 60 s default, on 2 busy cores

  it("refuses, in words, an institution with no spend loaded", () => {
    const result = runCli(["report", "--pdf", join(folder.path, "none.pdf"), "--institution", "NOBODY"], { ANCHOR_SPEND_SITE_OUTPUT: site });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no spend is loaded for institution NOBODY: the board pack can be printed for DEMO, DEMO-BHT, DEMO-LBC/);
  });
});
