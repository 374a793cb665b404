import { spawn } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { defaultSitePath, projectRoot } from "../core/config.js";
import { removeAbandoned } from "../core/remove-abandoned.js";
import { institutionsWithoutDefinition, withoutDefinitionAdvice } from "../model/institutions-without-definition.js";
import { withWarehouse } from "../warehouse/warehouse.js";
import { withBuildLock } from "./build-lock.js";
import { prepareOfflineCache } from "./prepare-offline-cache.js";
import { writePageData } from "./write-page-data.js";
import type { SiteLevel } from "./page-data/page-data-files.js";

export const distPath = defaultSitePath;

export interface BuildSiteOptions {
  /** Where the site is written (observablehq.config.ts reads it from ANCHOR_SPEND_SITE_OUTPUT); dist/ unless given. */
  outputDir?: string;
  /** Who the site is for: public (the default) or internal (analysts: quarantined rows with raw values; never to be published). */
  level?: SiteLevel;
}

/**
 * Builds the static site from the warehouse, offline: writes every page's data into pages/data from one
 * warehouse connection in this process (src/site/write-page-data.ts; no data loaders run), fills the npm cache
 * from node_modules, then runs `observable build` into a new folder beside the output (`dist.building-<pid>`),
 * which replaces the output whole once the build succeeds: a failed or killed build leaves the published site
 * as it was (a killed one leaves its folder, removed by the next build).
 * Framework's cache (pages/.observablehq/cache) is cleared of everything but the bundles of npm modules, so that
 * nothing else of an earlier build is reused; the bundles are rebuilt only when their version changes
 * (keptBundles).
 * pages/data is shared by every build from this tree: a build elsewhere (the benchmark's) leaves its own
 * warehouse's data there, which the next build rewrites before it runs; one build runs at a time in a tree
 * (build-lock.ts), a second waits.
 */
export async function buildSite(warehousePath: string, log: (line: string) => void = console.error, options: BuildSiteOptions = {}): Promise<void> {
  // Refused before waiting for another build: no site can come of a warehouse where no institution has a definition.
  await checkDefinitions(warehousePath, log);
  await withBuildLock(log, () => buildSiteLocked(warehousePath, log, options));
}

async function buildSiteLocked(warehousePath: string, log: (line: string) => void, { outputDir, level = "public" }: BuildSiteOptions): Promise<void> {
  const outputPath = outputDir === undefined ? distPath : resolve(outputDir);
  const building = `${outputPath}.building-${process.pid}`;
  removeAbandoned(dirname(outputPath), `${basename(outputPath)}.building-`);
  restoreInterruptedSwap(outputPath);
  await rm(building, { recursive: true, force: true });
  const kept = await keptBundles();
  for (const entry of await readdir(frameworkCache).catch(() => [])) if (!kept.includes(entry)) await rm(join(frameworkCache, entry), { recursive: true, force: true });
  let started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const written = await writePageData(warehousePath, undefined, level);
  log(`page data in ${seconds()}: ${written.map(({ file, bytes }) => `${file} ${Math.round(bytes / 1000)} KB`).join(", ")}`);
  const prepared = await prepareOfflineCache();
  log(`offline npm cache: ${prepared.join(", ")}`);
  const require = createRequire(join(projectRoot, "package.json"));
  const frameworkBin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist", "bin", "observable.js");
  started = performance.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [frameworkBin, "build"], {
      cwd: projectRoot,
      env: {
        ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true",
        ANCHOR_SPEND_SITE_OUTPUT: building, ANCHOR_SPEND_SITE_LEVEL: level,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) {
        log(`observable build in ${seconds()}:\n${output.trim().split("\n").slice(-14).join("\n")}`);
        done();
      } else {
        fail(new Error(`observable build failed (exit ${code}):\n${output}`));
      }
    });
  }).catch(async (error: unknown) => {
    await rm(building, { recursive: true, force: true });
    throw error;
  });
  await writeFile(nodeBundlesComplete, frameworkVersion());
  swapIn(building, outputPath);
}

const frameworkCache = join(projectRoot, "pages", ".observablehq", "cache");
/** Written after a build that succeeded (naming Framework's version), removed before one starts. */
const nodeBundlesComplete = join(frameworkCache, "_node.complete");

function frameworkVersion(): string {
  const require = createRequire(join(projectRoot, "package.json"));
  return `@observablehq/framework@${(require("@observablehq/framework/package.json") as { version: string }).version}`;
}

/**
 * The cache entries a build keeps: `_npm` (prepare-offline-cache.ts writes each bundle whole, then renames it),
 * and `_node`, Framework's own bundles of the modules pages import from node_modules (about 13 s of a build to
 * make), named `<name>@<version>` like `_npm`, so a bundle there is its installed version's. Framework writes a
 * `_node` bundle in place and reuses any file it finds, so `_node` is kept only when the build before this one
 * finished (a killed or failed build may have left a bundle half-written) with the same Framework (which made
 * the bundles): the marker says both, and is removed here until this build finishes.
 */
async function keptBundles(): Promise<string[]> {
  const nodeComplete = existsSync(nodeBundlesComplete) && (await readFile(nodeBundlesComplete, "utf-8")) === frameworkVersion();
  await rm(nodeBundlesComplete, { force: true });
  return nodeComplete ? ["_npm", "_node"] : ["_npm"];
}

/**
 * Warns of each institution with spend and no definition of local (its pages say so), and refuses in words, before
 * anything is written, when no institution has one: every page of the site is about local spend.
 */
async function checkDefinitions(warehousePath: string, log: (line: string) => void): Promise<void> {
  const { missing, withSpend } = await withWarehouse(warehousePath, "read", async (warehouse) => ({
    missing: await institutionsWithoutDefinition(warehouse),
    withSpend: Number((await warehouse.one<{ n: number }>("SELECT count(DISTINCT institution_id) AS n FROM current_spend")).n),
  }));
  if (missing.length === 0) return;
  if (missing.length === withSpend) throw new Error(`cannot build the site: ${withoutDefinitionAdvice(missing)}`);
  log(`warning: ${withoutDefinitionAdvice(missing)} Its pages say so.`);
}

/**
 * Puts the new build in the output's place: the old output is renamed aside, the new one renamed in, the old
 * removed. Between the two renames (microseconds) there is no output folder; a kill there leaves the old one
 * aside, which restoreInterruptedSwap puts back.
 */
function swapIn(building: string, outputPath: string): void {
  const previous = `${outputPath}.previous-${process.pid}`;
  if (existsSync(outputPath)) renameSync(outputPath, previous);
  renameSync(building, outputPath);
  removeAbandoned(dirname(outputPath), `${basename(outputPath)}.previous-`);
  rmSync(previous, { recursive: true, force: true });
}

/** An output folder missing beside an old one set aside by a killed swap: the old one goes back. */
function restoreInterruptedSwap(outputPath: string): void {
  if (existsSync(outputPath)) return;
  const prefix = `${basename(outputPath)}.previous-`;
  const aside = existsSync(dirname(outputPath)) ? readdirSync(dirname(outputPath)).find((name) => name.startsWith(prefix)) : undefined;
  if (aside) renameSync(join(dirname(outputPath), aside), outputPath);
}

