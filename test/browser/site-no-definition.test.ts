// The built site (the analysts' build, --level internal) of the demo trust and a second institution that has no
// definition of local (demo-site.ts sitesWithTestBody: a body with spend and nothing else, two bad cells among it),
// served on 127.0.0.1 and opened in Debian's headless Chromium: every page builds and shows a plain message and no
// error for that institution, and the analysts' Quarantined rows page lists every quarantined row. Apart from
// site.test.ts so that the two run side by side.
import { chromium, type Browser } from "playwright-core";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../observablehq.config.js";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, openSitePage } from "../../src/site/open-site-page.js";
import { serveSite } from "../../src/site/serve-site.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { sitesWithTestBody } from "../helpers/demo-site.js";
import { LAYOUT_PROBLEMS } from "./layout-problems.js";
import { makeScreenshotFolder, screenshot, slug } from "./screenshots.js";

describe("the built site with a second institution that has no definition of local", () => {
  let warehouse: string;
  let server: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    // The analysts' build (--level internal) of the demo and a body with spend and nothing else: its Quarantined
    // rows page is tested below.
    let internalSite: string;
    ({ warehouse, internalSite } = await sitesWithTestBody());
    ({ server, url: siteUrl } = await serveSite(internalSite, 0));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    await makeScreenshotFolder();
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  for (const { name, path } of config.pages) {
    it(`${name} (${path}) builds, and shows a plain message and no error for that institution`, async () => {
      const { page, problems } = await openSitePage(browser, siteUrl, path);
      const institution = page.locator("main select").first();
      if ((await institution.count()) > 0 && (await institution.locator("option", { hasText: "Body With No Definition" }).count()) > 0) {
        await institution.selectOption({ label: "Body With No Definition" });
        await page.waitForTimeout(400);
        if (["/", "/suppliers", "/market"].includes(path)) expect(await page.locator("#no-definition").innerText()).toContain("No definition of local is loaded for Body With No Definition");
      }
      await screenshot(page, `no-definition-${slug(name)}`);
      expect(problems).toEqual([]);
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(await page.evaluate(LAYOUT_PROBLEMS)).toEqual([]);
      await page.close();
    });
  }

  it("lists every quarantined row, with file, row, column, raw value and reason, searchable, in the analysts' build", async () => {
    const { page, problems } = await openSitePage(browser, siteUrl, "/quarantine", { width: 1366, height: 900 });
    expect(await page.locator(".internal-build").innerText()).toContain("Not for publication");
    expect(await page.locator("#observablehq-sidebar").innerText()).toContain("Quarantined rows");
    const expected = await withWarehouse(warehouse, "read", (w) => w.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM quarantine"));
    expect(await page.locator("#quarantine-count").innerText()).toContain(`${expected.n} rows quarantined`);
    await page.locator("main input[type=search]").fill("TBC");
    await page.waitForTimeout(300);
    const rows = await page.locator("main table tbody tr").allInnerTexts();
    // The demo's two: data/demo/spend/demo-2024-10.csv row 150 (Amount) and social-value/returns.csv row 42 (Delivered).
    expect(rows).toHaveLength(2);
    expect(rows.join("\n")).toMatch(/demo-2024-10\.csv\s+150\s+Amount\s+TBC\s+Not an amount/);
    expect(rows.join("\n")).toMatch(/returns\.csv\s+42\s+Delivered\s+TBC/);
    await screenshot(page, "internal-quarantined-rows-1366");
    expect(problems).toEqual([]);
    expect(await page.evaluate(LAYOUT_PROBLEMS)).toEqual([]);
    await page.close();
  });
});
