import { InputError } from "../src/core/errors.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";
import type { LoadOutcome } from "./load-outcome.js";
import { parseJsonText } from "./files/read-json.js";

export interface Institution {
  id: string;
  name: string;
  kind: string;
  odsCode: string | null;
  isDemo: boolean;
  note: string | null;
  /** Published output names no payee that looks like a private individual (src/core/individual-name.ts). */
  withholdIndividuals: boolean;
}

/** Checks an institution.json: who publishes the files in its folder. */
export function parseInstitution(text: string, file: string): Institution {
  return institutionFrom(parseJsonText(text, file), file);
}

/** Checks an institution.json's parsed value (anything JSON can hold: null, a list, a number…). */
export function institutionFrom(parsed: unknown, file: string): Institution {
  const example = `(expected e.g. {"id": "RWK", "name": "…", "kind": "nhs-trust"})`;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    const found = parsed === null ? "null" : Array.isArray(parsed) ? "a list" : `a ${typeof parsed}`;
    throw new InputError(`must be a JSON object with "id", "name" and "kind", found ${found} ${example}`, { file });
  }
  const value = parsed as Record<string, unknown>;
  for (const key of ["id", "name", "kind"]) {
    if (typeof value[key] !== "string" || (value[key] as string).trim() === "") {
      throw new InputError(`"${key}" must be a non-empty string ${example}`, { file, column: key });
    }
  }
  if (value.withholdIndividuals !== undefined && typeof value.withholdIndividuals !== "boolean") {
    throw new InputError(`"withholdIndividuals" must be true or false, found ${JSON.stringify(value.withholdIndividuals)}`, { file, column: "withholdIndividuals" });
  }
  const optional = (key: string): string | null => (typeof value[key] === "string" ? (value[key] as string) : null);
  return {
    id: value.id as string,
    name: value.name as string,
    kind: value.kind as string,
    odsCode: optional("odsCode"),
    isDemo: value.isDemo === true,
    note: optional("note"),
    withholdIndividuals: value.withholdIndividuals === true,
  };
}

export async function loadInstitution(warehouse: Warehouse, text: string, file: string): Promise<LoadOutcome> {
  const institution = parseInstitution(text, file);
  await warehouse.run(
    `INSERT OR REPLACE INTO institutions (institution_id, name, kind, ods_code, is_demo, note, withhold_individuals) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [institution.id, institution.name, institution.kind, institution.odsCode, institution.isDemo, institution.note, institution.withholdIndividuals],
  );
  return { rowsRead: 1, rowsLoaded: 1, rowsQuarantined: 0 };
}
