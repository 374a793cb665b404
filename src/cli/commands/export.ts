import { resolve } from "node:path";
import { UsageError } from "../../core/errors.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

const PARTITION_KEYS = ["institution", "year"] as const;
type PartitionKey = (typeof PARTITION_KEYS)[number];

/** `--partition institution,year` → the keys, each known and named once. */
function partitionsOf(values: Values): PartitionKey[] {
  const keys = String(values.partition).split(",").map((key) => key.trim()).filter((key) => key !== "");
  const unknown = keys.filter((key) => !(PARTITION_KEYS as readonly string[]).includes(key));
  if (keys.length === 0 || unknown.length > 0 || new Set(keys).size !== keys.length) {
    throw new UsageError(`--partition takes ${PARTITION_KEYS.join(" and/or ")}, comma-separated, each once; found ${JSON.stringify(values.partition)}`);
  }
  return keys as PartitionKey[];
}

export const exportCommand: Command = {
  summary: "export data in the shared schema at a sharing level: one institution (CSV, Parquet, datapackage.json), or every institution as a partitioned Parquet dataset",
  usage: "--level public|partner --to DIR (--institution ID | --format parquet --partition institution,year [--institution ID])",
  options: {
    warehouse: warehouseOption,
    institution: { type: "string", valueName: "ID", description: "the institution to export (with --partition: every institution unless given)" },
    level: { type: "string", valueName: "LEVEL", description: "public (publishable fields only) or partner (adds partner fields; internal ones never leave)" },
    to: { type: "string", valueName: "DIR", description: "the folder to write" },
    format: { type: "string", valueName: "FORMAT", description: "parquet, with --partition (without it the export writes CSV and Parquet)" },
    partition: { type: "string", valueName: "KEYS", description: "write a Hive-partitioned Parquet dataset by these keys: institution, year (e.g. institution,year)" },
  },
  async run(values) {
    if (typeof values.to !== "string") throw new UsageError("--to is needed");
    const level = values.level;
    if (level !== "public" && level !== "partner") throw new UsageError(`--level must be public or partner, found ${JSON.stringify(level ?? null)}`);
    const { withWarehouse } = await import("../../warehouse/warehouse.js");
    if (values.partition !== undefined || values.format !== undefined) {
      if (values.format !== "parquet" || values.partition === undefined) throw new UsageError("a partitioned export needs both --format parquet and --partition KEYS");
      const partitions = partitionsOf(values);
      const { exportPartitioned } = await import("../../share/export-partitioned.js");
      const institution = typeof values.institution === "string" ? values.institution : undefined;
      const summary = await withWarehouse(warehouseOf(values), "read", (w) => exportPartitioned(w, level, resolve(String(values.to)), partitions, institution));
      console.log(`exported ${summary.spendLines} spend lines (${summary.level}) to ${summary.directory} as Parquet partitioned by ${summary.partitions.join(", ")}: ${summary.files.length} files`);
      return 0;
    }
    if (typeof values.institution !== "string") throw new UsageError("--institution is needed (or --format parquet --partition KEYS for every institution)");
    const { exportInstitution } = await import("../../share/export-institution.js");
    const summary = await withWarehouse(warehouseOf(values), "read", (w) => exportInstitution(w, String(values.institution), level, resolve(String(values.to))));
    console.log(`exported ${summary.spendLines} spend lines and ${summary.suppliers} suppliers (${summary.level}) to ${summary.directory}: ${summary.files.join(", ")}`);
    return 0;
  },
};
