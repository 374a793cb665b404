import { UsageError } from "../../core/errors.js";
import { printableExcerpt } from "../../core/printable-excerpt.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";
import type { FileResult, FileScope } from "../../../loaders/load-inputs.js";

/** Whose facts a file gave: an institution's, or (a partnership's register or definitions) every institution's. */
function describeScope(scope: FileScope): string {
  if ("institution" in scope) return ` for ${scope.institution}`;
  return scope.shared === null ? "" : ` shared by every institution (partnership "${scope.shared}")`;
}

/** A file's line is cut only past this many characters (a long path or refusal stays whole). */
const PRINTED_LINE_CHARS = 4_000;

function describeResult(result: FileResult): string {
  switch (result.status) {
    case "loaded": {
      const { rowsRead, rowsLoaded, rowsQuarantined } = result.outcome;
      const superseding = result.outcome.reissues.map((old) => {
        const lines = `${old.shared} of its ${old.lines} lines again here`;
        const said = old.saidBy === "mapping.json" ? "mapping.json says so" : old.saidBy === "--replaces" ? "--replaces says so" : "";
        return `; replaces ${old.path} (${said ? `re-issued: ${said}; ${lines}` : `re-issued: ${lines}`})`;
      }).join("");
      const unmatched = result.outcome.notReplaced.map((old) => `\n              note: ${old.saidBy} says this file replaces ${old.path}, which is not a current spend file of this institution in the warehouse (load it first, or check the name): nothing superseded`).join("");
      const repeating = result.outcome.duplicates.map((old) => `\n              note: ${old.shared} of ${old.lines} lines of ${old.path} appear again here (not a re-issue: both files count; check for double counting)`).join("");
      const reading = result.outcome.reading ? `\n              read as ${result.outcome.reading}` : "";
      return `loaded        ${result.path} (${result.kind}${describeScope(result.scope)}): read ${rowsRead} = loaded ${rowsLoaded} + quarantined ${rowsQuarantined}${superseding}${reading}${repeating}${unmatched}`;
    }
    case "already loaded":
      return `already loaded ${result.path} (${result.kind}${describeScope(result.scope)}): same content (sha256 ${result.sha256.slice(0, 12)}…), nothing changed`;
    case "refused":
      return `REFUSED       ${result.error}`;
    case "skipped":
      return `skipped       ${result.path}: ${result.reason}`;
  }
}

/** `--institution ID` (with `--institution-name`, `--kind`) and `--infer-institution`, checked. */
function institutionOptions(values: Values): { institution?: { id: string; name?: string; kind?: string }; inferInstitution?: boolean } {
  const text = (name: string) => (typeof values[name] === "string" && (values[name] as string).trim() !== "" ? (values[name] as string).trim() : undefined);
  const id = text("institution");
  const name = text("institution-name");
  const kind = text("kind");
  if (!id && (name || kind)) throw new UsageError("--institution-name and --kind go with --institution ID (the institution they describe)");
  if (id && values["infer-institution"] === true) throw new UsageError("--institution ID and --infer-institution say two things: give one");
  return {
    ...(id ? { institution: { id, ...(name ? { name } : {}), ...(kind ? { kind } : {}) } } : {}),
    ...(values["infer-institution"] === true ? { inferInstitution: true } : {}),
  };
}

/** `anchor-spend load <path…>`: load every input under the paths, print each file's result and the load report. */
export async function runLoad(values: Values, paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError("say which files or folders to load, e.g. `anchor-spend load data/demo`");
  const [{ withWarehouse }, { loadInputs }, { formatLoadReport, loadReport }, { institutionsWithoutDefinition, withoutDefinitionAdvice }] = await Promise.all([
    import("../../warehouse/warehouse.js"), import("../../../loaders/load-inputs.js"), import("../../model/load-report.js"),
    import("../../model/institutions-without-definition.js"),
  ]);
  const results = await withWarehouse(warehouseOf(values), "write", async (warehouse) => {
    const progress = process.stderr.isTTY
      ? (path: string, count: number, unit = "rows") => process.stderr.write(`\r  reading ${path}: ${count.toLocaleString("en-GB")} ${unit}…`)
      : undefined;
    const clearProgress = () => process.stderr.isTTY && process.stderr.write("\r\x1b[K");
    const results = await loadInputs(warehouse, paths, {
      replaces: typeof values.replaces === "string" ? [values.replaces] : [],
      ...institutionOptions(values),
      onFile: (result) => {
        clearProgress();
        // One line per file, whatever its name holds (a line break would forge a "loaded" line; an escape sequence would reach the terminal).
        console.error(printableExcerpt(describeResult(result), PRINTED_LINE_CHARS));
      },
      ...(progress ? { onProgress: progress } : {}),
    });
    console.log(`\n${formatLoadReport(await loadReport(warehouse))}`);
    const undefinedLocal = await institutionsWithoutDefinition(warehouse);
    if (undefinedLocal.length > 0) console.error(`\nwarning: ${withoutDefinitionAdvice(undefinedLocal)}`);
    return results;
  });
  const skipped = results.filter((result) => result.status === "skipped");
  if (skipped.length > 0) console.error(`\n${skipped.length} file(s) not read, each listed above with the reason: ${skipped.map((result) => result.path).join(", ")}`);
  const refused = results.filter((result) => result.status === "refused");
  if (refused.length > 0) {
    console.error(`\n${refused.length} file(s) refused; the warehouse holds everything else. Fix the files and load again.`);
    return 1;
  }
  return 0;
}

export const load: Command = {
  summary: "load spend files, supplier registers, postcodes and definitions into the warehouse",
  usage: "[options] <path…>",
  options: {
    warehouse: warehouseOption,
    replaces: { type: "string", valueName: "OLD", description: "an earlier spend file the file loaded now re-issues, whatever lines they share" },
    institution: { type: "string", valueName: "ID", description: "the institution of spend files with no institution.json (recorded in the warehouse with each file)" },
    "institution-name": { type: "string", valueName: "NAME", description: "its name, when the NHS ODS register or the file does not give it" },
    kind: { type: "string", valueName: "KIND", description: "its kind (nhs-trust, ccg, council…), when the NHS ODS register does not give it" },
    "infer-institution": { type: "boolean", description: "take the institution of a spend file with no institution.json from its Entity/Body name column, by the NHS ODS register" },
  },
  run: runLoad,
};
