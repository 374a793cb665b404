import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { projectRoot } from "../core/config.js";
import { prepareOfflineCache } from "./prepare-offline-cache.js";

export const distPath = join(projectRoot, "dist");

export interface BuildSiteOptions {
  /** Where the site is written (observablehq.config.ts reads it from ANCHOR_SPEND_SITE_OUTPUT); dist/ unless given. */
  outputDir?: string;
}

/**
 * Builds the static site from the warehouse, offline: cleans the previous output and Framework's loader
 * cache (Framework would otherwise reuse stale loader output), fills the npm cache from node_modules,
 * then runs `observable build` with the warehouse path in ANCHOR_SPEND_WAREHOUSE.
 * The loader cache is Framework's one folder, pages/.observablehq/cache, whatever the output folder: a build
 * elsewhere (the benchmark's) clears it too and leaves its own warehouse's loader output there, which the
 * next build into dist/ clears again before it runs.
 */
export async function buildSite(warehousePath: string, log: (line: string) => void = console.error, { outputDir }: BuildSiteOptions = {}): Promise<void> {
  const outputPath = outputDir === undefined ? distPath : resolve(outputDir);
  // Framework clears only an output folder inside the project: clear it here, wherever it is.
  await rm(outputPath, { recursive: true, force: true });
  await rm(join(projectRoot, "pages", ".observablehq", "cache"), { recursive: true, force: true });
  const prepared = await prepareOfflineCache();
  log(`offline npm cache: ${prepared.join(", ")}`);
  const require = createRequire(join(projectRoot, "package.json"));
  const frameworkBin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist", "bin", "observable.js");
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [frameworkBin, "build"], {
      cwd: projectRoot,
      env: {
        ...process.env, ANCHOR_SPEND_WAREHOUSE: resolve(warehousePath), OBSERVABLE_TELEMETRY_DISABLE: "true",
        // Unset (not inherited) for dist/, so that the config's own default applies.
        ANCHOR_SPEND_SITE_OUTPUT: outputDir === undefined ? undefined : outputPath,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) {
        log(output.trim().split("\n").slice(-14).join("\n"));
        done();
      } else {
        fail(new Error(`observable build failed (exit ${code}):\n${output}`));
      }
    });
  });
}
