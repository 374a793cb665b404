import { portOf, portOption, warehouseOption, type Command, type Values } from "../command.js";

/** `anchor-spend serve`: serve the built site on 127.0.0.1 until stopped. */
export async function runServe(values: Values): Promise<number> {
  const [{ distPath }, { serveSite }] = await Promise.all([import("../../site/build-site.js"), import("../../site/serve-site.js")]);
  const { url } = await serveSite(distPath, portOf(values));
  console.log(`anchor-spend site: ${url}  (Ctrl-C stops it)`);
  await new Promise(() => undefined);
  return 0;
}

export const serve: Command = {
  summary: "serve the built site on 127.0.0.1",
  usage: "[options]",
  options: { warehouse: warehouseOption, port: portOption },
  run: runServe,
};
