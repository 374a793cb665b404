/**
 * The warehouses the site benchmark builds from: the demo's reference and definitions (copied out of the demo
 * institution's folder so that they load as shared ones and the generated institution has a definition of local),
 * then a generated institution of `rows` lines in twelve monthly files, loaded by the compiled load path in its
 * own process. Kept in `folder` as `warehouse-<rows>.duckdb`: `npm run bench -- --warehouses <folder>` reuses one
 * that is there instead of generating and loading it again (a 10M load takes minutes), and
 * `npx tsx scripts/bench/site-warehouses.ts <folder> 1000000,10000000` makes them ahead of a run.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../../src/core/config.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { buildPath, compile } from "../compile.js";
import { generateInstitution } from "./generate-spend.js";

export interface ChildLoad {
  seconds: number; wallSeconds: number; cpuSeconds: number; rows: number; peakRssMb: number;
  sqlMilliseconds: Record<string, number>; sqlCpuMilliseconds: Record<string, number>;
}

/** Loads paths in a child process running the compiled load path (as the CLI does); wall clock includes its start-up. */
export function loadInChild(warehouse: string, paths: string[]): ChildLoad {
  const started = performance.now();
  const output = execFileSync(process.execPath, [join(buildPath, "scripts/bench/load-child.js"), warehouse, ...paths], {
    encoding: "utf-8", maxBuffer: 1 << 24, env: { ...process.env, ANCHOR_SPEND_SQL_TIMINGS: "1" },
  });
  return { ...(JSON.parse(output) as Omit<ChildLoad, "wallSeconds">), wallSeconds: (performance.now() - started) / 1000 };
}

/** A warehouse holding the demo's reference and its definitions as shared ones (made once per folder). */
export function referenceWarehouse(folder: string): string {
  const reference = join(folder, "with-reference.duckdb");
  if (existsSync(reference)) return reference;
  const definitions = join(folder, "definitions");
  cpSync(join(projectRoot, "data/demo/definitions"), definitions, { recursive: true });
  const building = `${reference}.building`;
  rmSync(building, { force: true });
  loadInChild(building, [join(projectRoot, "data/demo/reference"), definitions]);
  renameSync(building, reference);
  return reference;
}

/** `folder`'s warehouse of `rows` generated lines in twelve monthly files, made (and kept) unless already there. */
export async function siteWarehouse(folder: string, rows: number, log: (line: string) => void = console.error): Promise<{ warehouse: string; rows: number; reused: boolean }> {
  const warehouse = join(folder, `warehouse-${rows}.duckdb`);
  const rowsPerMonth = Math.ceil(rows / 12);
  if (existsSync(warehouse)) {
    // Kept from an earlier run of an older schema: upgraded by loading the shared definitions again (which changes nothing else).
    const old = await withWarehouse(warehouse, "read", async () => false).catch((error: Error) => /earlier anchor-spend/.test(error.message));
    if (old) {
      log(`upgrading ${warehouse} to this schema…`);
      referenceWarehouse(folder);
      loadInChild(warehouse, [join(folder, "definitions")]);
    }
    return { warehouse, rows: rowsPerMonth * 12, reused: true };
  }
  const reference = referenceWarehouse(folder);
  log(`generating ${rows.toLocaleString("en-GB")} rows in 12 monthly files…`);
  const institution = await generateInstitution(join(folder, `institution-${rows}`), { rowsPerMonth, months: 12 });
  const building = `${warehouse}.building`;
  cpSync(reference, building);
  log(`loading them…`);
  const load = loadInChild(building, [institution.folder]);
  log(`loaded ${load.rows.toLocaleString("en-GB")} rows in ${load.wallSeconds.toFixed(1)} s`);
  renameSync(building, warehouse);
  rmSync(institution.folder, { recursive: true, force: true });
  return { warehouse, rows: institution.rows, reused: false };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [folder, sizes = "1000000"] = process.argv.slice(2);
  if (!folder) throw new Error("usage: npx tsx scripts/bench/site-warehouses.ts <folder> [rows,rows…]");
  mkdirSync(folder, { recursive: true });
  await compile();
  for (const rows of sizes.split(",").map(Number)) console.log(JSON.stringify(await siteWarehouse(folder, rows)));
}
