import { readFile } from "node:fs/promises";
import { UsageError } from "../../core/errors.js";
import { formatShare, formatTable } from "../../core/format-table.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

async function list(warehouse: string): Promise<number> {
  const { withWarehouse } = await import("../../warehouse/warehouse.js");
  const rows = await withWarehouse(warehouse, "read", (w) =>
    w.all<Record<string, string | number | boolean | null>>(
      `SELECT definition_id, version, kind, basis, is_headline, coalesce(institution_id, 'shared') AS institution, name
       FROM local_definitions ORDER BY institution, is_headline DESC, definition_id, version`));
  console.log(formatTable(["id", "version", "kind", "basis", "headline", "institution", "name"],
    rows.map((r) => [String(r.definition_id), String(r.version), String(r.kind), String(r.basis), r.is_headline ? "yes" : "", String(r.institution), String(r.name)])));
  return 0;
}

async function check(paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError("say which definition files to check");
  const { parseDefinitionsFile } = await import("../../../loaders/definitions/load-definitions.js");
  let failed = 0;
  for (const path of paths) {
    try {
      const definitions = parseDefinitionsFile(await readFile(path, "utf-8"), path);
      console.log(`ok      ${path}: ${definitions.map((d) => `${d.id} v${d.version} (${d.area.kind}, ${d.basis})`).join("; ")}`);
      for (const { id, version, area } of definitions) {
        if (area.kind !== "bordering-authorities") continue;
        console.log(`        ${id} v${version}: ${area.codes.join(", ")} and the ${area.neighbours?.length ?? 0} authorities bordering them in ${area.file}:`);
        for (const neighbour of area.neighbours ?? []) console.log(`          ${neighbour.code} ${neighbour.name} (${neighbour.sharedMetres.toLocaleString("en-GB")} m of boundary within ${area.toleranceMetres} m)`);
      }
    } catch (error) {
      failed++;
      console.log(`INVALID ${(error as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

async function compare(warehouse: string, values: Values): Promise<number> {
  const [{ withWarehouse }, { compareDefinitions, resolveScope }] = await Promise.all([
    import("../../warehouse/warehouse.js"), import("../../model/metrics.js"),
  ]);
  const result = await withWarehouse(warehouse, "read", async (w) => {
    const scope = await resolveScope(w, values.institution ? { institutionId: String(values.institution) } : {});
    return { scope, compared: await compareDefinitions(w, scope) };
  });
  const rows = result.compared.map(({ definition, headline }) => ({
    id: definition.id, version: definition.version, name: definition.name, kind: definition.kind, basis: definition.basis,
    localShare: headline.localShare, unlocatedShare: headline.unlocatedShare, localSuppliers: headline.localSuppliers,
    localSpend: headline.localSpend, totalSpend: headline.totalSpend,
    // Beside the local share, for a definition that leaves public bodies out (excludePublicBodies); null for the others.
    localInfluenceableShare: headline.localInfluenceableShare, influenceableSpend: headline.influenceableSpend, publicBodiesSpend: headline.publicBodiesSpend,
  }));
  if (values.json) {
    console.log(JSON.stringify({ institution: result.scope.institution.id, period: result.scope.period, definitions: rows }, null, 2));
    return 0;
  }
  console.log(`${result.scope.institution.name}, ${result.scope.period.from} to ${result.scope.period.to}`);
  console.log(formatTable(["id", "version", "basis", "local share", "of influenceable", "unlocated", "local suppliers", "name"],
    rows.map((r) => [r.id, String(r.version), r.basis, formatShare(r.localShare), formatShare(r.localInfluenceableShare), formatShare(r.unlocatedShare), String(r.localSuppliers), r.name]), [3, 4, 5, 6]));
  return 0;
}

/** `anchor-spend definitions list|check|compare`. */
export const definitions: Command = {
  summary: "definitions of local: list the loaded ones, check files, compare local share under each",
  usage: "list | check <file…> | compare [--institution ID] [--json]",
  options: {
    warehouse: warehouseOption,
    institution: { type: "string", valueName: "ID", description: "the institution to compare for (default: the first with spend)" },
    json: { type: "boolean", description: "print JSON for machines (compare)" },
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    switch (action) {
      case "list": return list(warehouseOf(values));
      case "check": return check(rest);
      case "compare": return compare(warehouseOf(values), values);
      default: throw new UsageError(`expected list, check or compare, found ${action === undefined ? "nothing" : `"${action}"`}`);
    }
  },
};
