// A file a load has found and identified, and whose facts it holds: shared by the walk over the folders
// (load-inputs.ts) and the loading of a new file (load-file.ts, imported only when a file is new).
import { relative, resolve } from "node:path";
import { InputError } from "../src/core/errors.js";
import type { DetectedTable } from "./schema/detect-kind.js";
import type { InputKind } from "./schema/input-kinds.js";
import type { FolderSettings, InstitutionFolder } from "./schema/institution-folder.js";
import type { FileScan } from "./files/scan-file.js";
import type { TableSource } from "./files/read-table.js";
import type { InstitutionGiven, InstitutionOption } from "./institution-from-file.js";
import { REFERENCE_TABLES } from "./reference/reference-tables.js";

/**
 * Whose facts a file holds: an institution's (the folder's institution.json), every institution's (reference
 * data, or a partnership's shared files), said with the file's result.
 */
export type FileScope = { institution: string } | { shared: string | null };

export interface PlannedFile {
  path: string;
  kind: InputKind;
  scan: FileScan;
  source: TableSource | null;
  /** A table's kind and heading rows, told once from its top rows (null for configuration). */
  detected: DetectedTable | null;
  institution: InstitutionFolder | null;
  /** The institution whose facts the file holds (null: shared by every institution). */
  belongsTo: string | null;
  scope: FileScope;
  /** Loaded already by the institution it belongs to (told by its content before its kind: see alreadyLoaded). */
  alreadyLoaded?: true;
  /** A spend file with no institution.json: the institution `--institution` or `--infer-institution` gave it. */
  given?: InstitutionGiven;
}

/** Whose a spend file is when its folder has no institution.json: `load --institution`, or `--infer-institution`. */
export interface InstitutionChoice {
  institution: InstitutionOption | null;
  infer: boolean;
}

/** Reference data (postcodes, areas, deprivation, lookups) is the same fact wherever it lies: never one institution's. */
const REFERENCE_KINDS: readonly InputKind[] = [...Object.keys(REFERENCE_TABLES) as InputKind[], "codepoint"];

/**
 * Every fact loaded from a file belongs to the institution whose folder it came from. Outside every
 * institution's folder a file is shared; a supplier register only when its folder says so (partnership.json).
 */
export function scopeOf(path: string, kind: InputKind, institution: InstitutionFolder | null, folders: FolderSettings): Pick<PlannedFile, "belongsTo" | "scope"> {
  if (REFERENCE_KINDS.includes(kind)) return { belongsTo: null, scope: { shared: null } };
  if (institution) return { belongsTo: institution.institutionId, scope: { institution: institution.institutionId } };
  const partnership = folders.partnershipFor(path);
  if (kind === "suppliers" && !partnership) {
    throw new InputError(
      "a supplier register belongs to an institution: put it in the folder whose institution.json says whose it is, " +
        `or, for a register shared by a partnership, in a folder with a partnership.json (e.g. {"name": "…"})`,
      { file: path },
    );
  }
  return { belongsTo: null, scope: { shared: partnership?.name ?? null } };
}

/** Where a path is shown and stored: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere === "" || fromHere.startsWith("..") ? resolve(file) : fromHere;
}
