import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { projectRoot } from "../config.js";
import { prepareOfflineCache } from "./prepare-offline-cache.js";

export const distPath = join(projectRoot, "dist");

/**
 * Builds the static site from the warehouse, offline: cleans the previous output and Framework's loader
 * cache (Framework would otherwise reuse stale loader output), fills the npm cache from node_modules,
 * then runs `observable build` with the warehouse path in ANCHOR_SPEND_WAREHOUSE.
 */
export async function buildSite(warehousePath: string, log: (line: string) => void = console.error): Promise<void> {
  await rm(distPath, { recursive: true, force: true });
  await rm(join(projectRoot, "pages", ".observablehq", "cache"), { recursive: true, force: true });
  const prepared = await prepareOfflineCache();
  log(`offline npm cache: ${prepared.join(", ")}`);
  const require = createRequire(join(projectRoot, "package.json"));
  const frameworkBin = join(dirname(require.resolve("@observablehq/framework/package.json")), "dist", "bin", "observable.js");
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [frameworkBin, "build"], {
      cwd: projectRoot,
      env: { ...process.env, ANCHOR_SPEND_WAREHOUSE: resolve(warehousePath), OBSERVABLE_TELEMETRY_DISABLE: "true" },
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
