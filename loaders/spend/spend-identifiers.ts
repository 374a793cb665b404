import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { normaliseCharityNumber, normaliseCompanyNumber, normaliseVatNumber } from "../schema/supplier-identifiers.js";

/** The optional spend fields (data/schema/spend.schema.json) that name a supplier's registration. */
export const SPEND_IDENTIFIER_FIELDS = ["company_number", "charity_number", "vat_number"] as const;
export type SpendIdentifierField = (typeof SPEND_IDENTIFIER_FIELDS)[number];

/** A line's identifier cells, as written (only the filled ones of the columns the file has). */
export type IdentifierCells = Partial<Record<SpendIdentifierField, string>>;

const WORDS: Record<SpendIdentifierField, string> = { company_number: "company number", charity_number: "charity number", vat_number: "VAT number" };

/** An identifier cell normalised under its field's scheme (spend_supplier_identifiers.scheme), or null when it is not one. */
export function spendIdentifier(field: SpendIdentifierField, raw: string): { scheme: string; identifier: string } | null {
  if (field === "company_number") {
    const number = normaliseCompanyNumber(raw);
    return number ? { scheme: "GB-COH", identifier: number } : null;
  }
  if (field === "vat_number") {
    const number = normaliseVatNumber(raw);
    return number ? { scheme: "GB-VAT", identifier: number } : null;
  }
  const charity = normaliseCharityNumber(raw);
  return charity ? { scheme: charity.scheme, identifier: charity.id } : null;
}

/** The filled identifier cells of a row, by the heading mapping's columns; undefined when the file has none. */
export function identifierCellsOf(cells: readonly string[], columns: Readonly<Record<string, number>>): IdentifierCells | undefined {
  let found: IdentifierCells | undefined;
  for (const field of SPEND_IDENTIFIER_FIELDS) {
    const column = columns[field];
    if (column === undefined) continue;
    const raw = (cells[column] ?? "").trim();
    if (raw !== "") (found ??= {})[field] = raw;
  }
  return found;
}

/**
 * The identifiers one spend file gives for its loaded (named, not redacted) suppliers, normalised and kept once per
 * supplier and identifier. A cell that is no identifier of its kind ("N/A", "Exempt", a number of the wrong form or
 * with wrong check digits) is not kept and the payment stands: it is not a bad row, so it is not quarantined (the
 * quarantine holds rows not loaded); each such distinct value is counted and the file's load report says how many.
 */
export class SpendIdentifiers {
  private readonly kept = new Map<string, { supplierId: string; scheme: string; identifier: string }>();
  private readonly seen = new Set<string>();
  private readonly counts = new Map<SpendIdentifierField, { kept: number; notOne: number }>();

  add(supplierId: string, cells: IdentifierCells): void {
    for (const field of SPEND_IDENTIFIER_FIELDS) {
      const raw = cells[field];
      if (raw === undefined) continue;
      const value = `${supplierId}\u0000${field}\u0000${raw}`;
      if (this.seen.has(value)) continue;
      this.seen.add(value);
      const count = this.counts.get(field) ?? { kept: 0, notOne: 0 };
      this.counts.set(field, count);
      const found = spendIdentifier(field, raw);
      if (!found) {
        count.notOne++;
        continue;
      }
      count.kept++;
      this.kept.set(`${supplierId}\u0000${found.scheme}\u0000${found.identifier}`, { supplierId, ...found });
    }
  }

  /** Writes the kept identifiers, in the file's transaction. */
  async write(warehouse: Warehouse, fileId: number, institutionId: string): Promise<void> {
    if (this.kept.size === 0) return;
    const appender = await warehouse.connection.createAppender("spend_supplier_identifiers");
    for (const { supplierId, scheme, identifier } of this.kept.values()) {
      appender.appendInteger(fileId);
      appender.appendVarchar(institutionId);
      appender.appendVarchar(supplierId);
      appender.appendVarchar(scheme);
      appender.appendVarchar(identifier);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }

  /** In words for the load report: `identifiers (distinct supplier and value): company number 12 kept, 2 not one (not kept)`; "" when none. */
  describe(): string {
    const parts = SPEND_IDENTIFIER_FIELDS.flatMap((field) => {
      const count = this.counts.get(field);
      return count ? [`${WORDS[field]} ${count.kept} kept${count.notOne ? `, ${count.notOne} not a ${WORDS[field]} (not kept; the lines stand)` : ""}`] : [];
    });
    return parts.length ? `identifiers (distinct supplier and value): ${parts.join("; ")}` : "";
  }
}

/**
 * The identifier cells of a staged spend CSV's lines that SQL loaded (stage-spend-csv.ts, load-staged-spend.ts),
 * each distinct supplier and cells once, into `identifiers`; lines loaded row by row bring theirs through the writer.
 * Staged line n is spend row n + offset.
 */
export async function addStagedIdentifiers(
  warehouse: Warehouse, stagedTable: string, columns: Readonly<Record<string, number>>, fileId: number, offset: number, identifiers: SpendIdentifiers,
): Promise<void> {
  const present = SPEND_IDENTIFIER_FIELDS.filter((field) => columns[field] !== undefined);
  if (present.length === 0) return;
  const rows = await warehouse.all<Record<string, string> & { supplier_id: string }>(
    `SELECT DISTINCT sp.supplier_id, ${present.map((field) => `s.c${columns[field]} AS ${field}`).join(", ")}
     FROM spend sp JOIN ${stagedTable} s ON s.rowid = sp.row_number - $offset
     WHERE sp.file_id = $file AND NOT sp.is_redacted AND (${present.map((field) => `s.c${columns[field]} <> ''`).join(" OR ")})`,
    { file: fileId, offset },
  );
  for (const row of rows) {
    const cells = identifierCellsOf(present.map((field) => row[field] ?? ""), Object.fromEntries(present.map((field, i) => [field, i])));
    if (cells) identifiers.add(row.supplier_id, cells);
  }
}
