import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { definitionCodes, parseLocalDefinition, type AreaSpec, type LocalDefinition } from "../../geo/definition-spec.js";
import { preparePolygonArea } from "../../geo/polygon-area.js";
import { DEFAULT_BORDERING, borderingAuthorities } from "../../geo/bordering-authorities.js";
import type { LoadOutcome } from "../load-outcome.js";
import type { ProgressListener } from "../spend/spend-writer.js";
import { parseJsonText, readJsonFile } from "../files/read-json.js";

/** A GeoJSON file named by an area, read from beside the definition (never a path elsewhere). */
function readBesideDefinition(name: string, folder: string, file: string, at: string): unknown {
  // Only a file beside the definition: a path could reach (and quote) files elsewhere on the machine.
  if (basename(name) !== name || name.startsWith(".")) {
    throw new InputError(`${at}.file: expected the name of a GeoJSON file in the same folder as the definition, found a path`, { file, column: "file" });
  }
  const path = join(folder, name);
  if (!existsSync(path)) throw new InputError(`${at}.file: expected a GeoJSON file, found no file at ${path}`, { file, column: "file" });
  // A symbolic link is followed only to a regular file in the same folder (a link to /etc/passwd is refused).
  const real = realpathSync(path);
  if (dirname(real) !== realpathSync(folder)) {
    throw new InputError(`${at}.file: ${name} is a link to a file outside the definition's folder: copy the boundary file beside the definition`, { file, column: "file" });
  }
  if (!statSync(real).isFile()) throw new InputError(`${at}.file: ${name} is not a regular file (a folder, pipe or device)`, { file, column: "file" });
  try {
    return readJsonFile(path);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`${at}.file: ${name} ${error.problem}`, { file, column: "file" }, { cause: error });
  }
}

/**
 * Reads the files an area names (relative to the definition file) into the area itself, checked: a polygon's
 * GeoJSON; for bordering authorities, the neighbours found in the boundaries file.
 */
function embedPolygons(area: AreaSpec, folder: string, file: string, at: string, onProgress?: ProgressListener): AreaSpec {
  switch (area.kind) {
    case "bordering-authorities": {
      const boundaries = readBesideDefinition(area.file, folder, file, at);
      const { neighbours, missing } = borderingAuthorities(boundaries, area.codes, { ...DEFAULT_BORDERING, toleranceMetres: area.toleranceMetres });
      if (missing.length > 0) throw new InputError(`${at}.file: ${area.file} has no boundary for ${missing.join(", ")} (expected features with a LADyyCD property for every code)`, { file, column: "file" });
      return { ...area, neighbours };
    }
    case "polygon": {
      const geojson = readBesideDefinition(area.file, folder, file, at);
      const polygonPath = join(folder, area.file);
      const { problems } = preparePolygonArea(geojson, onProgress && ((feature, checked, segments) =>
        onProgress(polygonPath, checked, `of feature ${feature}'s ${segments.toLocaleString("en-GB")} boundary segments checked for crossings`)));
      if (problems.length > 0) throw new InputError(`${at}.file: ${area.file}: ${problems.join("; ")}`, { file, column: "file" });
      return { ...area, geojson };
    }
    case "deprivation":
      return area.within ? { ...area, within: embedPolygons(area.within, folder, file, `${at}.within`, onProgress) } : area;
    case "union":
    case "intersection":
      return { ...area, of: area.of.map((part, index) => embedPolygons(part, folder, file, `${at}.of[${index}]`, onProgress)) };
    default:
      return area;
  }
}

/**
 * Checks a definitions file: one definition (an object with an id), or {"definitions": [...]}. Any bad
 * definition refuses the whole file, naming the field and what was expected.
 */
export function parseDefinitionsFile(text: string, file: string, onProgress?: ProgressListener): LocalDefinition[] {
  const value = parseJsonText(text, file);
  const list = Array.isArray((value as { definitions?: unknown })?.definitions) ? (value as { definitions: unknown[] }).definitions : [value];
  if (list.length === 0) throw new InputError(`expected a definition, or {"definitions": [ … ]} with at least one`, { file });
  const definitions = list.map((item, index) => {
    const { definition, problems } = parseLocalDefinition(item);
    if (!definition) throw new InputError(`definition ${index + 1}: ${problems.join("; ")}`, { file, row: index + 1 });
    return { ...definition, area: embedPolygons(definition.area, dirname(file), file, "definition", onProgress) };
  });
  const seen = new Set<string>();
  for (const definition of definitions) {
    const key = `${definition.id} v${definition.version}`;
    if (seen.has(key)) throw new InputError(`definition ${key} appears twice`, { file });
    seen.add(key);
  }
  return definitions;
}

/**
 * Loads definitions for an institution (or shared ones when no institution): each is that institution's
 * alone, whatever another institution holds under the same id. A definition id and version is immutable
 * within its institution: loading it again with other content is refused; publish a new version instead.
 */
export async function loadDefinitions(
  warehouse: Warehouse,
  text: string,
  file: string,
  fileId: number,
  institutionId: string | null,
  onProgress?: ProgressListener,
): Promise<LoadOutcome> {
  const definitions = parseDefinitionsFile(text, file, onProgress);
  for (const definition of definitions) {
    const spec = JSON.stringify(definition.area);
    const existing = await warehouse.all<{ spec: string; excludes_public_bodies: boolean | null }>(
      `SELECT spec, excludes_public_bodies FROM local_definitions WHERE definition_id = ? AND version = ? AND institution_id IS NOT DISTINCT FROM ?::VARCHAR`,
      [definition.id, definition.version, institutionId],
    );
    if (existing[0]) {
      const loaded = `definition ${definition.id} version ${definition.version} is already loaded${institutionId ? ` for ${institutionId}` : " (shared)"}`;
      if (existing[0].spec !== spec) throw new InputError(`${loaded} with another area: give the change a new version`, { file });
      // Leaving public bodies out changes its figures as much as another area does.
      if ((existing[0].excludes_public_bodies ?? false) !== definition.excludePublicBodies) {
        throw new InputError(`${loaded} with excludePublicBodies ${String(existing[0].excludes_public_bodies ?? false)}: give the change a new version`, { file });
      }
      await warehouse.run(
        `DELETE FROM local_definitions WHERE definition_id = ? AND version = ? AND institution_id IS NOT DISTINCT FROM ?::VARCHAR`,
        [definition.id, definition.version, institutionId],
      );
    }
    await warehouse.run(
      `INSERT INTO local_definitions (definition_id, version, name, kind, basis, codes, description, is_headline, institution_id, file_id, spec, excludes_public_bodies)
       VALUES (?, ?, ?, ?, ?, from_json(?, '["VARCHAR"]'), ?, ?, ?::VARCHAR, ?, ?, ?)`,
      [definition.id, definition.version, definition.name, definition.area.kind, definition.basis,
        JSON.stringify(definitionCodes(definition.area)), definition.description, definition.headline, institutionId, fileId, spec,
        definition.excludePublicBodies],
    );
  }
  return { rowsRead: definitions.length, rowsLoaded: definitions.length, rowsQuarantined: 0 };
}
