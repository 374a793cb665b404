import { sitePath } from "../../core/config.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

/** `anchor-spend build`: the static site from the warehouse into dist/ (or ANCHOR_SPEND_SITE_OUTPUT). */
export async function runBuild(values: Values): Promise<number> {
  const { buildSite } = await import("../../site/build-site.js");
  const elsewhere = process.env.ANCHOR_SPEND_SITE_OUTPUT;
  await buildSite(warehouseOf(values), console.error, elsewhere ? { outputDir: elsewhere } : {});
  console.error(`site built in ${sitePath()}`);
  return 0;
}

export const build: Command = {
  summary: "build the static site from the warehouse into dist/, or the folder ANCHOR_SPEND_SITE_OUTPUT names (offline)",
  usage: "[options]",
  options: { warehouse: warehouseOption },
  run: runBuild,
};
