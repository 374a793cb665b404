// Screenshots of the built site's pages, for a person to look at, never checked: taken only when asked for
// (ANCHOR_SPEND_SCREENSHOTS=1), into test/browser/__screenshots__/ (git-ignored), as a full-page screenshot of every
// page costs the test run about a second each. Used by the browser tests (site.test.ts, site-no-definition.test.ts).
import type { Locator, Page } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

const screenshots = join(import.meta.dirname, "__screenshots__");
const SCREENSHOTS = process.env.ANCHOR_SPEND_SCREENSHOTS === "1";

/** The folder screenshots go to, made when screenshots are asked for. */
export const makeScreenshotFolder = () => (SCREENSHOTS ? mkdir(screenshots, { recursive: true }) : Promise.resolve(undefined));

/** A screenshot of a page (full page) or of one element, named `file`, when asked for. */
export const screenshot = async (target: Page | Locator, file: string) => {
  if (SCREENSHOTS) await target.screenshot({ path: join(screenshots, `${file}.png`), ...("goto" in target ? { fullPage: true } : {}) });
};

/** A page's name as a file name. */
export const slug = (name: string) => name.toLowerCase().replace(/\W+/g, "-");
