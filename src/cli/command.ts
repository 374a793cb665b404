// What every command is (its help, its options, its run) and the options several commands share.
// Command files import only this, src/core and node: modules at the top; everything heavier (DuckDB, the
// loaders, the site build, the browser) is imported inside `run`, so that `--help` loads none of it.
import { resolve } from "node:path";
import { defaultWarehousePath } from "../core/config.js";
import { UsageError } from "../core/errors.js";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  valueName?: string;
  default?: string | boolean;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(values: Values, positionals: string[]): Promise<number>;
}

export const warehouseOption: OptionSpec = {
  type: "string", valueName: "PATH", description: `the DuckDB warehouse (default ${defaultWarehousePath})`,
  default: process.env.ANCHOR_SPEND_WAREHOUSE ?? defaultWarehousePath,
};

export const portOption: OptionSpec = { type: "string", valueName: "PORT", description: "port on 127.0.0.1 (default 3000; 0 picks a free one)", default: "3000" };

export function warehouseOf(values: Values): string {
  return resolve(String(values.warehouse));
}

export function portOf(values: Values): number {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${String(values.port)} is not a port number`);
  return port;
}
