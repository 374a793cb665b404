// `anchor-spend report --pdf`: the board paper printed from the built site through headless Chromium.
import { PDFDocument } from "pdf-lib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSite } from "../helpers/demo-site.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
let site: string;
beforeAll(async () => {
  ({ site } = await demoSite());
});
afterAll(() => folder.cleanup());

describe("anchor-spend report --pdf", () => {
  it("prints the board paper's pages to one A4 PDF", async () => {
    const output = join(folder.path, "board.pdf");
    const result = runCli(["report", "--pdf", output], { ANCHOR_SPEND_SITE_OUTPUT: site });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^printed \//);
    const pdf = await PDFDocument.load(readFileSync(output));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    const { width, height } = pdf.getPage(0).getSize();
    // A4 is 595.28 × 841.89 points; Chromium rounds to whole CSS pixels (596 × 843).
    expect(Math.abs(width - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(height - 841.89)).toBeLessThan(1.5);
  });
});
