import type { Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, resolve, join } from "node:path";
import { reviewFileName } from "../src/core/config.js";
import { InputError } from "../src/core/errors.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";
import { LOAD_ORDER, TABLE_EXTENSIONS, type InputKind } from "./schema/input-kinds.js";
import { FolderSettings } from "./schema/institution-folder.js";
import type { ProgressListener } from "./spend/spend-writer.js";
import { scanFile, type FileScan } from "./files/scan-file.js";
import type { InstitutionOption } from "./institution-from-file.js";
import { ODS_FOLDER } from "./schema/ods-register.js";
import { displayPath, scopeOf, type FileScope, type InstitutionChoice, type PlannedFile } from "./planned-file.js";
import type { LoadedOutcome } from "./load-file.js";
import type { PreparedSpendCsv } from "./spend/load-staged-spend.js";

export type { FileScope } from "./planned-file.js";

export type FileResult =
  | { path: string; kind: InputKind; sha256: string; status: "loaded"; scope: FileScope; outcome: LoadedOutcome }
  | { path: string; kind: InputKind; sha256: string; status: "already loaded"; scope: FileScope }
  | { path: string; kind: InputKind | null; status: "refused"; error: string }
  | { path: string; kind: null; status: "skipped"; reason: string };

const INPUT_EXTENSIONS = [...TABLE_EXTENSIONS, ".json", ".jsonl"];
/** Files read as configuration by the loaders of other files, never loaded themselves. */
const CONFIGURATION_FILES: Record<string, string> = {
  "mapping.json": "an institution's column mapping: used when its spend files load",
  "partnership.json": "a partnership's name: the registers and definitions beside it are shared by every institution",
  "datapackage.json": "a data package descriptor (a partner's export): the CSV files beside it are loaded",
  [reviewFileName]: "an analyst's review of supplier matches: loaded by `anchor-spend suppliers review --accept FILE`, not by load",
};
const BOUNDARY_FILE = /\.geojson$/i;
/** Kinds of file loading before spend that an institution keeps small: the first spend file is staged beside them. */
const SMALL_BEFORE_SPEND = new Set<InputKind>(["institution", "definitions", "suppliers", "imported-locality"]);

/**
 * A file in a folder that looks like spend though anchor-spend cannot read it: a spreadsheet, PDF or
 * archive format, or a name that says spend ("expenditure over £25,000", "payments", "transparency").
 */
function looksLikeSpend(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (/\.(md|rst|log|wal|duckdb)$/.test(name)) return false;
  return /\.(xlsb|xlt|xltx|xltm|numbers|pdf|zip|7z|rar|odt|docx?|html?|xml|dbf|sav|parquet\.gz)$/.test(name)
    || /spend|expenditure|payments?\b|transparency|over[ _-]?£?(25|500)|purchase[ _-]?card/.test(name);
}

