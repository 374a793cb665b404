import { listValue } from "../src/warehouse/duckdb.js";
import type { Stats } from "node:fs";
import { open, readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, relative, resolve, join } from "node:path";
import { reviewFileName } from "../src/core/config.js";
import { InputError } from "../src/core/errors.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";
import { LOAD_ORDER, SOCIAL_VALUE_KINDS, TABLE_EXTENSIONS, configKind, detectTableKind, readDetectionHead, type DetectedTable, type InputKind, type SocialValueKind } from "./schema/detect-kind.js";
import { decodeText } from "./files/decode-text.js";
import { FolderSettings, NO_MAPPING, type InstitutionFolder } from "./schema/institution-folder.js";
import { loadCodePoint } from "./reference/load-codepoint.js";
import { loadContracts } from "./social-value/load-contracts.js";
import { loadDefinitions } from "./definitions/load-definitions.js";
import { loadEngagement } from "./social-value/load-engagement.js";
import { loadImportedLocality } from "./suppliers/load-imported-locality.js";
import { loadInstitution } from "./load-institution.js";
import { loadNotices } from "./notices/load-notices.js";
import { looksLikeOcds } from "./notices/read-ocds-file.js";
import type { LoadOutcome } from "./load-outcome.js";
import { loadPriorities } from "./social-value/load-priorities.js";
import { loadProxyValues } from "./social-value/load-proxy-values.js";
import { loadQuestionBank } from "./social-value/load-question-bank.js";
import { loadReferenceTable } from "./reference/load-reference-table.js";
import { REFERENCE_TABLES } from "./reference/reference-tables.js";
import { loadReturns } from "./social-value/load-returns.js";
import { loadSpend } from "./spend/load-spend.js";
import type { ProgressListener } from "./spend/spend-writer.js";
import { dropStagedSpend, stageSpendCsv, type StagedSpendCsv } from "./spend/stage-spend-csv.js";
import { loadSupplierRegister } from "./suppliers/load-suppliers.js";
import { readAllRows, tableSource, type TableSource } from "./files/read-table.js";
import { readSheetTable, type SocialValueTableLoader } from "./social-value/read-social-value-table.js";
import { CONTRACT_FIELDS, ENGAGEMENT_FIELDS, PROXY_VALUE_FIELDS, QUESTION_BANK_FIELDS, RETURN_FIELDS } from "./social-value/social-value-fields.js";
import type { FieldSpec } from "./schema/column-synonyms.js";
import { refreshSupplierLocality } from "../src/model/refresh-locality.js";
import { matchOnLoad } from "../src/model/suppliers/match-on-load.js";
import { REGISTER_MEMORY_LIMIT } from "../src/model/suppliers/match-suppliers.js";
import { scanFile, type FileScan } from "./files/scan-file.js";
import { supersedeEarlierFiles, type NamedReplacement, type SharedLines } from "./spend/supersede-files.js";
import { entryFor } from "./spend/file-period.js";
import { institutionFromFile, recordInstitution, type InstitutionGiven, type InstitutionOption } from "./institution-from-file.js";
import { ODS_FOLDER } from "./schema/ods-register.js";
import { refreshPublicBodies } from "./reference/load-public-bodies.js";

/**
 * Whose facts a file holds: an institution's (the folder's institution.json), every institution's (reference
 * data, or a partnership's shared files), said with the file's result.
 */
export type FileScope = { institution: string } | { shared: string | null };

export type FileResult =
  | { path: string; kind: InputKind; sha256: string; status: "loaded"; scope: FileScope; outcome: LoadOutcome & { superseded: string[]; reissues: SharedLines[]; duplicates: SharedLines[]; notReplaced: NamedReplacement[]; reading?: string } }
  | { path: string; kind: InputKind; sha256: string; status: "already loaded"; scope: FileScope }
  | { path: string; kind: InputKind | null; status: "refused"; error: string }
  | { path: string; kind: null; status: "skipped"; reason: string };

const INPUT_EXTENSIONS = [...TABLE_EXTENSIONS, ".json", ".jsonl"];
/** The largest notices file read (whole): about the longest string JavaScript holds. */
const LARGEST_NOTICE_FILE_BYTES = 500 * 1_048_576;

