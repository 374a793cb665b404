// Builds the site from the demo trust and the partners demo (demo-site.ts: once per run, in a folder of its own),
// serves it on 127.0.0.1 and opens every page in Debian's headless Chromium at 1366 and 390 px wide: no console
// error, no failed request, no request off 127.0.0.1, no template code, nothing past the viewport or out of its
// box, no chart label or table cell cut, charts drew their marks, every input changed once, and the overview's
// figures match the warehouse. (The same site with a second institution that has no definition of local:
// site-no-definition.test.ts, which runs beside this file.) With ANCHOR_SPEND_SCREENSHOTS=1, screenshots of every
// page at both widths go to test/browser/__screenshots__/ (git-ignored) to look at.
import { chromium, type Browser } from "playwright-core";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../observablehq.config.js";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, openSitePage } from "../../src/site/open-site-page.js";
import { serveSite } from "../../src/site/serve-site.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { partnersDemoSite } from "../helpers/demo-site.js";
import { LAYOUT_PROBLEMS } from "./layout-problems.js";
import { makeScreenshotFolder, screenshot, slug } from "./screenshots.js";

const WIDE = { width: 1366, height: 900 };
const NARROW = { width: 390, height: 844 };
const WIDTHS = [WIDE, NARROW];

/**
 * WCAG 2 A/AA rules checked by axe-core on every page, but for three that flag markup we do not write:
 * Observable Plot's `<g aria-label>` groups (aria-prohibited-attr), Framework's sidebar list (list) and its
 * viewport meta tag (meta-viewport).
 */
const AXE_EXCEPTIONS = ["aria-prohibited-attr", "list", "meta-viewport"];
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const pounds = (value: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 }).format(value);
const percent = (value: number) => new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(value);

describe("the built site in headless Chromium", () => {
  let warehouse: string;
  let site: string;
  let server: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ warehouse, site } = await partnersDemoSite());
    ({ server, url: siteUrl } = await serveSite(site, 0));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    await makeScreenshotFolder();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Opens a page, collecting every problem: console errors, page errors, failed or off-host requests; and bytes transferred. */
  const open = (path: string) => openSitePage(browser, siteUrl, path);

  for (const { name, path } of config.pages) {
    it(`${name} (${path}) reads cleanly at 390 px: no template code, overflow or cut label`, async () => {
      const { page, problems } = await openSitePage(browser, siteUrl, path, NARROW);
      await page.waitForTimeout(300);
      await screenshot(page, `${slug(name)}-${NARROW.width}`);
      expect(await page.evaluate(LAYOUT_PROBLEMS), `${name} at ${NARROW.width} px`).toEqual([]);
      expect(problems, `${name} at ${NARROW.width} px`).toEqual([]);
      await page.close();
    });

    it(`${name} (${path}) reads cleanly at 1366 px, passes axe, and every input can be changed`, async () => {
      const { page, problems } = await openSitePage(browser, siteUrl, path, WIDE);
      await page.waitForTimeout(300);
      await screenshot(page, `${slug(name)}-${WIDE.width}`);
      expect(await page.evaluate(LAYOUT_PROBLEMS), `${name} at ${WIDE.width} px`).toEqual([]);
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
      await screenshot(page, `${slug(name)}-changed`);
      expect(problems).toEqual([]);
      expect(await page.evaluate(LAYOUT_PROBLEMS), `${name} after its inputs changed`).toEqual([]);
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

  it("maps the headline area on What counts as local: one map per place, authorities shaded, outlined and named, at both widths", async () => {
    for (const viewport of WIDTHS) {
      const { page, problems, bytes } = await openSitePage(browser, siteUrl, "/local", viewport);
      const maps = page.locator(".area-maps svg[aria-label^='Map of']");
      expect(await maps.count(), `${viewport.width} px`).toBe(2);
      for (const [index, shaded] of [4, 3].entries()) {
        // Two geo marks: the neighbours outlined, then the area's own authorities shaded (East London 4, Bedfordshire 3).
        expect(await maps.nth(index).locator("g[aria-label='geo']").count()).toBe(2);
        expect(await maps.nth(index).locator("g[aria-label='geo']").nth(1).locator("path").count()).toBe(shaded);
        expect(await maps.nth(index).locator("g[aria-label='dot'] circle").count()).toBeGreaterThan(3);
      }
      const names = (await page.locator(".area-maps svg g[aria-label='text'] text").allTextContents());
      for (const name of ["City of London", "Hackney", "Newham", "Tower Hamlets", "Bedford", "Central Bedfordshire", "Luton"]) expect(names, `${name} at ${viewport.width} px`).toContain(name);
      expect(names.length, "neighbours named too").toBeGreaterThan(10);
      await screenshot(page.locator(".area-maps"), `local-maps-${viewport.width}`);
      expect(problems).toEqual([]);
      expect(await bytes()).toBeLessThan(1_000_000);
      await page.close();
    }
  });

  it("keeps quarantined rows out of the public site: its Quarantined rows page says where analysts find them", async () => {
    const { page, problems } = await openSitePage(browser, siteUrl, "/quarantine");
    expect(await page.locator("#public-note").innerText()).toContain("never shows a raw value");
    expect(await page.locator("main table").count()).toBe(0);
    expect(await page.locator("#observablehq-sidebar").innerText()).not.toContain("Quarantined rows");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("compares the three demo bodies on the Partners page under the shared definition, and says the rule", async () => {
    const { page, problems } = await open("/partners");
    await page.locator("main select").first().selectOption({ label: "The partnership's two integrated care boards (shared) (version 1, registered address)" });
    await page.waitForTimeout(300);
    expect(await page.locator("#compared").innerText()).toContain("3 institutions compared under The partnership's two integrated care boards (shared)");
    const table = await page.locator("main table").innerText();
    for (const name of ["Demo NHS Foundation Trust", "Demo London Borough Council", "Demo Bedfordshire Hospitals NHS Trust"]) expect(table).toContain(name);
    expect(await page.locator("main").innerText()).toContain("Institutions can be compared only under the same definition of local");
    // A body's own definition leaves the others out, and the page says why.
    await page.locator("main select").first().selectOption({ label: "Our borough and its neighbours (version 1, registered address)" });
    await page.waitForTimeout(300);
    expect(await page.locator("#missing").innerText()).toMatch(/Not compared: Demo Bedfordshire Hospitals NHS Trust, Demo NHS Foundation Trust|Not compared: Demo NHS Foundation Trust, Demo Bedfordshire Hospitals NHS Trust/);
    expect(problems).toEqual([]);
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
