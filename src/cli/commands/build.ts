import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

/** `anchor-spend build`: the static site from the warehouse into dist/. */
export async function runBuild(values: Values): Promise<number> {
  const { buildSite, distPath } = await import("../../site/build-site.js");
  await buildSite(warehouseOf(values));
  console.error(`site built in ${distPath}`);
  return 0;
}

export const build: Command = {
  summary: "build the static site from the warehouse into dist/ (offline)",
  usage: "[options]",
  options: { warehouse: warehouseOption },
  run: runBuild,
};
