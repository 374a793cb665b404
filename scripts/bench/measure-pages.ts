// The pages of a built site as a reader's browser gets them: served on 127.0.0.1, each opened in headless
// Chromium, every response body counted. Without Chromium it says so rather than failing the benchmark.
import { chromium, type Browser } from "playwright-core";
import { existsSync } from "node:fs";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, openSitePage } from "../../src/site/open-site-page.js";
import { serveSite } from "../../src/site/serve-site.js";

export type PageFigures = { path: string; bytes: number; problems: string[] };
export type PagesFigures = { pages: PageFigures[] } | { notMeasured: string };

/** The site's pages, as observablehq.config.ts lists them. */
export async function sitePaths(): Promise<string[]> {
  const config = (await import("../../observablehq.config.js")).default as { pages: { path: string }[] };
  return config.pages.map((page) => page.path);
}

export async function measurePages(siteRoot: string, paths: string[]): Promise<PagesFigures> {
  if (!existsSync(CHROMIUM_PATH)) return { notMeasured: "no chromium" };
  const { server, url } = await serveSite(siteRoot, 0);
  let browser: Browser | undefined;
  try {
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
    } catch (error) {
      return { notMeasured: `chromium did not start: ${(error as Error).message.split("\n")[0]}` };
    }
    const pages: PageFigures[] = [];
    for (const path of paths) {
      // Browser.newPage opens each page in a fresh context: nothing cached from the page before.
      const { page, problems, bytes } = await openSitePage(browser, url, path);
      pages.push({ path, bytes: await bytes(), problems });
      await page.close();
    }
    return { pages };
  } finally {
    await browser?.close();
    server.close();
  }
}
