// Every command, in the order the general help lists them: one file per command in src/cli/commands/.
import type { Command } from "./command.js";
import { build } from "./commands/build.js";
import { definitions } from "./commands/definitions.js";
import { exportCommand } from "./commands/export.js";
import { load } from "./commands/load.js";
import { locate } from "./commands/locate.js";
import { report } from "./commands/report.js";
import { serve } from "./commands/serve.js";
import { start } from "./commands/start.js";
import { suppliers } from "./commands/suppliers.js";
import { validate } from "./commands/validate.js";

export type { Command } from "./command.js";

export const commands: Record<string, Command> = {
  load, build, serve, report, definitions, suppliers, locate, export: exportCommand, validate, start,
};
