import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readTableSchema, type SchemaField } from "../../loaders/schema/column-synonyms.js";
import type { AreaSpec } from "../../geo/definition-spec.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { registerFormulaFunction, writeQueryCsv } from "./write-csv.js";
import { publishedSupplierName, withheldIndividual } from "../model/published-supplier.js";

export type SharingLevel = "public" | "partner" | "internal";
const LEVELS: readonly SharingLevel[] = ["public", "partner", "internal"];

/** True when a field of this sharing level may leave in an export at that level. */
export function sharedAt(field: { sharing: SharingLevel }, level: SharingLevel): boolean {
  return LEVELS.indexOf(field.sharing) <= LEVELS.indexOf(level);
}

/**
 * SQL for a text cell that a spreadsheet would run as a formula, prefixed with ': the CSV writer's own rule
 * (pages/shared/csv-cell.js) as a SQL function (write-csv.ts), so the Parquet beside a CSV holds the same text.
 */
export function neutralised(expression: string): string {
  return `neutralise_formula(${expression})`;
}

/** How each schema field is read from the warehouse, for one institution's export. */
export const SPEND_COLUMNS: Record<string, string> = {
  date: "strftime(sp.payment_date, '%Y-%m-%d')",
  supplier: neutralised(publishedSupplierName("s", "sp.institution_id", "REDACTED")),
  amount: "sp.amount",
  expense_type: neutralised("sp.expense_type"),
  expense_area: neutralised("sp.expense_area"),
  transaction_number: neutralised("sp.transaction_number"),
  period_total: "CASE WHEN sp.is_period_total THEN 'true' END",
};
/** The exporting institution's locations of a supplier on one basis (its registers' and shared ones'). */
const locationsOn = (basis: string) =>
  `(SELECT string_agg(postcode_as_given, '; ' ORDER BY postcode_as_given) FROM int_supplier_locations l
    WHERE l.institution_id = $institution AND l.supplier_id = s.supplier_id AND l.basis = '${basis}')`;
const SUPPLIER_COLUMNS: Record<string, string> = {
  supplier: neutralised("s.name"),
  postcode: neutralised(locationsOn("registered")),
  trading_postcode: neutralised(locationsOn("trading")),
  delivery_postcodes: neutralised(locationsOn("delivery")),
  company_number: neutralised("f.company_number"),
  is_sme: "CASE WHEN f.is_sme THEN 'Y' WHEN NOT f.is_sme THEN 'N' END",
  is_vcse: "CASE WHEN f.is_vcse THEN 'Y' WHEN NOT f.is_vcse THEN 'N' END",
};

/**
 * The columns of an export at a level: fields shared at that level with their values; a required field that
 * is not shared keeps its column, empty, so that the file still loads (its values are withheld).
 */
export function columnsAt(fields: SchemaField[], expressions: Record<string, string>, level: SharingLevel): { fields: SchemaField[]; select: string } {
  const kept = fields.filter((field) => expressions[field.name] && (sharedAt(field, level) || field.constraints?.required));
  return {
    fields: kept,
    select: kept.map((field) => `${sharedAt(field, level) ? expressions[field.name] : "NULL::VARCHAR"} AS "${field.name}"`).join(", "),
  };
}

/** A query's rows as `<path>.csv`, through the one CSV writer, and as `<path>.parquet`, each streamed. */
async function copyTo(warehouse: Warehouse, query: string, path: string, params: Record<string, string>): Promise<void> {
  await writeQueryCsv(warehouse, query, `${path}.csv`, params);
  await warehouse.run(`COPY (${query}) TO '${`${path}.parquet`.replace(/'/g, "''")}' (FORMAT parquet)`, params);
}

export interface ExportSummary { directory: string; level: SharingLevel; files: string[]; spendLines: number; suppliers: number }

/**
 * Writes one institution's data for a partner in the shared schema: spend, the supplier register and each
 * supplier's class under every definition (CSV and Parquet), the institution and its definitions, and a
 * datapackage.json that says each field's sharing level. Only fields at or below the export's level leave.
 * The folder loads into another warehouse with `anchor-spend load`.
 */
