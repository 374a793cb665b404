// Reads a PDF as a reader would: its text page by page (pdf.js in Node), and each page drawn to a PNG by pdf.js
// in headless Chromium, served from node_modules through a route on 127.0.0.1 (nothing leaves the machine).
import type { Browser } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const pdfjsFolder = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Each page's text, in reading order, lines joined by spaces. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " "));
  }
  await document.destroy();
  return texts;
}

/** Draws every page of the PDF in Chromium with pdf.js and saves page-1.png, page-2.png… as `${prefix}-N.png`. */
export async function screenshotPdfPages(browser: Browser, bytes: Uint8Array, prefix: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
  const base = "http://127.0.0.1/pdf-pages/";
  // The drawing runs in the page's own module script (a function handed to page.evaluate would be rewritten by vitest).
  const viewer = `<!doctype html><html><body style="margin:0;background:#888"><canvas id="page"></canvas><script type="module">
    import * as pdfjs from "./pdf.mjs";
    pdfjs.GlobalWorkerOptions.workerSrc = "./pdf.worker.mjs";
    const pdf = await pdfjs.getDocument("./document.pdf").promise;
    window.drawPage = async (n) => {
      const pdfPage = await pdf.getPage(n);
      const viewport = pdfPage.getViewport({ scale: 1.4 });
      const canvas = document.getElementById("page");
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      await pdfPage.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
    };
    window.pageCount = pdf.numPages;
  </script></body></html>`;
  const files: Record<string, { body: Buffer; type: string }> = {
    "index.html": { body: Buffer.from(viewer), type: "text/html" },
    "pdf.mjs": { body: readFileSync(join(pdfjsFolder, "build", "pdf.mjs")), type: "text/javascript" },
    "pdf.worker.mjs": { body: readFileSync(join(pdfjsFolder, "build", "pdf.worker.mjs")), type: "text/javascript" },
    "document.pdf": { body: Buffer.from(bytes), type: "application/pdf" },
  };
  await page.route(`${base}**`, (route) => {
    const file = files[new URL(route.request().url()).pathname.replace("/pdf-pages/", "")];
    return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${base}index.html`);
  await page.waitForFunction("typeof window.pageCount === 'number'", undefined, { timeout: 30_000 });
  const pages = Number(await page.evaluate("window.pageCount"));
  for (let number = 1; number <= pages; number++) {
    await page.evaluate(`window.drawPage(${number})`);
    await page.locator("#page").screenshot({ path: `${prefix}-${number}.png` });
  }
  await page.close();
  return pages;
}
