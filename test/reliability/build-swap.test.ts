// `anchor-spend build` never leaves the published site without pages (issue 18, point 8): it used to delete
// the output first, so a killed or failed build (a build during a load fails: the warehouse is in use) left
// dist/ empty. Now it builds into a folder beside the output and swaps it in whole on success. The killed build
// runs in `npm test` (built from the demo, killed as it logs its offline cache, after the old code had deleted the
// site); the failed build (no warehouse: the page data cannot be written) runs with ANCHOR_SPEND_LONG_FAULTS=1.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/config.js";
import { buildSite } from "../../src/site/build-site.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const OLD_PAGE = "<!doctype html><title>the site published before</title>";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("build replaces the published site whole", () => {
  const folder = tempFolder("anchor-spend-build-swap-");
  const site = join(folder.path, "site");
  const leftovers = () => readdirSync(folder.path).filter((name) => name.startsWith("site."));
  const demo = join(folder.path, "demo.duckdb");
  beforeAll(() => {
    const load = runCli(["load", "data/demo", "--warehouse", demo]);
    if (load.status !== 0) throw new Error(load.stderr);
  }, 180_000);
  afterAll(() => folder.cleanup());

  it("a build killed while it runs leaves the previous site as it was", async () => {
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, "index.html"), OLD_PAGE);
    // The build in a process of its own (as `anchor-spend build` runs), killed (with Framework's process) as it
    // logs its first line, the offline npm cache.
    const script = join(folder.path, "build.mts");
    writeFileSync(script, `import { buildSite } from ${JSON.stringify(join(projectRoot, "src", "site", "build-site.ts"))};
      await buildSite(${JSON.stringify(demo)}, (line) => console.log(line), { outputDir: ${JSON.stringify(site)} });`);
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: projectRoot, stdio: ["ignore", "pipe", "ignore"], detached: true });
    const exited = new Promise((resolve) => child.on("close", resolve));
    let logged = "";
    await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => {
      logged += chunk.toString();
      if (/offline npm cache/.test(logged)) resolve();
    }));
    await sleep(500);
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    expect(readFileSync(join(site, "index.html"), "utf-8")).toBe(OLD_PAGE);
  }, 180_000);

  it.skipIf(process.env.ANCHOR_SPEND_LONG_FAULTS !== "1")("a build that fails (no warehouse) leaves the previous site, and removes what a killed build left", async () => {
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, "index.html"), OLD_PAGE);
    await expect(buildSite(join(folder.path, "no-warehouse.duckdb"), () => undefined, { outputDir: site })).rejects.toThrow(/no warehouse at/);
    expect(readFileSync(join(site, "index.html"), "utf-8")).toBe(OLD_PAGE);
    expect(leftovers()).toEqual([]);
    expect(existsSync(site)).toBe(true);
  }, 300_000);
});
