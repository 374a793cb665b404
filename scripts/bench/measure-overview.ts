// The overview page of a built site as a reader's browser gets it: served on 127.0.0.1, opened in headless
// Chromium, every response body counted. Without Chromium it says so rather than failing the benchmark.
import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, openSitePage } from "../../src/site/open-site-page.js";
import { serveSite } from "../../src/site/serve-site.js";

export type OverviewFigures = { bytes: number; problems: string[] } | { notMeasured: string };

export async function measureOverview(siteRoot: string): Promise<OverviewFigures> {
  if (!existsSync(CHROMIUM_PATH)) return { notMeasured: "no chromium" };
  const { server, url } = await serveSite(siteRoot, 0);
  let browser: Browser | undefined;
  try {
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    } catch (error) {
      return { notMeasured: `chromium did not start: ${(error as Error).message.split("\n")[0]}` };
    }
    const { page, problems, bytes } = await openSitePage(browser, url, "/");
    const transferred = await bytes();
    await page.close();
    return { bytes: transferred, problems };
  } finally {
    await browser?.close();
    server.close();
  }
}
