// Builds the site from the demo data (demo-site.ts: once per run, in a folder of its own), serves it on 127.0.0.1 and opens
// every page in Debian's headless Chromium: no console error, no failed request, no request off 127.0.0.1,
// charts drew their marks, every input changed once, and the overview's figures match the warehouse.
// Screenshots go to test/browser/__screenshots__/ to look at.
import { chromium, type Browser } from "playwright-core";
import { readFileSync, readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../observablehq.config.js";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, openSitePage } from "../../src/site/open-site-page.js";
import { serveSite } from "../../src/site/serve-site.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { demoSite } from "../helpers/demo-site.js";

/**
 * WCAG 2 A/AA rules checked by axe-core on every page, but for three that flag markup we do not write:
 * Observable Plot's `<g aria-label>` groups (aria-prohibited-attr), Framework's sidebar list (list) and its
 * viewport meta tag (meta-viewport).
 */
const AXE_EXCEPTIONS = ["aria-prohibited-attr", "list", "meta-viewport"];
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const screenshots = join(import.meta.dirname, "__screenshots__");
const pounds = (value: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 }).format(value);
const percent = (value: number) => new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(value);

describe("the built site in headless Chromium", () => {
  let warehouse: string;
  let site: string;
  let server: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ warehouse, site } = await demoSite());
    ({ server, url: siteUrl } = await serveSite(site, 0));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Opens a page, collecting every problem: console errors, page errors, failed or off-host requests; and bytes transferred. */
  const open = (path: string) => openSitePage(browser, siteUrl, path);

  for (const { name, path } of config.pages) {
    it(`${name} (${path}) loads cleanly, and every input can be changed`, async () => {
      const { page, problems } = await open(path);
      const slug = name.toLowerCase().replace(/\W+/g, "-");
      await page.screenshot({ path: join(screenshots, `${slug}.png`), fullPage: true });
      expect(await page.locator("h1").first().textContent()).toBeTruthy();
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async (exceptions) => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
        return result.violations.filter((v) => !exceptions.includes(v.id)).map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
      }, AXE_EXCEPTIONS);
      expect(violations, "accessibility (axe-core, WCAG 2 AA)").toEqual([]);
      const selects = page.locator("main select");
      for (let index = 0; index < (await selects.count()); index++) {
        const select = selects.nth(index);
        const options = await select.locator("option").count();
        if (options > 1) await select.selectOption({ index: options - 1 });
        await page.waitForTimeout(150);
      }
      const searches = page.locator("main input[type=search]");
      for (let index = 0; index < (await searches.count()); index++) await searches.nth(index).fill("Ltd");
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(screenshots, `${slug}-changed.png`), fullPage: true });
      expect(problems).toEqual([]);
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      await page.close();
    });
  }

  it("shows the warehouse's own figures on the overview, names the definition and period, and stays under 1 MB", async () => {
    const { page, problems, bytes } = await open("/");
    await page.waitForSelector("svg[aria-label*='Local share of spend by month'] g[aria-label='dot'] circle");
    expect(await page.locator("svg[aria-label*='Local share of spend by month'] g[aria-label='dot'] circle").count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator("svg[aria-label='Spend by month, for context'] g[aria-label='bar'] rect").count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator("svg[aria-label*='Top'] g[aria-label='bar'] rect").count()).toBeGreaterThan(5);
    const expected = await withWarehouse(warehouse, "read", async (w) => headline(w, await resolveScope(w)));
    const cards = await page.locator("#headline").innerText();
    expect(cards).toContain(pounds(expected.totalSpend));
    expect(cards).toContain(percent(expected.localShare!));
    expect(cards).toContain(percent(expected.unlocatedShare!));
    const scope = await page.locator("#scope").innerText();
    expect(scope).toContain("own-local-authorities v1, registered address");
    expect(scope).toMatch(/April 2024 to March 2025/);
    expect(await page.locator("main").innerText()).toContain("Demonstration data");
    expect(problems).toEqual([]);
    expect(await bytes()).toBeLessThan(1_000_000);
    await page.close();
  });

  it("publishes no supplier postcode (partner-level data) anywhere in the built site", () => {
    const register = readFileSync("data/demo/suppliers.csv", "utf-8").split("\n").slice(1);
    const postcodes = new Set(register.flatMap((line) => line.match(/\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b/g) ?? []));
    expect(postcodes.size).toBeGreaterThan(50);
    const files = (readdirSync(site, { recursive: true }) as string[]).filter((f) => /\.(html|json|csv)$/.test(f));
    for (const file of files) {
      const content = readFileSync(join(site, file), "utf-8");
      const leaked = [...postcodes].filter((postcode) => content.includes(postcode));
      expect(leaked, file).toEqual([]);
    }
  });

  it("publishes no redacted payee's published name anywhere in the built site", () => {
    const redactedNames = new Set<string>();
    for (const file of readdirSync("data/demo/spend")) {
      for (const line of readFileSync(join("data/demo/spend", file), "utf-8").split("\n")) {
        const match = /,((?:REDACTED|Redacted)[^,]*),/.exec(line);
        if (match) redactedNames.add(match[1]!);
      }
    }
    expect(redactedNames.size).toBeGreaterThan(0);
    const files = (readdirSync(site, { recursive: true }) as string[]).filter((f) => /\.(html|json|js|csv)$/.test(f));
    for (const file of files) {
      const content = readFileSync(join(site, file), "utf-8");
      for (const name of redactedNames) expect(content.includes(name), `${name} in ${file}`).toBe(false);
    }
  });
});
