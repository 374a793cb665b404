import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readTableSchema } from "../../loaders/schema/column-synonyms.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { SPEND_COLUMNS, columnsAt, neutralised, type SharingLevel } from "./export-institution.js";
import { registerFormulaFunction } from "./write-csv.js";
import { withheldIndividual } from "../model/published-supplier.js";

/** The keys a dataset may be partitioned by, and the column each becomes (Hive style: `institution=RWK/year=2024`). */
const PARTITION_COLUMNS: Record<PartitionKey, string> = { institution: "sp.institution_id", year: "year(sp.payment_date)" };
export type PartitionKey = "institution" | "year";

export interface PartitionedSummary { directory: string; level: SharingLevel; partitions: PartitionKey[]; files: string[]; spendLines: number }

const quotedPath = (path: string) => `'${path.replace(/'/g, "''")}'`;

async function parquetFiles(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true })).filter((name) => name.endsWith(".parquet")).sort();
}

/**
 * Writes every institution's data (or one's) as a Hive-partitioned Parquet dataset that DuckDB, Spark, Trino or
 * BigQuery read unchanged (`read_parquet('spend/**\/*.parquet', hive_partitioning = true)`):
 *   spend/<partitions>/data_0.parquet   each spend line, with the fields shared at the level;
 *   locality/institution=…/…           each paid supplier's class under every definition, by institution;
 *   definitions.parquet, institutions.parquet, and a datapackage.json listing every file.
 * Redacted payees appear as REDACTED with no locality row (unlocated), as in the per-institution export.
 * The folder's previous spend and locality datasets are replaced, never mixed with the new ones.
 */
export async function exportPartitioned(
  warehouse: Warehouse, level: SharingLevel, directory: string, partitions: PartitionKey[], institutionId?: string,
): Promise<PartitionedSummary> {
  const only = institutionId === undefined ? "" : "AND sp.institution_id = $institution";
  const params: Record<string, string> = institutionId === undefined ? {} : { institution: institutionId };
  registerFormulaFunction(warehouse);
  await mkdir(directory, { recursive: true });
  for (const dataset of ["spend", "locality"]) await rm(join(directory, dataset), { recursive: true, force: true });

  const spend = columnsAt(readTableSchema("spend").fields, SPEND_COLUMNS, level);
  const keys = partitions.map((key) => `${PARTITION_COLUMNS[key]} AS ${key}`).join(", ");
  await warehouse.run(
    `COPY (SELECT ${spend.select}, ${keys} FROM current_spend sp JOIN suppliers s USING (supplier_id) WHERE true ${only}
           ORDER BY sp.institution_id, sp.payment_date, sp.file_id, sp.row_number)
     TO ${quotedPath(join(directory, "spend"))} (FORMAT parquet, PARTITION_BY (${partitions.join(", ")}))`,
    params,
  );
  await warehouse.run(
    `COPY (SELECT DISTINCT sp.institution_id AS institution, ${neutralised("s.name")} AS supplier, l.definition_id AS definition, l.version, l.status, l.precision
           FROM current_spend sp JOIN suppliers s USING (supplier_id)
           JOIN supplier_locality l ON l.institution_id = sp.institution_id AND l.supplier_id = sp.supplier_id
           WHERE NOT s.is_redacted AND NOT ${withheldIndividual("s.name", "sp.institution_id")} ${only} ORDER BY ALL)
     TO ${quotedPath(join(directory, "locality"))} (FORMAT parquet, PARTITION_BY (institution))`,
    params,
  );
  await warehouse.run(
    `COPY (SELECT definition_id AS definition, version, name, kind, basis, institution_id AS institution, is_headline AS headline
           FROM local_definitions ORDER BY ALL) TO ${quotedPath(join(directory, "definitions.parquet"))} (FORMAT parquet)`,
  );
  await warehouse.run(
    `COPY (SELECT institution_id AS id, name, kind, is_demo AS "isDemo" FROM institutions WHERE institution_id IN (SELECT institution_id FROM current_spend sp WHERE true ${only}) ORDER BY id)
     TO ${quotedPath(join(directory, "institutions.parquet"))} (FORMAT parquet)`,
    params,
  );
  const spendFiles = (await parquetFiles(join(directory, "spend"))).map((file) => `spend/${file}`);
  const localityFiles = (await parquetFiles(join(directory, "locality"))).map((file) => `locality/${file}`);
  const resource = (name: string, path: string[], fields: { name: string; type: string; description?: string }[], partitionedBy: string[] = []) => ({
    name, path, profile: "data-resource", format: "parquet", mediatype: "application/vnd.apache.parquet",
    ...(partitionedBy.length > 0 ? { partitioning: { style: "hive", keys: partitionedBy } } : {}),
    schema: { fields },
  });
  await writeFile(join(directory, "datapackage.json"), JSON.stringify({
    profile: "data-package",
    name: `anchor-spend-${(institutionId ?? "all").toLowerCase()}-${level}-partitioned`,
    title: `anchor-spend spend, locality and definitions (${level} export, Parquet partitioned by ${partitions.join(", ")})`,
    created: new Date().toISOString(),
    sharingLevel: level,
    description: "Hive-partitioned Parquet: read the spend with read_parquet('spend/**/*.parquet', hive_partitioning = true) in DuckDB, or as a partitioned external table in Spark, Trino or BigQuery. Join locality on (institution, supplier) and a definition (id, version); spend with no locality row is unlocated (redacted payees among it).",
    resources: [
      resource("spend", spendFiles, [
        ...spend.fields.map(({ name, type, description }) => ({ name, type, description })),
        ...partitions.map((key) => ({ name: key, type: key === "year" ? "integer" : "string", description: `partition key (${key})` })),
      ], partitions),
      resource("locality", localityFiles, [
        { name: "institution", type: "string", description: "partition key: the institution that paid the supplier" },
        { name: "supplier", type: "string" }, { name: "definition", type: "string" }, { name: "version", type: "integer" },
        { name: "status", type: "string", description: "local, non_local or unlocated" }, { name: "precision", type: "string" },
      ], ["institution"]),
      resource("definitions", ["definitions.parquet"], [
        { name: "definition", type: "string" }, { name: "version", type: "integer" }, { name: "name", type: "string" }, { name: "kind", type: "string" },
        { name: "basis", type: "string" }, { name: "institution", type: "string", description: "empty for a shared definition" }, { name: "headline", type: "boolean" },
      ]),
      resource("institutions", ["institutions.parquet"], [{ name: "id", type: "string" }, { name: "name", type: "string" }, { name: "kind", type: "string" }, { name: "isDemo", type: "boolean" }]),
    ],
  }, null, 2));
  const { lines } = await warehouse.one<{ lines: number }>(`SELECT count(*) AS lines FROM current_spend sp WHERE true ${only}`, params);
  const files = [...spendFiles, ...localityFiles, "definitions.parquet", "institutions.parquet", "datapackage.json"];
  return { directory, level, partitions, files, spendLines: lines };
}
