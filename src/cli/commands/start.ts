import { demoDataPath, partnersDemoDataPath } from "../../core/config.js";
import { portOption, warehouseOption, type Command } from "../command.js";
import { runBuild } from "./build.js";
import { runLoad } from "./load.js";
import { runServe } from "./serve.js";

export const start: Command = {
  summary: `load (default ${demoDataPath} and ${partnersDemoDataPath}), build and serve: the quick start`,
  usage: "[options] [path…]",
  options: {
    warehouse: warehouseOption, port: portOption,
    serve: { type: "boolean", default: true, description: "serve the site when built (--no-serve to stop after the build)" },
  },
  async run(values, paths) {
    const loaded = await runLoad(values, paths.length > 0 ? paths : [demoDataPath, partnersDemoDataPath]);
    if (loaded !== 0) return loaded;
    await runBuild(values);
    return values.serve ? runServe(values) : 0;
  },
};
