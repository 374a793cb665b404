import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { InputError } from "../src/errors.js";
import type { Warehouse } from "../src/warehouse.js";
import { LOAD_ORDER, TABLE_EXTENSIONS, detectKind, type InputKind } from "./detect-kind.js";
import { loadDefinitions } from "./load-definitions.js";
import { loadInstitution, parseInstitution } from "./load-institution.js";
import type { LoadOutcome } from "./load-outcome.js";
import { loadPostcodes } from "./load-postcodes.js";
import { loadSpend } from "./load-spend.js";
import { loadSupplierRegister } from "./load-suppliers.js";
import { decodeText, parseCsvRows, readFileWithHash } from "./read-table.js";
import { refreshSupplierLocality } from "./refresh-locality.js";

export type FileResult =
  | { path: string; kind: InputKind; sha256: string; status: "loaded"; outcome: LoadOutcome }
  | { path: string; kind: InputKind; sha256: string; status: "already loaded" }
  | { path: string; kind: InputKind | null; status: "refused"; error: string }
  | { path: string; kind: null; status: "skipped"; reason: string };

const INPUT_EXTENSIONS = [...TABLE_EXTENSIONS, ".json"];

/** Every file under the given paths; in folders, files that are not inputs (READMEs…) are skipped, and said so. */
async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; skipped: FileResult[] }> {
  const files: string[] = [];
  const skipped: FileResult[] = [];
  const walk = async (path: string, named: boolean): Promise<void> => {
    const info = await stat(path).catch(() => null);
    if (!info) throw new InputError("does not exist", { file: path });
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) {
        if (!entry.startsWith(".")) await walk(join(path, entry), false);
      }
    } else if (named || INPUT_EXTENSIONS.some((extension) => path.toLowerCase().endsWith(extension))) {
      files.push(path);
    } else {
      skipped.push({ path, kind: null, status: "skipped", reason: "not an input file (expected .csv, .csv.gz or .json)" });
    }
  };
  for (const path of paths) await walk(path, true);
  return { files, skipped };
}

/** The institution that publishes a file: the nearest institution.json in its folder or above. */
async function institutionFor(path: string): Promise<string | null> {
  let folder = dirname(resolve(path));
  for (;;) {
    const candidate = join(folder, "institution.json");
    if (existsSync(candidate)) {
      const { bytes } = await readFileWithHash(candidate);
      return parseInstitution(decodeText(bytes, candidate), candidate).id;
    }
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

async function loadOne(warehouse: Warehouse, path: string, kind: InputKind, bytes: Buffer, fileId: number): Promise<LoadOutcome> {
  const text = () => decodeText(bytes, path);
  switch (kind) {
    case "institution":
      return loadInstitution(warehouse, text(), path);
    case "definitions":
      return loadDefinitions(warehouse, text(), path, fileId, await institutionFor(path));
    case "postcodes":
      return loadPostcodes(warehouse, path, parseCsvRows(text().split("\n").slice(0, 40).join("\n"), path), fileId);
    case "suppliers":
      return loadSupplierRegister(warehouse, parseCsvRows(text(), path), path, fileId);
    case "spend": {
      const institutionId = await institutionFor(path);
      if (institutionId === null) {
        throw new InputError("no institution.json in its folder or above: put the file in a folder whose institution.json says who published it", { file: path });
      }
      return loadSpend(warehouse, parseCsvRows(text(), path), path, fileId, institutionId);
    }
  }
}

/**
 * Loads files into the warehouse, one transaction per file, in dependency order. A file whose content
 * (SHA-256) is already loaded is skipped; a refused file leaves the warehouse as it was.
 */
export async function loadInputs(warehouse: Warehouse, paths: readonly string[], onFile?: (result: FileResult) => void): Promise<FileResult[]> {
  const { files, skipped } = await expandPaths(paths);
  const results: FileResult[] = [];
  const report = (result: FileResult) => {
    results.push(result);
    onFile?.(result);
  };
  skipped.forEach(report);
  const planned: { path: string; kind: InputKind }[] = [];
  for (const file of files) {
    const fromHere = relative(process.cwd(), file);
    const path = fromHere === "" || fromHere.startsWith("..") ? resolve(file) : fromHere;
    try {
      planned.push({ path, kind: await detectKind(path) });
    } catch (error) {
      report({ path, kind: null, status: "refused", error: (error as Error).message });
    }
  }
  planned.sort((a, b) => LOAD_ORDER.indexOf(a.kind) - LOAD_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  for (const { path, kind } of planned) {
    const { bytes, sha256 } = await readFileWithHash(path);
    const known = await warehouse.all("SELECT 1 FROM source_files WHERE sha256 = ?", [sha256]);
    let result: FileResult;
    if (known.length > 0) {
      result = { path, kind, sha256, status: "already loaded" };
    } else {
      try {
        const outcome = await warehouse.transaction(async () => {
          const { id } = await warehouse.one<{ id: number }>("SELECT nextval('source_file_ids')::INTEGER AS id");
          const outcome = await loadOne(warehouse, path, kind, bytes, id);
          await warehouse.run(
            `INSERT INTO source_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::DECIMAL(18,2) / 100, ?::DATE, ?::DATE, current_timestamp)`,
            [id, path, sha256, kind, kind === "spend" ? await institutionFor(path) : null,
              outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined,
              outcome.amountLoadedPence ?? null, outcome.firstDate ?? null, outcome.lastDate ?? null],
          );
          return outcome;
        });
        result = { path, kind, sha256, status: "loaded", outcome };
      } catch (error) {
        const message = (error as Error).message;
        result = { path, kind, status: "refused", error: error instanceof InputError ? message : `${path}: ${message}` };
      }
    }
    report(result);
  }
  await warehouse.transaction(() => refreshSupplierLocality(warehouse));
  return results;
}
