import { UsageError } from "../../core/errors.js";
import { formatTable } from "../../core/format-table.js";
import { warehouseOption, type Command } from "../command.js";
import type { FileValidation, ValidatedKind } from "../../share/validate-file.js";

const CAVEAT = "Passing the schema does not make data good: read the quality warnings, and check the totals against your finance system.";

function formatValidation(result: FileValidation): string {
  const lines = [`${result.file} (${result.kind ?? "unknown kind"})`];
  if (result.refused) {
    lines.push(`  REFUSED: ${result.refused}`);
    return lines.join("\n");
  }
  lines.push(formatTable(["field", "required", "heading found", "filled", "examples"],
    result.columns.map((c) => [c.field, c.required ? "yes" : "", c.heading ?? (c.required ? "MISSING" : "–"), String(c.filled), c.examples.join(" | ")]), [3])
    .split("\n").map((line) => `  ${line}`).join("\n"));
  for (const problem of result.problems) {
    const where = [problem.file, problem.sheet ? `[${problem.sheet}]` : null, problem.row, problem.column].filter((p) => p !== null).join(":");
    lines.push(`  ERROR ${where}: ${problem.rule} [${problem.code}]`);
    lines.push(`        why it matters: ${problem.why}`);
    lines.push(`        how to fix it:  ${problem.fix}`);
    if (problem.context) lines.push(`        the row: ${problem.context.join(" | ")}`);
  }
  for (const warning of result.warnings) lines.push(`  WARNING ${warning.check}: ${warning.message}${warning.rows.length ? ` (rows ${warning.rows.slice(0, 10).join(", ")}${warning.rows.length > 10 ? ", …" : ""})` : ""}`);
  return lines.join("\n");
}

/** `anchor-spend validate <file…> [--kind spend|suppliers] [--json]`: check files before sending them, without loading them. */
export const validate: Command = {
  summary: "check spend files or supplier registers against the shared schema without loading them",
  usage: "[--kind spend|suppliers] [--json] <file…>",
  options: {
    warehouse: warehouseOption,
    kind: { type: "string", valueName: "KIND", description: "spend or suppliers (default: told from the headings)" },
    json: { type: "boolean", description: "print JSON for machines" },
  },
  async run(values, files) {
    if (files.length === 0) throw new UsageError("say which files to validate");
    const kind = values.kind as ValidatedKind | undefined;
    if (kind !== undefined && kind !== "spend" && kind !== "suppliers") throw new UsageError(`--kind must be spend or suppliers, found "${kind}"`);
    const { validateFile } = await import("../../share/validate-file.js");
    const results: FileValidation[] = [];
    for (const file of files) results.push(await validateFile(file, kind));
    const errors = results.reduce((sum, r) => sum + r.problems.length + (r.refused ? 1 : 0), 0);
    const warnings = results.reduce((sum, r) => sum + r.warnings.length, 0);
    const summary = `${results.length} file(s): ${results.filter((r) => r.valid).length} valid, ${errors} error(s), ${warnings} warning(s)`;
    if (values.json) {
      console.log(JSON.stringify({ valid: errors === 0, summary, caveat: CAVEAT, files: results }, null, 2));
    } else {
      for (const result of results) console.log(`${formatValidation(result)}\n`);
      console.log(`${errors === 0 ? "VALID" : "INVALID"}: ${summary}.\n${CAVEAT}`);
    }
    return errors === 0 ? 0 : 1;
  },
};
