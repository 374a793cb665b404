// The shipped demo, loaded by the real CLI, and the site built from it: made once per vitest run and shared by
// the test files that only read them (oncePerRun). A test that loads more into a warehouse, or changes a site,
// makes its own.
import { join } from "node:path";
import { buildSite } from "../../src/site/build-site.js";
import { oncePerRun } from "./once-per-run.js";
import { runCli } from "./run-cli.js";

/** A warehouse holding `anchor-spend load data/demo`, to read only. */
export function demoWarehouse(): Promise<string> {
  return oncePerRun("demo-warehouse", async (folder) => {
    const warehouse = join(folder, "demo.duckdb");
    const load = runCli(["load", "data/demo", "--warehouse", warehouse]);
    if (load.status !== 0) throw new Error(load.stderr);
    return warehouse;
  });
}

/** The site built from demoWarehouse() into a folder of its own (dist/ is left alone), to read only. */
export function demoSite(): Promise<{ warehouse: string; site: string }> {
  return oncePerRun("demo-site", async (folder) => {
    const warehouse = await demoWarehouse();
    const site = join(folder, "site");
    await buildSite(warehouse, () => undefined, { outputDir: site });
    return { warehouse, site };
  });
}

/** The demo trust and the partners demo (data/partners-demo) loaded together, and the site built from them, to read only. */
export function partnersDemoSite(): Promise<{ warehouse: string; site: string }> {
  return oncePerRun("partners-demo-site", async (folder) => {
    const warehouse = join(folder, "partners.duckdb");
    const load = runCli(["load", "data/demo", "data/partners-demo", "--warehouse", warehouse]);
    if (load.status !== 0) throw new Error(load.stderr);
    const site = join(folder, "site");
    await buildSite(warehouse, () => undefined, { outputDir: site });
    return { warehouse, site };
  });
}
