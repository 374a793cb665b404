// Builds the site from the demo data (loaded into a temporary warehouse), serves dist/ on 127.0.0.1 and opens
// every page in Debian's headless Chromium: no console error, no failed request, no request off 127.0.0.1,
// and the charts drew their marks. Screenshots go to test/browser/__screenshots__/ to look at.
import { chromium, type Browser } from "playwright-core";
import { readFileSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../observablehq.config.js";
import { buildSite, distPath } from "../../src/site/build-site.js";
import { serveSite } from "../../src/site/serve-site.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const screenshots = join(import.meta.dirname, "__screenshots__");

describe("the built site in headless Chromium", () => {
  const folder = tempFolder();
  let server: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const warehouse = join(folder.path, "warehouse.duckdb");
    const load = runCli(["load", "data/demo", "--warehouse", warehouse]);
    if (load.status !== 0) throw new Error(load.stderr);
    await buildSite(warehouse, () => undefined);
    ({ server, url: siteUrl } = await serveSite(distPath, 0));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    folder.cleanup();
  });

  for (const { name, path } of config.pages) {
    it(`${name} (${path}) loads cleanly`, async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
      page.on("response", (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
      page.on("request", (request) => {
        const host = new URL(request.url()).hostname;
        if (!["127.0.0.1", ""].includes(host) && !request.url().startsWith("data:")) problems.push(`left 127.0.0.1: ${request.url()}`);
      });
      await page.goto(new URL(path.replace(/^\//, ""), siteUrl).href, { waitUntil: "networkidle" });
      await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), undefined, { timeout: 15_000 });
      await page.screenshot({ path: join(screenshots, `${name.toLowerCase().replace(/\W+/g, "-")}.png`), fullPage: true });
      expect(problems).toEqual([]);
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(await page.locator("h1").first().textContent()).toBeTruthy();
      await page.close();
    });
  }

  it("draws the overview's charts, naming the definition and the period", async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl, { waitUntil: "networkidle" });
    await page.waitForSelector("svg[aria-label*='Monthly spend'] g[aria-label='bar'] rect");
    expect(await page.locator("svg[aria-label*='Monthly spend'] g[aria-label='bar'] rect").count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator("svg[aria-label*='Top'] g[aria-label='bar'] rect").count()).toBeGreaterThan(5);
    const text = await page.locator("main").innerText();
    expect(text).toContain("own-local-authorities v1");
    expect(text).toMatch(/1 April 2024 to 31 March 2025/);
    expect(text).toContain("Demonstration data");
    await page.close();
  });

  it("publishes no redacted payee's published name anywhere in dist/", () => {
    const redactedNames = new Set<string>();
    for (const file of readdirSync("data/demo/spend")) {
      for (const line of readFileSync(join("data/demo/spend", file), "utf-8").split("\n")) {
        const match = /,((?:REDACTED|Redacted)[^,]*),/.exec(line);
        if (match) redactedNames.add(match[1]!);
      }
    }
    expect(redactedNames.size).toBeGreaterThan(0);
    const files = (readdirSync(distPath, { recursive: true }) as string[]).filter((f) => /\.(html|json|js|csv)$/.test(f));
    for (const file of files) {
      const content = readFileSync(join(distPath, file), "utf-8");
      for (const name of redactedNames) expect(content.includes(name), `${name} in ${file}`).toBe(false);
    }
  });
});
