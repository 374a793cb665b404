import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest folder at or above `start` that holds package.json. */
function folderWithPackageJson(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json"))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

/**
 * The project's root folder (where package.json is), whatever the working directory, and whether this module
 * runs from its TypeScript source or from the compiled JavaScript.
 */
export const projectRoot = folderWithPackageJson(dirname(fileURLToPath(import.meta.url)));

/** Where the warehouse lives unless `--warehouse` or ANCHOR_SPEND_WAREHOUSE says otherwise. */
export const defaultWarehousePath = join("data", "warehouse.duckdb");

/** The shipped demo inputs, loaded by `anchor-spend start` when no paths are given. */
export const demoDataPath = join("data", "demo");
/** Two more synthetic bodies (a council, another trust) and the definition of local all three share. */
export const partnersDemoDataPath = join("data", "partners-demo");

/** The folder the site is built into, served and printed from unless ANCHOR_SPEND_SITE_OUTPUT names another. */
export const defaultSitePath = join(projectRoot, "dist");

/** The site's folder: ANCHOR_SPEND_SITE_OUTPUT (observablehq.config.ts reads it too), else dist/. */
export function sitePath(): string {
  const output = process.env.ANCHOR_SPEND_SITE_OUTPUT;
  return output ? resolve(output) : defaultSitePath;
}


/** The review file `suppliers match` writes (beside the warehouse unless --to says where) and `suppliers review --accept` reads. */
export const reviewFileName = "suppliers-to-review.csv";
