import { resolve } from "node:path";
import { defaultWarehousePath, demoDataPath } from "../core/config.js";
import { UsageError } from "../core/errors.js";
import { formatLoadReport, loadReport } from "../model/load-report.js";
import { withWarehouse } from "../warehouse/warehouse.js";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { buildSite, distPath } from "../site/build-site.js";
import { exportInstitution, type SharingLevel } from "../share/export-institution.js";
import { printPdf } from "../site/print-pdf.js";
import { serveSite } from "../site/serve-site.js";
import { runDefinitions } from "./definitions-command.js";
import { runLocate } from "./locate-command.js";
import { runValidate } from "./validate-command.js";

interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  valueName?: string;
  default?: string | boolean;
}

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(values: Values, positionals: string[]): Promise<number>;
}

const warehouseOption: OptionSpec = {
  type: "string", valueName: "PATH", description: `the DuckDB warehouse (default ${defaultWarehousePath})`,
  default: process.env.ANCHOR_SPEND_WAREHOUSE ?? defaultWarehousePath,
};
const portOption: OptionSpec = { type: "string", valueName: "PORT", description: "port on 127.0.0.1 (default 3000; 0 picks a free one)", default: "3000" };

function warehouseOf(values: Values): string {
  return resolve(String(values.warehouse));
}

