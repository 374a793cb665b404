import { listValue } from "@duckdb/node-api";
import { InputError } from "../src/errors.js";
import type { Warehouse } from "../src/warehouse.js";
import { parseLocalDefinition, type LocalDefinition } from "../geo/local-definition.js";
import type { LoadOutcome } from "./load-outcome.js";

/** Checks a definitions.json ({"definitions": [...]}); any bad definition refuses the whole file. */
export function parseDefinitionsFile(text: string, file: string): LocalDefinition[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`is not valid JSON (${(error as Error).message})`, { file }, { cause: error });
  }
  const list = (value as { definitions?: unknown })?.definitions;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError(`expected {"definitions": [ … ]} with at least one definition`, { file });
  }
  const definitions = list.map((item, index) => {
    const { definition, problems } = parseLocalDefinition(item);
    if (!definition) throw new InputError(`definition ${index + 1}: ${problems.join("; ")}`, { file, row: index + 1 });
    return definition;
  });
  const seen = new Set<string>();
  for (const definition of definitions) {
    const key = `${definition.id}@${definition.version}`;
    if (seen.has(key)) throw new InputError(`definition ${key} appears twice`, { file });
    seen.add(key);
  }
  return definitions;
}

/**
 * Loads definitions for an institution (or shared ones when no institution). A definition id and version
 * is immutable: loading it again with other content is refused; publish a new version instead.
 */
export async function loadDefinitions(
  warehouse: Warehouse,
  text: string,
  file: string,
  fileId: number,
  institutionId: string | null,
): Promise<LoadOutcome> {
  const definitions = parseDefinitionsFile(text, file);
  for (const definition of definitions) {
    const existing = await warehouse.all<{ codes: string[]; kind: string }>(
      `SELECT codes, kind FROM local_definitions WHERE definition_id = ? AND version = ?`,
      [definition.id, definition.version],
    );
    const previous = existing[0];
    if (previous) {
      const same = previous.kind === definition.kind && JSON.stringify([...previous.codes].sort()) === JSON.stringify([...definition.codes].sort());
      if (!same) {
        throw new InputError(`definition ${definition.id} version ${definition.version} is already loaded with other content: give the change a new version`, { file });
      }
      await warehouse.run(`DELETE FROM local_definitions WHERE definition_id = ? AND version = ?`, [definition.id, definition.version]);
    }
    await warehouse.run(
      `INSERT INTO local_definitions VALUES (?, ?, ?, ?, ?, ?::VARCHAR[], ?, ?, ?, ?)`,
      [definition.id, definition.version, definition.name, definition.kind, definition.basis,
        listValue(definition.codes), definition.description, definition.headline, institutionId, fileId],
    );
  }
  return { rowsRead: definitions.length, rowsLoaded: definitions.length, rowsQuarantined: 0 };
}
