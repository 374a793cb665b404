import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "../core/config.js";
import { withWarehouse } from "../warehouse/warehouse.js";
import { PAGE_DATA, type SiteLevel } from "./page-data/page-data-files.js";
import { withheldNames, withoutNames } from "./page-data/withhold-names.js";
import { materialiseForPages } from "./page-data/materialise-marts.js";

/** Where the pages find their data: written here before each build, git-ignored, never edited by hand. */
export const pageDataPath = join(projectRoot, "pages", "data");

/** Written data files end so (.arrow: written by earlier versions); anything else in pages/data (a README, a data loader) is source and kept. */
const WRITTEN = /\.(json|arrow)$/;

/**
 * Computes every page's data from the warehouse, once, in this process, through one read-only connection
 * (the views every page reads computed once for it: materialise-marts.ts), and writes each file into pages/data for Framework to read as a static file. Clears the files of the
 * previous build first, so that a file no page reads any more cannot be served stale (nor an internal build's rows
 * reach a public one). `level` says who the build is for (page-data-files.ts, SiteLevel). Returns the files
 * written with their sizes in bytes.
 */
export async function writePageData(warehousePath: string, folder = pageDataPath, level: SiteLevel = "public"): Promise<{ file: string; bytes: number }[]> {
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(folder)) if (WRITTEN.test(name)) await rm(join(folder, name));
  return withWarehouse(warehousePath, "read", async (warehouse) => {
    await materialiseForPages(warehouse);
    const written: { file: string; bytes: number }[] = [];
    // Withheld individuals are withheld from every site built, the analysts' too (the warehouse and `report` keep the names).
    const withheld = await withheldNames(warehouse);
    for (const compute of PAGE_DATA) {
      for (const [file, value] of Object.entries(await compute(warehouse, level))) {
        const bytes = Buffer.from(JSON.stringify(withoutNames(value, withheld)));
        await writeFile(join(folder, file), bytes);
        written.push({ file, bytes: bytes.length });
      }
    }
    return written;
  });
}