export async function exportInstitution(warehouse: Warehouse, institutionId: string, level: SharingLevel, directory: string): Promise<ExportSummary> {
  const [institution] = await warehouse.all<{ id: string; name: string; kind: string; odsCode: string | null; isDemo: boolean; note: string | null }>(
    `SELECT institution_id AS id, name, kind, ods_code AS "odsCode", is_demo AS "isDemo", note FROM institutions WHERE institution_id = ?`, [institutionId]);
  if (!institution) throw new Error(`no institution ${institutionId} in the warehouse`);
  registerFormulaFunction(warehouse);
  await mkdir(join(directory, "spend"), { recursive: true });
  await mkdir(join(directory, "definitions"), { recursive: true });
  const files: string[] = ["institution.json"];
  await writeFile(join(directory, "institution.json"), JSON.stringify(institution, null, 2));

  const spend = columnsAt(readTableSchema("spend").fields, SPEND_COLUMNS, level);
  await copyTo(warehouse, `SELECT ${spend.select} FROM current_spend sp JOIN suppliers s USING (supplier_id) WHERE sp.institution_id = $institution ORDER BY sp.payment_date, sp.file_id, sp.row_number`,
    join(directory, "spend", "spend"), { institution: institutionId });
  files.push("spend/spend.csv", "spend/spend.parquet");

  // A withheld individual is in the spend as WITHHELD_INDIVIDUAL, and in neither the register nor the locality.
  const paid = `s.supplier_id IN (SELECT supplier_id FROM current_spend WHERE institution_id = $institution) AND NOT s.is_redacted
    AND NOT ${withheldIndividual("s.name", "$institution")}`;
  const suppliers = columnsAt(readTableSchema("suppliers").fields, SUPPLIER_COLUMNS, level);
  await copyTo(warehouse,
    `SELECT ${suppliers.select} FROM suppliers s
     LEFT JOIN int_supplier_facts f ON f.institution_id = $institution AND f.supplier_id = s.supplier_id
     WHERE ${paid} ORDER BY s.name`,
    join(directory, "suppliers"), { institution: institutionId });
  files.push("suppliers.csv", "suppliers.parquet");

  await copyTo(warehouse,
    `SELECT ${neutralised("s.name")} AS supplier, l.definition_id AS definition, l.version, l.status, l.precision
     FROM supplier_locality l JOIN suppliers s USING (supplier_id)
     WHERE l.institution_id = $institution AND ${paid} ORDER BY s.name, l.definition_id, l.version`,
    join(directory, "locality"), { institution: institutionId });
  files.push("locality.csv", "locality.parquet");

  const definitions = await warehouse.all<{ id: string; version: number; name: string; description: string; basis: string; headline: boolean; spec: string }>(
    `SELECT definition_id AS id, version, name, description, basis, is_headline AS headline, spec FROM local_definitions
     WHERE institution_id = $institution OR (institution_id IS NULL AND NOT EXISTS (
       SELECT 1 FROM local_definitions own WHERE own.institution_id = $institution AND own.definition_id = local_definitions.definition_id
         AND own.version = local_definitions.version))`, { institution: institutionId });
  for (const definition of definitions) {
    const area = JSON.parse(definition.spec) as AreaSpec & { geojson?: unknown };
    const name = `${definition.id}-v${definition.version}`;
    if (area.kind === "polygon" && area.geojson) {
      await writeFile(join(directory, "definitions", `${name}.geojson`), JSON.stringify(area.geojson));
      files.push(`definitions/${name}.geojson`);
    }
    const { geojson: _embedded, ...areaWithoutGeometry } = area as AreaSpec & { geojson?: unknown };
    // The boundaries a bordering-authorities definition was computed from stay with its owner: the export gives the
    // authorities it resolved to at load (its own and their neighbours), which classify exactly as it did.
    const file = area.kind === "polygon" ? { ...areaWithoutGeometry, file: `${name}.geojson` }
      : area.kind === "bordering-authorities"
        ? { kind: "local-authorities", codes: [...area.codes, ...(area.neighbours ?? []).map((neighbour) => neighbour.code)] }
        : areaWithoutGeometry;
    const { spec: _spec, ...described } = definition;
    await writeFile(join(directory, "definitions", `${name}.json`), JSON.stringify({ ...described, version: definition.version, ...file }, null, 2));
    files.push(`definitions/${name}.json`);
  }

  const { lines, paidSuppliers } = await warehouse.one<{ lines: number; paidSuppliers: number }>(
    `SELECT count(*) AS lines, count(DISTINCT supplier_id) AS "paidSuppliers" FROM current_spend WHERE institution_id = ?`, [institutionId]);
  const resource = (name: string, path: string, fields: SchemaField[]) => ({
    name, path, profile: "tabular-data-resource", format: "csv", mediatype: "text/csv",
    schema: {
      fields: fields.map(({ name: field, title, type, description, sharing }) => ({
        name: field, title, type, description, sharing, ...(sharedAt({ sharing }, level) ? {} : { withheld: `empty: ${sharing} data is not shared at the ${level} level` }),
      })),
    },
  });
  await writeFile(join(directory, "datapackage.json"), JSON.stringify({
    profile: "tabular-data-package",
    name: `anchor-spend-${institutionId.toLowerCase()}-${level}`,
    title: `${institution.name}: spend and suppliers (${level} export)`,
    created: new Date().toISOString(),
    sharingLevel: level,
    description: `Only fields whose sharing level is ${LEVELS.slice(0, LEVELS.indexOf(level) + 1).join(" or ")} are included. Text cells that a spreadsheet would run as a formula start with '.`,
    resources: [
      resource("spend", "spend/spend.csv", spend.fields),
      resource("suppliers", "suppliers.csv", suppliers.fields),
      resource("locality", "locality.csv", [
        { name: "supplier", title: "Supplier", type: "string", description: "The supplier's name", sharing: "public", synonyms: [] },
        { name: "definition", title: "Definition", type: "string", description: "A definition of local (id)", sharing: "public", synonyms: [] },
        { name: "version", title: "Version", type: "integer", description: "The definition's version", sharing: "public", synonyms: [] },
        { name: "status", title: "Class", type: "string", description: "local, non_local or unlocated under that definition", sharing: "public", synonyms: [] },
        { name: "precision", title: "Precision", type: "string", description: "How exactly the supplier was placed: unit, sector, district or none", sharing: "public", synonyms: [] },
      ]),
    ],
  }, null, 2));
  files.push("datapackage.json");
  return { directory, level, files, spendLines: lines, suppliers: paidSuppliers };
}
