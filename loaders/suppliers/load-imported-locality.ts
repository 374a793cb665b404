import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { IMPORTED_LOCALITY_FIELDS } from "../schema/column-synonyms.js";
import { detectHeader } from "../schema/detect-header.js";
import type { LoadOutcome } from "../load-outcome.js";
import { writeQuarantine, type QuarantineEntry } from "../quarantine.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";
import { supplierId, supplierNameKey } from "../schema/normalise-supplier-name.js";

const STATUSES = new Set(["local", "non_local", "unlocated"]);

/**
 * Loads a partner export's locality.csv: each supplier's class under each definition, as the exporting
 * partner computed it from postcodes a public export does not carry, for the institution whose folder holds
 * it. Used only for that institution's suppliers it cannot place itself (see refreshSupplierLocality).
 */
export async function loadImportedLocality(warehouse: Warehouse, rows: string[][], path: string, fileId: number, institutionId: string | null): Promise<LoadOutcome> {
  const header = detectHeader(rows, IMPORTED_LOCALITY_FIELDS);
  if (!header) return { rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0 };
  const column = (cells: string[], field: string) => cells[header.columns[field]!] ?? "";
  const quarantined: QuarantineEntry[] = [];
  let rowsRead = 0;
  let rowsLoaded = 0;
  for (let index = header.headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell === "")) continue;
    rowsRead++;
    const key = supplierNameKey(column(cells, "supplier"));
    const version = Number(column(cells, "version"));
    const status = column(cells, "status");
    const problem: [string, ProblemCode, string] | null = key === "" ? ["supplier", "empty-supplier-name", "supplier name is empty"]
      : !Number.isInteger(version) || version < 1 ? ["version", "not-a-version", "not a definition version (expected a whole number ≥ 1)"]
      : !STATUSES.has(status) ? ["status", "not-a-class", "not a class (expected local, non_local or unlocated)"] : null;
    if (problem) {
      const [field, code, reason] = problem;
      quarantined.push({ row: index + 1, column: field, rawValue: column(cells, field), code, reason });
      continue;
    }
    await warehouse.run("INSERT INTO imported_locality VALUES (?, ?, ?, ?, ?, ?, ?::VARCHAR)",
      [supplierId(key), column(cells, "definition"), version, status, column(cells, "precision") || null, fileId, institutionId]);
    rowsLoaded++;
  }
  await writeQuarantine(warehouse, fileId, path, quarantined);
  return { rowsRead, rowsLoaded, rowsQuarantined: quarantined.length };
}