function portOf(values: Values): number {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${String(values.port)} is not a port number`);
  return port;
}

function describeResult(result: FileResult): string {
  switch (result.status) {
    case "loaded": {
      const { rowsRead, rowsLoaded, rowsQuarantined } = result.outcome;
      const superseding = result.outcome.superseded.map((path) => `; replaces ${path} (re-issued)`).join("");
      return `loaded        ${result.path} (${result.kind}): read ${rowsRead} = loaded ${rowsLoaded} + quarantined ${rowsQuarantined}${superseding}`;
    }
    case "already loaded":
      return `already loaded ${result.path} (${result.kind}): same content (sha256 ${result.sha256.slice(0, 12)}…), nothing changed`;
    case "refused":
      return `REFUSED       ${result.error}`;
    case "skipped":
      return `skipped       ${result.path}: ${result.reason}`;
  }
}

async function runLoad(values: Values, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError("say which files or folders to load, e.g. `anchor-spend load data/demo`");
  const results = await withWarehouse(warehouseOf(values), "write", async (warehouse) => {
    const progress = process.stderr.isTTY
      ? (path: string, rows: number) => process.stderr.write(`\r  reading ${path}: ${rows.toLocaleString("en-GB")} rows…`)
      : undefined;
    const clearProgress = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");
    const results = await loadInputs(warehouse, paths, {
      onFile: (result) => {
        clearProgress();
        console.error(describeResult(result));
      },
      ...(progress ? { onProgress: progress } : {}),
    });
    console.log(`\n${formatLoadReport(await loadReport(warehouse))}`);
    return results;
  });
  const refused = results.filter((result) => result.status === "refused");
  if (refused.length > 0) {
    console.error(`\n${refused.length} file(s) refused; the warehouse holds everything else. Fix the files and load again.`);
    return 1;
  }
  return 0;
}

async function runBuild(values: Values): Promise<number> {
  await buildSite(warehouseOf(values));
  console.error(`site built in ${distPath}`);
  return 0;
}

async function runServe(values: Values): Promise<number> {
  const { url } = await serveSite(distPath, portOf(values));
  console.log(`anchor-spend site: ${url}  (Ctrl-C stops it)`);
  await new Promise(() => undefined);
  return 0;
}

export const commands: Record<string, Command> = {
  load: {
    summary: "load spend files, supplier registers, postcodes and definitions into the warehouse",
    usage: "[options] <path…>",
    options: { warehouse: warehouseOption },
    run: runLoad,
  },
  build: {
    summary: "build the static site from the warehouse into dist/ (offline)",
    usage: "[options]",
    options: { warehouse: warehouseOption },
    run: runBuild,
  },
  serve: {
    summary: "serve the built site on 127.0.0.1",
    usage: "[options]",
    options: { warehouse: warehouseOption, port: portOption },
    run: runServe,
  },
  report: {
    summary: "print the load report (per file rows read, loaded, quarantined, amount loaded), or the board paper PDF",
    usage: "[options]",
    options: {
      warehouse: warehouseOption,
      json: { type: "boolean", description: "print JSON for machines" },
      pdf: { type: "string", valueName: "FILE", description: "print the built site's overview and social value pages to a PDF, for board papers" },
    },
    async run(values) {
      if (typeof values.pdf === "string") {
        const printed = await printPdf(resolve(values.pdf));
        console.log(`printed ${printed.join(", ")} to ${values.pdf}`);
        return 0;
      }
      const lines = await withWarehouse(warehouseOf(values), "read", loadReport);
      console.log(values.json ? JSON.stringify(lines, null, 2) : formatLoadReport(lines));
      return 0;
    },
  },
  definitions: {
    summary: "definitions of local: list the loaded ones, check files, compare local share under each",
    usage: "list | check <file…> | compare [--institution ID] [--json]",
    options: {
      warehouse: warehouseOption,
      institution: { type: "string", valueName: "ID", description: "the institution to compare for (default: the first with spend)" },
      json: { type: "boolean", description: "print JSON for machines (compare)" },
    },
    run: (values, positionals) => runDefinitions(values, positionals, warehouseOf(values)),
  },
  locate: {
    summary: "show how postcodes resolve (precision, authority, LSOA) and whether each is local under each definition",
    usage: "[options] <postcode…>",
    options: { warehouse: warehouseOption, json: { type: "boolean", description: "print JSON for machines" } },
    run: (values, positionals) => runLocate(values, positionals, warehouseOf(values)),
  },
  export: {
    summary: "export one institution's data in the shared schema (CSV, Parquet, datapackage.json) at a sharing level",
    usage: "--institution ID --level public|partner --to DIR",
    options: {
      warehouse: warehouseOption,
      institution: { type: "string", valueName: "ID", description: "the institution to export" },
      level: { type: "string", valueName: "LEVEL", description: "public (publishable fields only) or partner (adds partner fields; internal ones never leave)" },
      to: { type: "string", valueName: "DIR", description: "the folder to write" },
    },
    async run(values) {
      if (typeof values.institution !== "string" || typeof values.to !== "string") throw new UsageError("--institution and --to are both needed");
      if (values.level !== "public" && values.level !== "partner") throw new UsageError(`--level must be public or partner, found ${JSON.stringify(values.level ?? null)}`);
      const summary = await withWarehouse(warehouseOf(values), "read", (w) => exportInstitution(w, String(values.institution), values.level as SharingLevel, resolve(String(values.to))));
      console.log(`exported ${summary.spendLines} spend lines and ${summary.suppliers} suppliers (${summary.level}) to ${summary.directory}: ${summary.files.join(", ")}`);
      return 0;
    },
  },
  validate: {
    summary: "check spend files or supplier registers against the shared schema without loading them",
    usage: "[--kind spend|suppliers] [--json] <file…>",
    options: {
      warehouse: warehouseOption,
      kind: { type: "string", valueName: "KIND", description: "spend or suppliers (default: told from the headings)" },
      json: { type: "boolean", description: "print JSON for machines" },
    },
    run: (values, positionals) => runValidate(values, positionals),
  },
  start: {
    summary: `load (default ${demoDataPath}), build and serve: the quick start`,
    usage: "[options] [path…]",
    options: {
      warehouse: warehouseOption, port: portOption,
      serve: { type: "boolean", default: true, description: "serve the site when built (--no-serve to stop after the build)" },
    },
    async run(values, paths) {
      const loaded = await runLoad(values, paths.length > 0 ? paths : [demoDataPath]);
      if (loaded !== 0) return loaded;
      await runBuild(values);
      return values.serve ? runServe(values) : 0;
    },
  },
};
