import { join } from "node:path";
import { UsageError } from "../../core/errors.js";
import { projectRoot, sitePath } from "../../core/config.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

/** Where an internal build goes unless ANCHOR_SPEND_SITE_OUTPUT says: never dist/, the folder that is published. */
export const internalSitePath = join(projectRoot, "dist-internal");

/**
 * `anchor-spend build`: the static site from the warehouse into dist/ (or ANCHOR_SPEND_SITE_OUTPUT); with
 * `--level internal`, the analysts' build (every quarantined row with its raw value) into dist-internal/.
 */
export async function runBuild(values: Values): Promise<number> {
  const level = values.level === undefined ? "public" : String(values.level);
  if (level !== "public" && level !== "internal") throw new UsageError(`--level ${level}: expected public or internal`);
  const { buildSite } = await import("../../site/build-site.js");
  const elsewhere = process.env.ANCHOR_SPEND_SITE_OUTPUT;
  const output = elsewhere ?? (level === "internal" ? internalSitePath : undefined);
  await buildSite(warehouseOf(values), console.error, { level, ...(output ? { outputDir: output } : {}) });
  console.error(level === "internal"
    ? `internal site built in ${output}: it lists quarantined rows with their raw values (possibly personal data); never publish it`
    : `site built in ${sitePath()}`);
  return 0;
}

export const build: Command = {
  summary: "build the static site from the warehouse into dist/, or the folder ANCHOR_SPEND_SITE_OUTPUT names (offline)",
  usage: "[options]",
  options: {
    warehouse: warehouseOption,
    level: { type: "string", valueName: "LEVEL", description: "public (default), or internal: the analysts' build, with every quarantined row and its raw value, into dist-internal/" },
  },
  run: runBuild,
};
