import { resolve } from "node:path";
import { UsageError } from "../../core/errors.js";
import { warehouseOf, warehouseOption, type Command } from "../command.js";

export const exportCommand: Command = {
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
    const level = values.level;
    if (level !== "public" && level !== "partner") throw new UsageError(`--level must be public or partner, found ${JSON.stringify(level ?? null)}`);
    const [{ withWarehouse }, { exportInstitution }] = await Promise.all([
      import("../../warehouse/warehouse.js"), import("../../share/export-institution.js"),
    ]);
    const summary = await withWarehouse(warehouseOf(values), "read", (w) => exportInstitution(w, String(values.institution), level, resolve(String(values.to))));
    console.log(`exported ${summary.spendLines} spend lines and ${summary.suppliers} suppliers (${summary.level}) to ${summary.directory}: ${summary.files.join(", ")}`);
    return 0;
  },
};
