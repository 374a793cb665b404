// Opens a page of the served site in headless Chromium as a reader would, noting what went wrong and how many
// bytes came over: shared by the browser test and the benchmark.
import type { Browser, Page } from "playwright-core";

/** Debian's Chromium, unless CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors, failed or off-host requests, HTTP errors. */
  problems: string[];
  /**
   * Bytes of every response body so far, once each body has been read (serveSite compresses nothing, so
   * this is what crossed the wire, less headers).
   */
  bytes: () => Promise<number>;
}

/** Opens `path` of the site at `siteUrl`, waits for the network to settle and every cell to finish loading. */
export async function openSitePage(
  browser: Browser, siteUrl: string, path: string, viewport: { width: number; height: number } = { width: 1200, height: 900 },
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  let bytes = 0;
  const bodies: Promise<void>[] = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    bodies.push(response.body().then((body) => { bytes += body.length; }, () => undefined));
  });
  page.on("request", (request) => {
    const host = new URL(request.url()).hostname;
    if (!["127.0.0.1", ""].includes(host) && !request.url().startsWith("data:")) problems.push(`left 127.0.0.1: ${request.url()}`);
  });
  await page.goto(new URL(path.replace(/^\//, ""), siteUrl).href, { waitUntil: "networkidle" });
  await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 15_000 });
  return { page, problems, bytes: async () => (await Promise.all(bodies), bytes) };
}
