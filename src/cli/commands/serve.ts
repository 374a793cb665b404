import { sitePath } from "../../core/config.js";
import { portOf, portOption, warehouseOption, type Command, type Values } from "../command.js";

/** `anchor-spend serve`: serve the built site on 127.0.0.1 until stopped. */
export async function runServe(values: Values): Promise<number> {
  const { serveSite } = await import("../../site/serve-site.js");
  const { url } = await serveSite(sitePath(), portOf(values));
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
