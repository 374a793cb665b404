// The shipped demo, loaded by the real CLI, and the site built from it: made once per vitest run and shared by
// the test files that only read them (oncePerRun). A test that loads more into a warehouse, or changes a site,
// makes its own.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
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

/** Cells seen nowhere else (a phone number and a name where an amount and a date should be), in sitesWithTestBody()'s body. */
export const TEST_BODY_RAW = ["call 07700 900461 Jane Q Smithers", "Smithers J (home) 14 Acacia Rd"] as const;

/**
 * The demo trust and a body made here with no definition of local ("Body With No Definition", NODEF): one month of
 * the partners demo's council file (data/partners-demo/council, its README) and a file written here,
 * nodef-2024-05.csv, whose two bad cells are TEST_BODY_RAW (rows 3 and 4). Built twice by the CLI, to read only:
 * the analysts' site (--level internal) and the public one.
 */
export function sitesWithTestBody(): Promise<{ warehouse: string; publicSite: string; internalSite: string }> {
  return oncePerRun("sites-with-test-body", async (folder) => {
    const body = join(folder, "no-definition");
    mkdirSync(join(body, "spend"), { recursive: true });
    writeFileSync(join(body, "institution.json"), JSON.stringify({ id: "NODEF", name: "Body With No Definition", kind: "council", isDemo: true, note: "Test body: no definition of local." }));
    copyFileSync("data/partners-demo/council/spend/council-2024-04.csv", join(body, "spend", "council-2024-04.csv"));
    writeFileSync(join(body, "spend", "nodef-2024-05.csv"), [
      "Payment Date,Supplier Name,Amount,Transaction Number",
      "03/05/2024,Acme Cleaning Ltd,1200.00,T1",
      `04/05/2024,Acme Cleaning Ltd,${TEST_BODY_RAW[0]},T2`,
      `${TEST_BODY_RAW[1]},Bow Catering Ltd,640.50,T3`,
      "",
    ].join("\n"));
    const warehouse = join(folder, "warehouse.duckdb");
    const load = runCli(["load", "data/demo", body, "--warehouse", warehouse]);
    if (load.status !== 0) throw new Error(load.stderr);
    const internalSite = join(folder, "internal");
    const publicSite = join(folder, "public");
    for (const [level, site] of [["internal", internalSite], ["public", publicSite]] as const) {
      const build = runCli(["build", "--warehouse", warehouse, "--level", level], { ANCHOR_SPEND_SITE_OUTPUT: site });
      if (build.status !== 0) throw new Error(build.stderr);
    }
    return { warehouse, publicSite, internalSite };
  });
}