/** Files read as configuration by the loaders of other files, never loaded themselves. */
const CONFIGURATION_FILES: Record<string, string> = {
  "mapping.json": "an institution's column mapping: used when its spend files load",
  "partnership.json": "a partnership's name: the registers and definitions beside it are shared by every institution",
  "datapackage.json": "a data package descriptor (a partner's export): the CSV files beside it are loaded",
  [reviewFileName]: "an analyst's review of supplier matches: loaded by `anchor-spend suppliers review --accept FILE`, not by load",
};
const BOUNDARY_FILE = /\.geojson$/i;

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

interface PlannedFile {
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
interface InstitutionChoice {
  institution: InstitutionOption | null;
  infer: boolean;
}

/** Reference data (postcodes, areas, deprivation, lookups) is the same fact wherever it lies: never one institution's. */
const REFERENCE_KINDS: readonly InputKind[] = [...Object.keys(REFERENCE_TABLES) as InputKind[], "codepoint"];

/**
 * Every fact loaded from a file belongs to the institution whose folder it came from. Outside every
 * institution's folder a file is shared; a supplier register only when its folder says so (partnership.json).
 */
function scopeOf(path: string, kind: InputKind, institution: InstitutionFolder | null, folders: FolderSettings): Pick<PlannedFile, "belongsTo" | "scope"> {
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

/** Whether a JSON file's first 64 KB hold an OCDS package's, record's or release's keys. */
async function startsLikeOcds(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return looksLikeOcds(head.subarray(0, bytesRead).toString("latin1"));
  } finally {
    await handle.close();
  }
}

/**
 * A spend file's institution: its folder's institution.json, else the one `--institution` names or
 * `--infer-institution` reads from its Entity/Body name column; else the file is refused, offering what its
 * body column says. `--institution` never overrides an institution.json that says otherwise.
 */
async function spendInstitution(
  warehouse: Warehouse, source: TableSource, detected: DetectedTable, institution: InstitutionFolder | null, choice: InstitutionChoice,
): Promise<{ institution: InstitutionFolder; given?: InstitutionGiven }> {
  const named = choice.institution?.id.trim();
  if (institution) {
    if (named && named !== institution.institutionId) {
      throw new InputError(`its folder's institution.json says ${institution.institutionId} and --institution says ${named}: one file, one institution (drop --institution, or move the file)`, { file: source.path });
    }
    return { institution };
  }
  const given = await institutionFromFile(warehouse, source, detected.headings, choice.institution, choice.infer);
  return { institution: given.folder, given };
}

/** Scans and identifies one file: configuration by its name, tables by their headings, notices by their keys. */
async function planFile(warehouse: Warehouse, path: string, scan: FileScan, folders: FolderSettings, choice: InstitutionChoice): Promise<PlannedFile> {
  const institution = folders.institutionFor(path);
  const kind = configKind(path);
  if (kind) return { path, kind, scan, source: null, detected: null, institution, ...scopeOf(path, kind, institution, folders) };
  if (path.endsWith(".gz")) {
    // Only reference tables (postcodes, areas, deprivation, lookups) are read compressed, by DuckDB itself.
    const textScan = { ...scan, encoding: "utf-8" as const, hasNul: false };
    const source = { path, scan: textScan, format: "csv" as const };
    const detected = await readDetectionHead(source).then((head) => detectTableKind(path, head, institution?.mapping ?? NO_MAPPING)).catch(() => null);
    if (detected === null || !(detected.kind in REFERENCE_TABLES)) {
      throw new InputError(`a gzipped file must be a reference table (${Object.values(REFERENCE_TABLES).map((t) => t.name).join("; ")})`, { file: path });
    }
    return { path, kind: detected.kind, scan: textScan, source, detected, institution, ...scopeOf(path, detected.kind, institution, folders) };
  }
  if (/\.jsonl?$/i.test(path)) {
    // Published notices (OCDS) are told by their keys; any other JSON is configuration, named by its file name.
    if (await startsLikeOcds(path)) return { path, kind: "notices", scan, source: null, detected: null, institution, ...scopeOf(path, "notices", institution, folders) };
    throw new InputError("is not a file anchor-spend reads (expected institution.json, definitions.json, priorities.json, mapping.json, or published notices: an OCDS release or record package, .json or .jsonl)", { file: path });
  }
  const source = tableSource(path, scan);
  const detected = detectTableKind(path, await readDetectionHead(source), institution?.mapping ?? NO_MAPPING);
  if (detected.kind === "spend") {
    const { institution: publisher, given } = await spendInstitution(warehouse, source, detected, institution, choice);
    return { path, kind: detected.kind, scan, source, detected, institution: publisher, ...scopeOf(path, detected.kind, publisher, folders), ...(given ? { given } : {}) };
  }
  return { path, kind: detected.kind, scan, source, detected, institution, ...scopeOf(path, detected.kind, institution, folders) };
}

/**
 * A file whose content is loaded already for the institution it belongs to, told before its kind (a re-load of
 * an unchanged folder reads no heading and opens no workbook): by each kind it was loaded as, the file would
 * belong where it belonged then (a spend file with no institution.json: to the institution it was loaded for, unless
 * --institution names another). Null when it was not loaded, or loaded only as another institution's.
 */
async function alreadyLoaded(warehouse: Warehouse, path: string, scan: FileScan, folders: FolderSettings, choice: InstitutionChoice): Promise<PlannedFile | null> {
  const loaded = await warehouse.all<{ kind: InputKind; institution_id: string | null }>(
    "SELECT DISTINCT kind, institution_id FROM source_files WHERE sha256 = ?", [scan.sha256]);
  if (loaded.length === 0) return null;
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

interface FileFacts {
  outcome: LoadOutcome;
  vatBasis?: string;
  sheets?: string[];
  reading?: string;
}

async function loadOne(warehouse: Warehouse, file: PlannedFile, fileId: number, staged: StagedSpendCsv | null, onProgress?: ProgressListener): Promise<FileFacts> {
  const { path, source, institution, belongsTo } = file;
  const text = async () => decodeText(await readFile(path), file.scan.encoding);
  switch (file.kind) {
    case "institution":
      return { outcome: await loadInstitution(warehouse, await text(), path) };
    case "definitions":
      return { outcome: await loadDefinitions(warehouse, await text(), path, fileId, belongsTo, onProgress) };
    case "postcodes":
    case "postcode-areas":
    case "deprivation":
    case "authority-icb":
    case "companies":
    case "charities":
      return { outcome: await loadReferenceTable(warehouse, REFERENCE_TABLES[file.kind], path, file.detected!, fileId) };
    case "codepoint":
      return { outcome: await loadCodePoint(warehouse, source!, fileId) };
    case "imported-locality":
      return { outcome: await loadImportedLocality(warehouse, await readAllRows(source!), path, fileId, belongsTo) };
    case "suppliers":
      return { outcome: await loadSupplierRegister(warehouse, await readAllRows(source!), path, fileId, belongsTo) };
    case "spend": {
      if (!institution) {
        throw new InputError("no institution.json in its folder or above: put the file in a folder whose institution.json says who published it", { file: path });
      }
      const outcome = await loadSpend(warehouse, source!, fileId, institution, file.detected!.headings, staged, onProgress);
      return { outcome, vatBasis: outcome.vatBasis, sheets: outcome.sheets, reading: outcome.reading };
    }
    case "priorities":
      return { outcome: await loadPriorities(warehouse, await text(), path, fileId, belongsTo) };
    case "notices":
      if (file.scan.bytes > LARGEST_NOTICE_FILE_BYTES) {
        // Read whole (JSON has no rows to stream by): past this a JavaScript string cannot hold the file.
        throw new InputError(`is ${Math.round(file.scan.bytes / 1_048_576)} MB: a notices file is read whole, and one over ${LARGEST_NOTICE_FILE_BYTES / 1_048_576} MB cannot be; split it into smaller packages (e.g. \`ocdskit split-release-packages\`)`, { file: path });
      }
      return { outcome: await loadNotices(warehouse, await text(), path, fileId, belongsTo) };
    case "question-bank":
    case "proxy-values":
    case "contracts":
    case "returns":
    case "engagement":
    {
      const { load, fields } = SOCIAL_VALUE_TABLE_LOADERS[file.kind];
      const table = await readSheetTable(source!, fields);
      return { outcome: await load(warehouse, table, path, fileId, belongsTo), sheets: table.sheet ? [table.sheet] : undefined };
    }
  }
}

/** Loaders of the social value tables; each takes the folder's institution (null outside any institution's folder). */
const SOCIAL_VALUE_TABLE_LOADERS: Record<Exclude<SocialValueKind, "priorities">, { load: SocialValueTableLoader; fields: readonly FieldSpec[] }> = {
  "question-bank": { load: loadQuestionBank, fields: QUESTION_BANK_FIELDS },
  "proxy-values": { load: loadProxyValues, fields: PROXY_VALUE_FIELDS },
  contracts: { load: loadContracts, fields: CONTRACT_FIELDS },
  returns: { load: loadReturns, fields: RETURN_FIELDS },
  engagement: { load: loadEngagement, fields: ENGAGEMENT_FIELDS },
};

/** Where a path is shown and stored: relative to the working folder when inside it, else absolute. */
function displayPath(file: string): string {
  const fromHere = relative(process.cwd(), file);
  return fromHere === "" || fromHere.startsWith("..") ? resolve(file) : fromHere;
}

/**
 * The earlier files a spend file re-publishes by the user's word: `load --replaces OLD` (for every file loaded
 * now), and its folder's mapping.json `replaces` line ({"2011-01-v2.csv": "2011-01.csv"}: a name in the same
 * folder, or a path within the institution's folder).
 */
function replacementsFor(file: PlannedFile, fromCommand: readonly string[]): NamedReplacement[] {
  const named: NamedReplacement[] = fromCommand.map((path) => ({ path, saidBy: "--replaces" }));
  const institution = file.institution;
  const entry = institution ? entryFor(institution.mapping.replaces, file.path, institution.folder) : undefined;
  if (institution && entry) {
    const old = entry.includes("/") ? join(institution.folder, entry) : join(dirname(file.path), entry);
    named.push({ path: displayPath(old), saidBy: "mapping.json" });
  }
  return named;
}

/** The largest total, in pence, a DECIMAL(18, 2) column holds. */
const LARGEST_TOTAL_PENCE = 10n ** 18n - 1n;

/** Pence as pounds written out exactly ("-1234.05"), at any size. */
function poundsText(pence: bigint): string {
  const whole = pence < 0n ? -pence : pence;
  return `${pence < 0n ? "-" : ""}${whole / 100n}.${String(whole % 100n).padStart(2, "0")}`;
}

/** A file's total as stored, refusing in words a total the warehouse cannot hold. */
function storedTotal(path: string, pence: bigint | undefined): string | null {
  if (pence === undefined) return null;
  if (pence > LARGEST_TOTAL_PENCE || pence < -LARGEST_TOTAL_PENCE) {
    throw new InputError(`its lines total £${poundsText(pence)}, more than the warehouse holds (under £10,000,000,000,000,000): check the amounts, or split the file`, { file: path });
  }
  return poundsText(pence);
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
  for (const file of files) {
    const path = displayPath(file);
    try {
      const scan = await scanFile(path);
      const choice = { institution: options.institution ?? null, infer: options.inferInstitution === true };
      planned.push((await alreadyLoaded(warehouse, path, scan, folders, choice)) ?? (await planFile(warehouse, path, scan, folders, choice)));
    } catch (error) {
      report({ path, kind: null, status: "refused", error: (error as Error).message });
    }
  }
  planned.sort((a, b) => LOAD_ORDER.indexOf(a.kind) - LOAD_ORDER.indexOf(b.kind) || a.path.localeCompare(b.path));
  let publicBodiesCurrent = false;
  for (const file of planned) {
    const { path, kind, scan, scope } = file;
    // A file is known by its institution and its content: the same bytes in another institution's folder are its facts too.
    const known = file.alreadyLoaded || (await warehouse.all("SELECT 1 FROM source_files WHERE sha256 = ? AND institution_id IS NOT DISTINCT FROM ?::VARCHAR", [scan.sha256, file.belongsTo])).length > 0;
    if (known) {
      report({ path, kind, sha256: scan.sha256, status: "already loaded", scope });
      continue;
    }
    try {
      // DuckDB reads a spend CSV before the transaction: a reader error then leaves it open to the streaming loader.
      const staged = duckdbCsvReader && kind === "spend" && file.source && file.institution ? await stageSpendCsv(warehouse, file.source, file.detected!) : null;
      // A national register's edition (millions of rows) loads within a memory limit, spilling past it.
      const limited = <T>(work: () => Promise<T>) => (kind === "companies" || kind === "charities" ? warehouse.withMemoryLimit(REGISTER_MEMORY_LIMIT, work) : work());
      const outcome = await limited(() => warehouse.transaction(async () => {
        const { id } = await warehouse.one<{ id: number }>("SELECT nextval('source_file_ids')::INTEGER AS id");
        // An institution given on the command line or read from the file is recorded here, with the file (never in the user's folder).
        if (file.given) await recordInstitution(warehouse, file.given);
        const facts = await loadOne(warehouse, file, id, staged, onProgress);
        if (file.given) facts.reading = `${file.given.source}; ${facts.reading ?? ""}`;
        const { outcome } = facts;
        await warehouse.run(
          `INSERT INTO source_files (file_id, path, sha256, kind, institution_id, rows_read, rows_loaded, rows_quarantined,
                                     amount_loaded, first_date, last_date, loaded_at, vat_basis, sheets, reading)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::DECIMAL(18,2), ?::DATE, ?::DATE, current_timestamp, ?, ?::VARCHAR[], ?)`,
          [id, path, scan.sha256, kind, file.belongsTo,
            outcome.rowsRead, outcome.rowsLoaded, outcome.rowsQuarantined,
            storedTotal(path, outcome.amountLoadedPence), outcome.firstDate ?? null, outcome.lastDate ?? null,
            facts.vatBasis ?? null, facts.sheets?.length ? listValue(facts.sheets) : null, facts.reading ?? null],
        );
        const { superseded, duplicates, notFound } = kind === "spend"
          ? await supersedeEarlierFiles(warehouse, id, replacementsFor(file, replaces))
          : { superseded: [], duplicates: [], notFound: [] };
        // Locality follows from suppliers, postcodes and definitions: recomputed in the same transaction, so
        // that the warehouse is never left with a file loaded and its suppliers unclassified.
        // Spend, social value files and notices bring suppliers only; every other kind can move any supplier's locality.
        const bringsSuppliersOnly = kind === "spend" || kind === "notices" || (SOCIAL_VALUE_KINDS as readonly InputKind[]).includes(kind);
        // Suppliers matched to the national registers first (src/model/suppliers/): a match can place a supplier.
        const relocate = await matchOnLoad(warehouse, kind, id, file.belongsTo);
        await refreshSupplierLocality(warehouse, bringsSuppliersOnly && relocate !== "all" ? "new suppliers" : "all");
        // Which suppliers are public bodies follows from shipped reference: made current with the first file loaded.
        if (!publicBodiesCurrent) await refreshPublicBodies(warehouse);
        return { ...outcome, superseded: superseded.map((old) => old.path), reissues: superseded, duplicates, notReplaced: notFound, ...(facts.reading ? { reading: facts.reading } : {}) };
      }));
      publicBodiesCurrent = true;
      report({ path, kind, sha256: scan.sha256, status: "loaded", scope, outcome });
    } catch (error) {
      const message = (error as Error).message;
      report({ path, kind, status: "refused", error: error instanceof InputError ? message : `${path}: ${message}` });
    } finally {
      await dropStagedSpend(warehouse);
    }
  }
  // A warehouse that loaded nothing new (its files all loaded before) is still brought up to the shipped keys.
  if (!publicBodiesCurrent && (await warehouse.all("SELECT 1 FROM source_files LIMIT 1")).length > 0) {
    await warehouse.transaction(() => refreshPublicBodies(warehouse));
  }
  return results;
}
