import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../core/errors.js";
import { defaultWarehousePath } from "../core/config.js";
import { printableExcerpt } from "../core/printable-excerpt.js";
import { commands, type Command } from "./commands.js";

const NAME_WIDTH = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;

const GENERAL_HELP = `anchor-spend — evidence of local spend and social value for anchor institutions

Usage: anchor-spend <command> [options]

Commands:
${Object.entries(commands).map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)}${command.summary}`).join("\n")}

Every command takes --warehouse PATH (default ${defaultWarehousePath}) and --help.
Exit codes: 0 ok, 1 bad input (the reasons are printed), 2 usage.`;

function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(([option, spec]) => {
    const value = spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : "";
    return `  --${option}${value}`.padEnd(26) + spec.description;
  });
  return `Usage: anchor-spend ${name} ${command.usage}\n\n${command.summary}\n\nOptions:\n${options.join("\n")}\n  --help                  this help`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(GENERAL_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`anchor-spend: unknown command "${name}"\n\n${GENERAL_HELP}`);
    return 2;
  }
  try {
    const options: ParseArgsConfig["options"] = { help: { type: "boolean" } };
    for (const [option, spec] of Object.entries(command.options)) {
      options[option] = { type: spec.type, ...(spec.default !== undefined ? { default: spec.default } : {}) };
    }
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options, allowPositionals: true, allowNegative: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
      console.log(commandHelp(name, command));
      return 0;
    }
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`anchor-spend ${name}: ${error.message}\n\n${commandHelp(name, command)}`);
      return 2;
    }
    // Line by line (a build's output is several), each printable: no escape sequence reaches the terminal.
    const message = (error as Error).message.split("\n").map((line) => printableExcerpt(line, 4_000)).join("\n");
    console.error(`anchor-spend ${name}: ${message}`);
    return 1;
  }
}
