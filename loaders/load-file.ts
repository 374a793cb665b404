// Loading one file a run has not loaded before: telling its kind from its top rows (planFile), and loading
// it in one transaction with everything that follows from it (loadNewFile). load-inputs.ts imports this
// module only when a file is new, so that a reload of loaded files reads and imports none of the readers.
import { listValue } from "../src/core/duckdb.js";
import { open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { InputError } from "../src/core/errors.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";
import { SOCIAL_VALUE_KINDS, configKind, type InputKind, type SocialValueKind } from "./schema/input-kinds.js";
import { detectTableKind, readDetectionHead, type DetectedTable } from "./schema/detect-kind.js";
import { decodeText } from "./files/decode-text.js";
import { NO_MAPPING, type FolderSettings, type InstitutionFolder } from "./schema/institution-folder.js";
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
import { checkReferenceTable, dropCheckedReference, loadReferenceTable, type CheckedReference } from "./reference/load-reference-table.js";
import { REFERENCE_TABLES, type ReferenceKind } from "./reference/reference-tables.js";
import { loadReturns } from "./social-value/load-returns.js";
import { loadSpend, stageSpend } from "./spend/load-spend.js";
import type { PreparedSpendCsv } from "./spend/load-staged-spend.js";
import type { ProgressListener } from "./spend/spend-writer.js";
import { dropStagedSpend, threadsForLines } from "./spend/stage-spend-csv.js";
import { loadSupplierRegister } from "./suppliers/load-suppliers.js";
import { readAllRows, tableSource, type TableSource } from "./files/read-table.js";
import { readSheetTable, type SocialValueTableLoader } from "./social-value/read-social-value-table.js";
import { CONTRACT_FIELDS, ENGAGEMENT_FIELDS, PROXY_VALUE_FIELDS, QUESTION_BANK_FIELDS, RETURN_FIELDS } from "./social-value/social-value-fields.js";
import type { FieldSpec } from "./schema/column-synonyms.js";
import { refreshSupplierLocality } from "../src/model/refresh-locality.js";
import { matchOnLoad } from "../src/model/suppliers/match-on-load.js";
import { REGISTER_MEMORY_LIMIT } from "../src/model/suppliers/match-suppliers.js";
import type { FileScan } from "./files/scan-file.js";
import { supersedeEarlierFiles, type NamedReplacement, type SharedLines } from "./spend/supersede-files.js";
import { entryFor } from "./spend/file-period.js";
import { institutionFromFile, recordInstitution, type InstitutionGiven } from "./institution-from-file.js";
import { refreshPublicBodies } from "./reference/load-public-bodies.js";
import { displayPath, scopeOf, type InstitutionChoice, type PlannedFile } from "./planned-file.js";

export { dropStagedSpend, keepThreadSetting, restoreThreads } from "./spend/stage-spend-csv.js";
export { forgetKeyedNames } from "./spend/load-staged-spend.js";

/**
 * A spend CSV's lines read into a staging table by DuckDB (stage-spend-csv.ts), for a file DuckDB's reader may read;
 * null for any other file. `beside`: on the connection beside the warehouse's, while another file's transaction runs.
 */
export function stageSpendFile(warehouse: Warehouse, file: PlannedFile, duckdbCsvReader: boolean, options: { beside?: boolean } = {}): Promise<PreparedSpendCsv | null> {
  if (!duckdbCsvReader || file.kind !== "spend" || !file.source || !file.institution || file.alreadyLoaded) return Promise.resolve(null);
  return stageSpend(warehouse, file.source, file.detected!, file.institution, options);
}

/**
 * Whether the next file's lines may be staged beside this file's load: any file but a national register, whose
 * millions of rows load within DuckDB's memory limit (a limit for every connection).
 */
export function stagesBeside(file: PlannedFile): boolean {
  return file.kind !== "companies" && file.kind !== "charities";
}

/** The largest notices file read (whole): about the longest string JavaScript holds. */
const LARGEST_NOTICE_FILE_BYTES = 500 * 1_048_576;

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
export async function planFile(warehouse: Warehouse, path: string, scan: FileScan, folders: FolderSettings, choice: InstitutionChoice): Promise<PlannedFile> {
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

interface FileFacts {
  outcome: LoadOutcome;
  vatBasis?: string;
  sheets?: string[];
  reading?: string;
}

/** What loadNewFile read before the file's transaction: a spend CSV's lines, or a reference file's checked rows. */
interface ReadAhead {
  staged: PreparedSpendCsv | null;
  checked: CheckedReference | null;
}

async function loadOne(warehouse: Warehouse, file: PlannedFile, fileId: number, { staged, checked }: ReadAhead, onProgress?: ProgressListener): Promise<FileFacts> {
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
      return { outcome: await loadReferenceTable(warehouse, checked!, fileId) };
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

/** What loading a new file gave: its outcome, and the files it superseded, duplicated or named without finding. */
export type LoadedOutcome = LoadOutcome & { superseded: string[]; reissues: SharedLines[]; duplicates: SharedLines[]; notReplaced: NamedReplacement[]; reading?: string };

/**
 * Loads a new file in one transaction: its rows, its source_files line, the files it supersedes, and what
 * follows from it (supplier matching, locality, and, with the run's first file, the public bodies). A spend CSV's
 * lines (`staging`, when the caller staged them beside the file before; else staged here) and a reference file's
 * checked rows are read before it, and dropped after it, whatever happened. `beforeTransaction` is called as the
 * transaction begins.
 */
export async function loadNewFile(
  warehouse: Warehouse, file: PlannedFile,
  options: {
    duckdbCsvReader: boolean; replaces: readonly string[]; publicBodiesCurrent: boolean; onProgress?: ProgressListener;
    staging?: Promise<PreparedSpendCsv | null>; beforeTransaction?: () => void;
  },
): Promise<LoadedOutcome> {
  const { path, kind, scan } = file;
  let staged: PreparedSpendCsv | null = null;
  try {
    // Staged beside the file before it: awaited first, so that its statements have ended when the thread setting changes.
    if (options.staging) staged = await options.staging;
    // A small spend file is loaded on one DuckDB thread, its commit included (after keepThreadSetting; see ONE_THREAD_BELOW_LINES).
    await threadsForLines(warehouse, kind === "spend" ? scan.lines : Number.POSITIVE_INFINITY);
    // DuckDB reads a spend CSV before the transaction: a reader error then leaves it open to the streaming loader.
    if (!options.staging) staged = await stageSpendFile(warehouse, file, options.duckdbCsvReader);
    // A national register's edition (millions of rows) loads within a memory limit, spilling past it.
    const limited = <T>(work: () => Promise<T>) => (kind === "companies" || kind === "charities" ? warehouse.withMemoryLimit(REGISTER_MEMORY_LIMIT, work) : work());
    return await limited(async () => {
      // A reference table is read and checked before the transaction too (checkReferenceTable says why).
      const checked = kind in REFERENCE_TABLES ? await checkReferenceTable(warehouse, REFERENCE_TABLES[kind as ReferenceKind], path, file.detected!) : null;
      options.beforeTransaction?.();
      return warehouse.transaction(() => loadInTransaction(warehouse, file, { staged, checked }, options));
    });
  } finally {
    // Scratch tables in memory (freed with the warehouse at the latest): failing to drop one never turns a
    // committed file into a refused one, nor hides the file's own error.
    const lines = staged ?? (await options.staging?.catch(() => null)) ?? null;
    if (lines) await dropStagedSpend(warehouse, lines.table).catch(() => undefined);
    if (kind in REFERENCE_TABLES) await dropCheckedReference(warehouse).catch(() => undefined);
  }
}

/** loadNewFile's transaction: the file's rows, its source_files line, and what follows from them. */
async function loadInTransaction(
  warehouse: Warehouse, file: PlannedFile, readAhead: ReadAhead,
  options: { replaces: readonly string[]; publicBodiesCurrent: boolean; onProgress?: ProgressListener },
): Promise<LoadedOutcome> {
  const { path, kind, scan } = file;
  const { id } = await warehouse.one<{ id: number }>("SELECT nextval('source_file_ids')::INTEGER AS id");
  // An institution given on the command line or read from the file is recorded here, with the file (never in the user's folder).
  if (file.given) await recordInstitution(warehouse, file.given);
  const facts = await loadOne(warehouse, file, id, readAhead, options.onProgress);
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
    ? await supersedeEarlierFiles(warehouse, id, replacementsFor(file, options.replaces))
    : { superseded: [], duplicates: [], notFound: [] };
  // Locality follows from suppliers, postcodes and definitions: recomputed in the same transaction, so
  // that the warehouse is never left with a file loaded and its suppliers unclassified.
  // Spend, social value files and notices bring suppliers only; every other kind can move any supplier's locality.
  const bringsSuppliersOnly = kind === "spend" || kind === "notices" || (SOCIAL_VALUE_KINDS as readonly InputKind[]).includes(kind);
  // Suppliers matched to the national registers first (src/model/suppliers/): a match can place a supplier.
  // (on DuckDB's own threads: matching reads a register whole)
  const relocate = await matchOnLoad(warehouse, kind, id, file.belongsTo, () => threadsForLines(warehouse, Number.POSITIVE_INFINITY));
  // A spend file no matching ran for brings only its own pairs: those are looked for among its lines alone.
  await refreshSupplierLocality(warehouse, !bringsSuppliersOnly || relocate === "all" ? "all" : kind === "spend" && relocate === null ? { spendFile: id } : "new suppliers");
  // Which suppliers are public bodies follows from shipped reference: made current with the first file loaded.
  if (!options.publicBodiesCurrent) await refreshPublicBodies(warehouse);
  return { ...outcome, superseded: superseded.map((old) => old.path), reissues: superseded, duplicates, notReplaced: notFound, ...(facts.reading ? { reading: facts.reading } : {}) };
}
