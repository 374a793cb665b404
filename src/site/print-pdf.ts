import { chromium } from "playwright-core";
import { PDFDocument } from "pdf-lib";
import { writeFile } from "node:fs/promises";
import { distPath } from "./build-site.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./open-site-page.js";
import { serveSite } from "./serve-site.js";

/** The page a board pack prints: pages/board-pack.md (cover, summary, figures, charts, tables, sources). */
export const BOARD_PACK_PAGE = "/board-pack";

/** Every page's foot: its number of the whole, and whose report it is (Chromium fills pageNumber and totalPages). */
function footer(title: string): string {
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<div style="font: 8pt sans-serif; color: #444; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;">`
    + `<span>${escaped}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
}

/**
 * Prints the board pack of one institution (the page's default when none is named) from the built site to an A4
 * PDF through headless Chromium (Debian's, at /usr/bin/chromium), with the site's print stylesheet (no navigation or
 * inputs; charts kept with their headings; tables break between rows and repeat their headings) and a page number
 * on every page. Returns the institution and the number of pages printed.
 */
export async function printPdf(outputPath: string, { institution, site = distPath }: { institution?: string; site?: string } = {}): Promise<{ institution: string; pages: number }> {
  const { server, url } = await serveSite(site, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    // A4 at 96 px per inch less the side margins: the charts are drawn at the width they print at.
    const page = await browser.newPage({ viewport: { width: 740, height: 1100 } });
    const address = new URL(BOARD_PACK_PAGE.replace(/^\//, ""), url);
    if (institution) address.searchParams.set("institution", institution);
    const response = await page.goto(address.href, { waitUntil: "networkidle" });
    if (!response || response.status() >= 400) throw new Error("the built site has no board pack page: run `anchor-spend build` first");
    await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 30_000 });
    const name = (await page.locator("#cover-institution").innerText()).trim();
    const shown = (await page.locator("#board-institution").textContent())?.trim();
    if (institution && shown !== institution) throw new Error(`no spend is loaded for institution ${institution}: the board pack can be printed for ${await page.locator("#board-institutions").textContent()}`);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({
      format: "A4", printBackground: true, displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: footer(`${name}: board report`),
      margin: { top: "15mm", bottom: "18mm", left: "12mm", right: "12mm" },
    });
    await writeFile(outputPath, pdf);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    await page.close();
    return { institution: name, pages };
  } finally {
    await browser.close();
    server.close();
  }
}