/** What a path is that is neither a folder nor a regular file, in words. */
function irregularKind(info: Stats): string {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * Every file under the given paths; in folders, files that are not inputs (READMEs…) are skipped, and said so.
 * Symbolic links are followed; a link that loops or leads nowhere, and a named pipe, socket or device (reading
 * one could wait forever), are refused each on its own; a folder reached twice through links is read once.
 */
async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; skipped: FileResult[] }> {
  const files: string[] = [];
  const skipped: FileResult[] = [];
  const foldersRead = new Set<string>();
  const walk = async (path: string, named: boolean): Promise<void> => {
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (named && code === "ENOENT") throw new InputError("does not exist", { file: path });
      const why = code === "ELOOP" ? "is a symbolic link that loops (it leads back to itself)"
        : code === "ENOENT" ? "is a symbolic link to nothing (its target does not exist)"
          : `cannot be read (${code ?? (error as Error).message})`;
      skipped.push({ path, kind: null, status: "refused", error: new InputError(`${why}: not read`, { file: path }).message });
      return;
    }
    const configuration = CONFIGURATION_FILES[basename(path).toLowerCase()];
    if (info.isDirectory()) {
      const real = await realpath(path);
      if (foldersRead.has(real)) {
        skipped.push({ path, kind: null, status: "skipped", reason: `the folder ${real}, already read (reached again through a symbolic link)` });
        return;
      }
      foldersRead.add(real);
      for (const entry of (await readdir(path)).sort()) {
        if (!entry.startsWith(".")) await walk(join(path, entry), false);
      }
    } else if (!info.isFile()) {
      skipped.push({ path, kind: null, status: "refused", error: new InputError(`is ${irregularKind(info)}, not a file: not read`, { file: path }).message });
    } else if (configuration) {
      skipped.push({ path, kind: null, status: "skipped", reason: configuration });
    } else if (basename(dirname(path)).toLowerCase() === "schema" && path.toLowerCase().endsWith(".json")) {
      skipped.push({ path, kind: null, status: "skipped", reason: "the shared schema: read by the loaders, not loaded" });
    } else if (resolve(dirname(path)) === ODS_FOLDER) {
      skipped.push({ path, kind: null, status: "skipped", reason: "the NHS ODS register: read to name a file's NHS body, not loaded" });
    } else if (/\.parquet$/i.test(path)) {
      skipped.push({ path, kind: null, status: "skipped", reason: "a Parquet copy: the CSV of the same name is loaded" });
    } else if (BOUNDARY_FILE.test(path)) {
      skipped.push({ path, kind: null, status: "skipped", reason: "a boundary file: read by the definitions that name it" });
    } else if (named || INPUT_EXTENSIONS.some((extension) => path.toLowerCase().endsWith(extension))) {
      files.push(path);
    } else if (looksLikeSpend(path)) {
      // Never a silent gap in the figures: a file that looks like spend and is not read fails the load.
      skipped.push({ path, kind: null, status: "refused", error: new InputError(`looks like spend but is not a format anchor-spend reads (expected ${INPUT_EXTENSIONS.join(", ")}; save it as CSV or .xlsx): not read`, { file: path }).message });
    } else {
      skipped.push({ path, kind: null, status: "skipped", reason: `not an input file (expected ${INPUT_EXTENSIONS.join(", ")})` });
    }
  };
  for (const path of paths) await walk(path, true);
  return { files, skipped };
}

/** Each content (SHA-256) the warehouse holds, with the kinds and institutions it was loaded as: read once, before any file loads. */
type LoadedContents = Map<string, { kind: InputKind; institution_id: string | null }[]>;

async function loadedContents(warehouse: Warehouse): Promise<LoadedContents> {
  const rows = await warehouse.all<{ sha256: string; kind: InputKind; institution_id: string | null }>(
    "SELECT DISTINCT sha256, kind, institution_id FROM source_files ORDER BY ALL");
  const contents: LoadedContents = new Map();
  for (const { sha256, kind, institution_id } of rows) {
    const loaded = contents.get(sha256) ?? [];
    loaded.push({ kind, institution_id });
    contents.set(sha256, loaded);
  }
  return contents;
}

/**
 * A file whose content is loaded already for the institution it belongs to, told before its kind (a re-load of
 * an unchanged folder reads no heading and opens no workbook): by each kind it was loaded as, the file would
 * belong where it belonged then (a spend file with no institution.json: to the institution it was loaded for, unless
 * --institution names another). Null when it was not loaded, or loaded only as another institution's.
 */
