import { chromium } from "playwright-core";
import { PDFDocument } from "pdf-lib";
import { writeFile } from "node:fs/promises";
import { distPath } from "./build-site.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./open-site-page.js";
import { serveSite } from "./serve-site.js";

/** The pages a board paper carries, in order. */
export const BOARD_PAPER_PAGES = ["/", "/social-value"];

/**
 * Prints pages of the built site to one PDF through headless Chromium (Debian's, at /usr/bin/chromium),
 * using the site's print stylesheet: navigation hidden, tables shown. Pages not in the build are skipped.
 */
export async function printPdf(outputPath: string, pages: readonly string[] = BOARD_PAPER_PAGES, site: string = distPath): Promise<string[]> {
  const { server, url } = await serveSite(site, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const printed: string[] = [];
  try {
    const merged = await PDFDocument.create();
    for (const path of pages) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const response = await page.goto(new URL(path.replace(/^\//, ""), url).href, { waitUntil: "networkidle" });
      if (!response || response.status() >= 400) {
        await page.close();
        continue;
      }
      await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 15_000 });
      await page.emulateMedia({ media: "print" });
      const pdf = await PDFDocument.load(await page.pdf({ format: "A4", printBackground: true, margin: { top: "15mm", bottom: "15mm", left: "12mm", right: "12mm" } }));
      for (const copied of await merged.copyPages(pdf, pdf.getPageIndices())) merged.addPage(copied);
      printed.push(path);
      await page.close();
    }
    if (printed.length === 0) throw new Error("none of the board paper's pages is in the built site: run `anchor-spend build` first");
    await writeFile(outputPath, await merged.save());
    return printed;
  } finally {
    await browser.close();
    server.close();
  }
}