function alreadyLoaded(contents: LoadedContents, path: string, scan: FileScan, folders: FolderSettings, choice: InstitutionChoice): PlannedFile | null {
  const loaded = contents.get(scan.sha256);
  if (loaded === undefined) return null;
  const institution = folders.institutionFor(path);
  for (const { kind, institution_id } of loaded) {
    let scope: Pick<PlannedFile, "belongsTo" | "scope">;
    // A spend file with no institution.json was loaded for the institution --institution or --infer-institution gave
    // it: loaded again with the same one, or with none said, it is the same facts.
    const given = kind === "spend" && !institution && institution_id !== null && (choice.institution?.id.trim() ?? institution_id) === institution_id;
    try {
      scope = given ? { belongsTo: institution_id, scope: { institution: institution_id } } : scopeOf(path, kind, institution, folders);
    } catch {
      continue;
    }
    if (scope.belongsTo === institution_id) return { path, kind, scan, source: null, detected: null, institution, ...scope, alreadyLoaded: true };
  }
  return null;
}

/**
 * Loads files into the warehouse, one transaction per file, in dependency order. A file whose content
 * (SHA-256) is already loaded is skipped; a refused file leaves the warehouse as it was.
 */
export async function loadInputs(
  warehouse: Warehouse,
  paths: readonly string[],
  options: {
    onFile?: (result: FileResult) => void;
    onProgress?: ProgressListener;
    /** Read spend CSVs with DuckDB's reader where it reads them as the streaming reader would (the default). */
    duckdbCsvReader?: boolean;
    /** Paths of earlier spend files the files loaded now re-issue, whatever lines they share (`load --replaces`). */
    replaces?: readonly string[];
    /** The institution of spend files with no institution.json (`load --institution`, `--institution-name`, `--kind`). */
    institution?: InstitutionOption;
    /** Read the institution of a spend file with no institution.json from its Entity/Body name column (`--infer-institution`). */
    inferInstitution?: boolean;
  } = {},
): Promise<FileResult[]> {
  const { onFile, onProgress, duckdbCsvReader = true } = options;
  const replaces = (options.replaces ?? []).map(displayPath);
  const { files, skipped } = await expandPaths(paths);
  const results: FileResult[] = [];
  const report = (result: FileResult) => {
    results.push(result);
    onFile?.(result);
  };
  skipped.forEach(report);
  const planned: PlannedFile[] = [];
  const folders = new FolderSettings();
  const contents = await loadedContents(warehouse);
  // Reading a new file, and loading it, is another module's work (load-file.ts), imported only when a file is new.
  let newFiles: typeof import("./load-file.js") | null = null;
  const loadFile = async () => (newFiles ??= await import("./load-file.js"));
  let publicBodiesCurrent = false;
  let restoreSetting: ((warehouse: Warehouse) => Promise<void>) | null = null;
  // The next file's lines, staged beside this file's transaction (a second connection: DuckDB reads on another core).
  const stagedAhead = new Map<PlannedFile, Promise<PreparedSpendCsv | null>>();
  // A staging no file used (its file already loaded, or the run stopped before it): dropped. (Staging imported load-file.ts.)
  const dropUnused = async (staging: Promise<PreparedSpendCsv | null> | undefined) => {
    const unused = await staging?.catch(() => null);
    if (unused) await (await loadFile()).dropStagedSpend(warehouse, unused.table);
  };
  // Stages a spend file's lines beside the warehouse's connection (DuckDB reads it on another core meanwhile).
  const stageAhead = ({ stageSpendFile }: typeof import("./load-file.js"), file: PlannedFile) => {
    const staged = warehouse.alongside().then((beside) => stageSpendFile(beside, file, duckdbCsvReader, { beside: true }));
    // Its failure is that file's, reported when it loads (never an unhandled rejection now).
    staged.catch(() => undefined);
    stagedAhead.set(file, staged);
  };
  const choice = { institution: options.institution ?? null, infer: options.inferInstitution === true };
  try {
    for (const [fileIndex, file] of files.entries()) {
      const path = displayPath(file);
      try {
        const scan = await scanFile(path);
        const plannedFile = alreadyLoaded(contents, path, scan, folders, choice) ?? (await (await loadFile()).planFile(warehouse, path, scan, folders, choice));
        planned.push(plannedFile);
        // The first new spend file found after an institution's own small files only is staged at once, while the
        // files after it are scanned and hashed on this thread (DuckDB reads it on the other core); kept below if it
        // is the one the run stages first.
        if (stagedAhead.size === 0 && fileIndex < files.length - 1 && plannedFile.kind === "spend" && !plannedFile.alreadyLoaded
          && planned.every((other) => other.kind === "spend" || SMALL_BEFORE_SPEND.has(other.kind))) stageAhead(await loadFile(), plannedFile);
      } catch (error) {
        report({ path, kind: null, status: "refused", error: (error as Error).message });
      }
    }
    planned.sort((a, b) => LOAD_ORDER.indexOf(a.kind) - LOAD_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
    // The run's first spend file is staged as the run starts, beside the files before it, when those are an
    // institution's own small ones (never beside a reference table's or national register's millions of rows).
    const firstSpend = planned.findIndex((file) => file.kind === "spend" && !file.alreadyLoaded);
    const stagesFirst = firstSpend !== -1 && planned.slice(0, firstSpend).every((file) => SMALL_BEFORE_SPEND.has(file.kind));
    for (const [file, staging] of stagedAhead) {
      if (stagesFirst && file === planned[firstSpend]) continue;
      stagedAhead.delete(file);
      await dropUnused(staging);
    }
    if (stagesFirst && firstSpend > 0 && !stagedAhead.has(planned[firstSpend]!)) stageAhead(await loadFile(), planned[firstSpend]!);
    for (const [index, file] of planned.entries()) {
      const { path, kind, scan, scope } = file;
      // (left in stagedAhead until used: dropped below if the run stops before)
      const staging = stagedAhead.get(file);
      // A file is known by its institution and its content: the same bytes in another institution's folder are its facts too.
      const known = file.alreadyLoaded || (await warehouse.all("SELECT 1 FROM source_files WHERE sha256 = ? AND institution_id IS NOT DISTINCT FROM ?::VARCHAR", [scan.sha256, file.belongsTo])).length > 0;
      stagedAhead.delete(file);
      if (known) {
        await dropUnused(staging);
        report({ path, kind, sha256: scan.sha256, status: "already loaded", scope });
        continue;
      }
      const module = await loadFile();
      const { loadNewFile, stagesBeside, keepThreadSetting, restoreThreads } = module;
      // DuckDB's thread setting kept from one file to the next (one SET for a run of small files), put back below.
      keepThreadSetting(warehouse);
      restoreSetting = restoreThreads;
      const next = planned[index + 1];
      const beforeTransaction = () => {
        if (next && stagesBeside(file) && !stagedAhead.has(next)) stageAhead(module, next);
      };
      try {
        const outcome = await loadNewFile(warehouse, file, {
          duckdbCsvReader, replaces, publicBodiesCurrent, beforeTransaction, ...(staging ? { staging } : {}), ...(onProgress ? { onProgress } : {}),
        });
        publicBodiesCurrent = true;
        report({ path, kind, sha256: scan.sha256, status: "loaded", scope, outcome });
      } catch (error) {
        const message = (error as Error).message;
        report({ path, kind, status: "refused", error: error instanceof InputError ? message : `${path}: ${message}` });
      }
    }
  } finally {
    for (const staging of stagedAhead.values()) await dropUnused(staging);
    // (the supplier names its staged files held, kept from one file to the next)
    if (newFiles) await newFiles.forgetKeyedNames(warehouse);
    if (restoreSetting) await restoreSetting(warehouse);
  }
  // A warehouse that loaded nothing new (its files all loaded before) is still brought up to the shipped keys.
  // (Nothing loaded in this run: source_files is as it was read above.)
  if (!publicBodiesCurrent && contents.size > 0) {
    const { refreshPublicBodies } = await import("./reference/load-public-bodies.js");
    await warehouse.transaction(() => refreshPublicBodies(warehouse));
  }
  return results;
}
