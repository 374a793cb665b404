/**
 * Generates the quirk corpus in test/fixtures/quirks/: small spend files, each a few real published rows
 * (from /work/shared/reference/spend, see its PROVENANCE.md) with exactly ONE quirk of published spend files
 * put back into them, plus
 *   cases.json  what loading each file must report (rows read / loaded / quarantined, pence loaded, which rows
 *               are quarantined and why, or that the file is refused), computed here from the clean source rows
 *   README.md   the table of cases, with the real file and rows each came from.
 * Seeded (QUIRK_SEED), so every run writes the same bytes. Run: npx tsx scripts/generate-quirk-corpus.ts
 * (SPEND_REFERENCE_DIR overrides where the real files are read from.)
 */
import Papa from "papaparse";
import readXlsxFile from "read-excel-file/node";
import writeXlsxFile from "write-excel-file/node";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./seeded-random.js";
import { pinZipTimes } from "./pin-zip-times.js";

const QUIRK_SEED = 20250617;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SPEND_DIR = process.env.SPEND_REFERENCE_DIR ?? join(root, "..", "shared", "reference", "spend");
const OUT = join(root, "test", "fixtures", "quirks");
const COMMAND = "npx tsx scripts/generate-quirk-corpus.ts";

// ---------------------------------------------------------------------------------------------------------
// The model: real rows in, lines out, each line knowing what the loader must do with it.

type Cell = string | number | Date | null;
type Field = "date" | "supplier" | "amount";

/** Why the loader must quarantine a row: the column as headed in the file (null for whole-row reasons). */
interface Problem { column: string | null; reasonIncludes: string }

/** One real row: its cells as published, and its clean date and amount. */
interface Row { cells: Cell[]; date: string; pence: number; problem?: Problem }

/** A run of real rows from one file, with the columns that hold the date, the supplier and the amount. */
interface Table { header: string[]; at: Record<Field, number>; rows: Row[]; source: string }

/** A physical row of the output. `outcome` is absent for rows that are not read (titles, heading, blank). */
interface Line { cells: Cell[]; outcome?: { loadedPence: number } | { problem: Problem } }

interface Sheet { name: string; lines: Line[] }

type Output =
  | { kind: "csv"; lines: Line[]; delimiter?: string; newline?: string; encoding?: "utf-8" | "utf-8-bom" | "windows-1252" }
  | { kind: "xlsx"; sheets: Sheet[] }
  | { kind: "bytes"; bytes: Uint8Array };

/** Which real rows to start from: `first` is the physical row number (the heading is row 1). */
interface Selection { file: string; first: number; count: number }

interface Case {
  file: string;
  quirk: string;
  from: Selection[];
  make: (tables: Tables, random: () => number) => Output;
  /** Set when the loader must refuse the whole file: a substring of its message. */
  refused?: string;
  /** Said in the README's source column when some lines are not real rows. */
  added?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the real rows.

/** Which heading each source layout uses for the three fields (the generator's knowledge, not the loader's). */
const SOURCE_HEADINGS: Record<Field, readonly string[]> = {
  date: ["Date", "Clearing Date", "Payment date", "Payment Date", "Invoice Payment Date"],
  supplier: ["Supplier", "Vendor Name", "Supplier Name"],
  amount: ["Amount", "Net Amount"],
};

function columnsOf(header: readonly string[], file: string): Record<Field, number> {
  const find = (field: Field): number => {
    const index = header.findIndex((heading) => SOURCE_HEADINGS[field].includes(heading));
    if (index < 0) throw new Error(`${file}: no ${field} column in ${header.join(", ")}`);
    return index;
  };
  return { date: find("date"), supplier: find("supplier"), amount: find("amount") };
}

/** "(1,678.67)" → "-1678.67": the GLA files print credits in brackets; the others are plain decimals. */
function cleanDecimal(text: string): string {
  const digits = text.replace(/[(),]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new Error(`source amount "${text}" is not a decimal`);
  return /^\(.*\)$/.test(text) ? `-${digits}` : digits;
}

const penceOf = (decimal: string): number => Math.round(Number(decimal) * 100);
const isoOf = (date: Date): string => date.toISOString().slice(0, 10);

async function readCsvRows(file: string): Promise<Cell[][]> {
  const text = await readFile(join(SPEND_DIR, file), "utf-8");
  return Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
}

async function readXlsxRows(file: string): Promise<Cell[][]> {
  const [sheet] = await readXlsxFile(join(SPEND_DIR, file));
  if (!sheet) throw new Error(`${file}: no sheet`);
  return sheet.data as Cell[][];
}

async function loadTable(selection: Selection): Promise<Table> {
  const { file, first, count } = selection;
  const all = await (file.endsWith(".xlsx") ? readXlsxRows(file) : readCsvRows(file));
  const header = (all[0] ?? []).map((cell) => String(cell ?? ""));
  const at = columnsOf(header, file);
  const rows = all.slice(first - 1, first - 1 + count).map((cells): Row => {
    const date = cells[at.date];
    const amount = cells[at.amount];
    if (cells.some((cell) => typeof cell === "string" && /[\r\n]/.test(cell))) throw new Error(`${file}: a cell holds a line break`);
    return {
      cells: cells.slice(0, header.length),
      date: date instanceof Date ? isoOf(date) : String(date),
      pence: typeof amount === "number" ? Math.round(amount * 100) : penceOf(cleanDecimal(String(amount))),
    };
  });
  if (rows.length !== count || rows.some((row) => !/^\d{4}-\d{2}-\d{2}$/.test(row.date))) {
    throw new Error(`${file}: rows ${first}-${first + count - 1} are not ${count} dated rows`);
  }
  const where = file.endsWith(".xlsx") ? `${file} (sheet "${BARTS_SHEET}")` : file;
  const source = count === 0 ? `${where} row 1 (the heading only)` : `${where} rows ${first}-${first + count - 1}`;
  return { header, at, rows, source };
}

/** The tables a case starts from, in the order of its `from`. */
class Tables {
  constructor(readonly all: Table[]) {}
  get first(): Table {
    return this.nth(0);
  }
  get second(): Table {
    return this.nth(1);
  }
  private nth(index: number): Table {
    const table = this.all[index];
    if (!table) throw new Error(`this case reads ${this.all.length} runs of real rows, not ${index + 1}`);
    return table;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Formats the published files use for amounts and dates.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function decimalOf(pence: number, thousands = false): string {
  const whole = String(Math.floor(Math.abs(pence) / 100));
  const units = thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
  return `${pence < 0 ? "-" : ""}${units}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
}

function dateParts(iso: string): { y: number; m: number; d: number; month: string } {
  const [y = 0, m = 0, d = 0] = iso.split("-").map(Number);
  return { y, m, d, month: MONTHS[m - 1] ?? "?" };
}

const two = (n: number): string => String(n).padStart(2, "0");
const excelSerial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;

const DATE_FORMS = {
  ddmmyyyy: (iso: string) => { const p = dateParts(iso); return `${two(p.d)}/${two(p.m)}/${p.y}`; },
  dmyy: (iso: string) => { const p = dateParts(iso); return `${p.d}/${p.m}/${two(p.y % 100)}`; },
  dMonyy: (iso: string) => { const p = dateParts(iso); return `${p.d}-${p.month.slice(0, 3)}-${two(p.y % 100)}`; },
  ddMONyyyy: (iso: string) => { const p = dateParts(iso); return `${two(p.d)}-${p.month.slice(0, 3).toUpperCase()}-${p.y}`; },
  dMonthyyyy: (iso: string) => { const p = dateParts(iso); return `${p.d} ${p.month} ${p.y}`; },
  monthyyyy: (iso: string) => { const p = dateParts(iso); return `${p.month} ${p.y}`; },
  serial: (iso: string) => String(excelSerial(iso)),
  isoMidnight: (iso: string) => `${iso} 00:00:00`,
};

// ---------------------------------------------------------------------------------------------------------
// Turning clean rows into quirky ones. Each returns a new table; none touches the source.

function mapRows(table: Table, change: (row: Row, index: number) => Row): Table {
  return { ...table, rows: table.rows.map(change) };
}

function setCell(row: Row, index: number, value: Cell): Row {
  const cells = [...row.cells];
  cells[index] = value;
  return { ...row, cells };
}

/** Rewrites one field of every row from its clean value. */
function reformat(table: Table, field: Field, form: (row: Row) => Cell): Table {
  return mapRows(table, (row) => setCell(row, table.at[field], form(row)));
}

/** `count` distinct row indexes, chosen by the seeded generator, in order. */
function pickRows(random: () => number, length: number, count: number): number[] {
  const indexes = Array.from({ length }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (length - i));
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes.slice(0, count).sort((a, b) => a - b);
}

/** Puts one of `values` into `field` of a few rows the seeded generator picks, each a row to quarantine. */
function spoil(table: Table, field: Field, values: readonly Cell[], reasonIncludes: string, random: () => number): Table {
  const chosen = pickRows(random, table.rows.length, values.length);
  const column = table.header[table.at[field]] ?? null;
  return mapRows(table, (row, index) => {
    const k = chosen.indexOf(index);
    return k < 0 ? row : { ...setCell(row, table.at[field], values[k] ?? null), problem: { column, reasonIncludes } };
  });
}

/** Replaces the supplier of the rows that already hold a redacted payee. */
function redactAs(table: Table, form: string): Table {
  return mapRows(table, (row) => (String(row.cells[table.at.supplier]).startsWith("REDACTED") ? setCell(row, table.at.supplier, form) : row));
}

function renameHeading(table: Table, field: Field, heading: string): Table {
  return { ...table, header: table.header.map((h, i) => (i === table.at[field] ? heading : h)) };
}

function dropColumn(table: Table, field: Field): Table {
  const drop = (cells: readonly Cell[]) => cells.filter((_, i) => i !== table.at[field]);
  return { ...table, header: drop(table.header) as string[], rows: table.rows.map((row) => ({ ...row, cells: drop(row.cells) })) };
}

/** Pads every text cell but the amounts (padded amounts are a quirk of their own). */
function padCells(table: Table, pad: (cell: string) => string): Table {
  const padded = (cells: readonly Cell[]) => cells.map((cell, i) => (typeof cell === "string" && i !== table.at.amount ? pad(cell) : cell));
  return { ...table, header: padded(table.header) as string[], rows: table.rows.map((row) => ({ ...row, cells: padded(row.cells) })) };
}

/** Follows a few rows with a credit note reversing them: the same line with the amount negated. */
function withCreditNotes(table: Table, random: () => number): Table {
  const chosen = pickRows(random, table.rows.length, 2);
  const credit = (row: Row): Row => ({ ...setCell(row, table.at.amount, decimalOf(-row.pence)), pence: -row.pence });
  return { ...table, rows: table.rows.flatMap((row, i) => (chosen.includes(i) ? [row, credit(row)] : [row])) };
}

/** Splits one row into three invoice lines (half, three tenths, the rest) with the same transaction, supplier and date. */
function splitRow(table: Table, index: number): Table {
  return {
    ...table,
    rows: table.rows.flatMap((row, i) => {
      if (i !== index) return [row];
      const half = Math.round(row.pence / 2);
      const tenths = Math.round((row.pence * 3) / 10);
      return [half, tenths, row.pence - half - tenths].map((pence) => ({ ...setCell(row, table.at.amount, decimalOf(pence)), pence }));
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lines around the rows.

const headingLine = (table: Table): Line => ({ cells: table.header });
const rowLine = (row: Row): Line => ({ cells: row.cells, outcome: row.problem ? { problem: row.problem } : { loadedPence: row.pence } });
const rowLines = (table: Table): Line[] => table.rows.map(rowLine);
const plain = (table: Table): Line[] => [headingLine(table), ...rowLines(table)];
const blank = (width = 0): Line => ({ cells: Array<Cell>(width).fill("") });
const notSpend = (cells: Cell[]): Line => ({ cells, outcome: { problem: { column: null, reasonIncludes: "not spend" } } });
const padTo = (width: number, first: Cell): Cell[] => [first, ...Array<Cell>(Math.max(0, width - 1)).fill("")];

const PREAMBLE = [
  "Cabinet Office",
  "Transparency data: spend over £25000",
  "Period: September 2019",
  "Published under the Open Government Licence v3.0",
  "All amounts are in pounds sterling and exclude VAT where recoverable",
  "Departmental Family: the department group",
  "Entity: the body that made the payment",
  "Expense Type and Expense Area: how the payment is classified",
  "Transaction number: the finance system's reference",
  "Contact: transparency team",
];
const titleText = (i: number): string => PREAMBLE[i] ?? `Note ${i + 1}: see the guidance on publishing spending over £25000`;
const titles = (count: number, width = 1): Line[] => Array.from({ length: count }, (_, i) => ({ cells: padTo(width, titleText(i)) }));

const totalLine = (table: Table): Line => {
  const cells = padTo(table.header.length, "Grand Total");
  cells[table.at.amount] = decimalOf(table.rows.reduce((sum, row) => sum + row.pence, 0));
  return notSpend(cells);
};

const csv = (lines: Line[], options: Omit<Extract<Output, { kind: "csv" }>, "kind" | "lines"> = {}): Output => ({ kind: "csv", lines, ...options });
const xlsx = (...sheets: Sheet[]): Output => ({ kind: "xlsx", sheets });
const BARTS_SHEET = "Final Review ";

// ---------------------------------------------------------------------------------------------------------
// The real rows each case starts from.

const co = (month: string, first = 2, count = 12): Selection => ({ file: `cabinetoffice-2019-${month}.csv`, first, count });
const gla = (period: string, first = 2, count = 12): Selection => ({ file: `gla-2014-${period}.csv`, first, count });
const bradford = (month: string, first = 2, count = 12): Selection => ({ file: `bradford-2018-${month}.csv`, first, count });
const manchester = (month: string, first = 2, count = 12): Selection => ({ file: `manchester-${month}.csv`, first, count });
const barts = (month: string, first = 2, count = 12): Selection => ({ file: `barts-2020-21/BART ${month}.xlsx`, first, count });

/** One month of real rows per kind of quirk (dates, amounts, structure…), so the fixtures are not all alike. */
const DATES = co("07");
const AMOUNTS = co("08");
const STRUCTURE = co("09");
const HEADINGS = co("11");
const ENCODING = co("12");
const GLA_CREDITS = gla("P01", 724, 12);
const REDACTED = bradford("01", 50, 16);
const MAY = barts("02 - May");

const dateCells = (table: Table, form: (iso: string) => Cell): Table => reformat(table, "date", (row) => form(row.date));

const dateCase = (file: string, quirk: string, form: (iso: string) => Cell): Case => ({
  file, quirk, from: [DATES], make: (t) => csv(plain(dateCells(t.first, form))),
});

const amountCase = (file: string, quirk: string, from: Selection, form: (row: Row) => Cell): Case => ({
  file, quirk, from: [from], make: (t) => csv(plain(reformat(t.first, "amount", form))),
});

const headingCase = (file: string, field: Field, heading: string): Case => ({
  file,
  quirk: `the ${field} column headed "${heading}"`,
  from: [HEADINGS],
  make: (t) => csv(plain(renameHeading(t.first, field, heading))),
});

const redactedCase = (file: string, form: string): Case => ({
  file, quirk: `redacted payees written "${form}" (loaded, marked redacted)`, from: [REDACTED],
  make: (t) => csv(plain(redactAs(t.first, form))),
});

const refusedBytes = (file: string, quirk: string, refused: string, bytes: (random: () => number) => Uint8Array): Case => ({
  file, quirk, from: [], refused, added: "no real rows: bytes made by the generator", make: (_, random) => ({ kind: "bytes", bytes: bytes(random) }),
});

const randomBytes = (random: () => number, length: number): Uint8Array => {
  const bytes = Uint8Array.from({ length }, () => Math.floor(random() * 256));
  for (let i = 0; i < length; i += 97) bytes[i] = 0;
  return bytes;
};

const NOTES_SHEET: Sheet = {
  name: "Notes",
  lines: ["Notes", "This workbook lists payments over £25000 made by Barts Health NHS Trust.", "Source: finance system", "Licence: Open Government Licence v3.0"]
    .map((text) => ({ cells: [text] })),
};

const CASES: Case[] = [
  // Each source layout as published: nothing put back.
  { file: "layout-cabinet-office.csv", quirk: "none: the central government / NHS layout as published (control)", from: [co("07")], make: (t) => csv(plain(t.first)) },
  { file: "layout-gla-vendor-name-clearing-date.csv", quirk: "GLA layout as published: headings Vendor Name and Clearing Date", from: [gla("P01")], make: (t) => csv(plain(t.first)) },
  { file: "layout-bradford.csv", quirk: "Bradford layout as published: Payment date, Net Amount, Supplier Number before Supplier Name", from: [bradford("03")], make: (t) => csv(plain(t.first)) },
  { file: "layout-manchester-invoice-payment-date.csv", quirk: "Manchester layout as published: Invoice Payment Date, Net Amount", from: [manchester("2011-01")], make: (t) => csv(plain(t.first)) },

  // Above the heading row.
  { file: "title-lines-1.csv", quirk: "1 title line above the heading row", from: [STRUCTURE], added: "title line", make: (t) => csv([...titles(1), ...plain(t.first)]) },
  { file: "title-lines-3.csv", quirk: "3 title lines above the heading row, padded with commas as Excel saves them", from: [STRUCTURE], added: "title lines", make: (t) => csv([...titles(3, t.first.header.length), ...plain(t.first)]) },
  { file: "title-lines-council-layout.csv", quirk: "3 title lines above a council (Local Government Transparency Code) layout: Bradford", from: [bradford("02")], added: "title lines", make: (t) => csv([...titles(3), ...plain(t.first)]) },
  { file: "title-lines-gla-layout.csv", quirk: "2 title lines above the GLA layout (Vendor Name, Clearing Date)", from: [gla("P03")], added: "title lines", make: (t) => csv([...titles(2), ...plain(t.first)]) },
  { file: "title-lines-10.csv", quirk: "10 title lines above the heading row", from: [STRUCTURE], added: "title lines", make: (t) => csv([...titles(10), ...plain(t.first)]) },
  { file: "title-lines-29.csv", quirk: "29 title lines: the heading row is row 30, the last row searched", from: [STRUCTURE], added: "title lines", make: (t) => csv([...titles(29), ...plain(t.first)]) },
  { file: "title-lines-30.csv", quirk: "30 title lines: the heading row is row 31, below the rows searched (refused)", from: [STRUCTURE], added: "title lines", refused: "heading", make: (t) => csv([...titles(30), ...plain(t.first)]) },

  // Below and among the rows.
  { file: "footer-notes-and-blank-lines.csv", quirk: "blank lines then two one-cell note lines below the data", from: [STRUCTURE], added: "blank and note lines",
    make: (t) => csv([...plain(t.first), blank(), blank(), notSpend(["Note: this file lists payments over £25000"]), notSpend(["Source: finance system"])]) },
  { file: "footer-grand-total.csv", quirk: "a Grand Total line below the data (supplier empty)", from: [STRUCTURE], added: "total line", make: (t) => csv([...plain(t.first), totalLine(t.first)]) },
  { file: "footer-copyright.csv", quirk: "a \"© Crown copyright\" line below the data", from: [STRUCTURE], added: "copyright line", make: (t) => csv([...plain(t.first), notSpend(["© Crown copyright 2019"])]) },
  { file: "repeated-heading-mid-file.csv", quirk: "two months pasted together: the heading row repeated mid-file", from: [co("07", 215, 10), co("08", 2, 10)],
    make: (t) => csv([...plain(t.first), { cells: t.second.header, outcome: { problem: { column: null, reasonIncludes: "repeated heading row" } } }, ...rowLines(t.second)]) },
  { file: "blank-lines-between-rows.csv", quirk: "comma-only blank lines between data rows (not rows at all)", from: [STRUCTURE],
    make: (t) => csv([headingLine(t.first), ...rowLines(t.first).flatMap((line, i, all) => (i % 4 === 3 && i < all.length - 1 ? [line, blank(t.first.header.length)] : [line]))]) },

  // Bytes and punctuation.
  { file: "encoding-utf8-bom.csv", quirk: "UTF-8 with a byte-order mark", from: [ENCODING], make: (t) => csv(plain(t.first), { encoding: "utf-8-bom" }) },
  { file: "encoding-windows-1252-pound-amounts.csv", quirk: "Windows-1252 text with £ amounts (£ is byte 0xA3)", from: [ENCODING],
    make: (t) => csv(plain(reformat(t.first, "amount", (row) => `£${decimalOf(row.pence, true)}`)), { encoding: "windows-1252" }) },
  { file: "delimiter-semicolon.csv", quirk: "semicolon-delimited", from: [ENCODING], make: (t) => csv(plain(t.first), { delimiter: ";" }) },
  { file: "delimiter-tab.csv", quirk: "tab-delimited, named .csv", from: [ENCODING], make: (t) => csv(plain(t.first), { delimiter: "\t" }) },
  { file: "line-endings-crlf.csv", quirk: "Windows line endings (CRLF)", from: [ENCODING], make: (t) => csv(plain(t.first), { newline: "\r\n" }) },
  { file: "quoted-fields-with-commas.csv", quirk: "a quoted supplier holding a comma (\"OLLIVIERRE, J\", as published)", from: [co("06")], make: (t) => csv(plain(t.first)) },
  { file: "trailing-spaces-in-cells.csv", quirk: "text and date cells padded with trailing spaces (headings too)", from: [ENCODING],
    make: (t) => csv(plain(padCells(t.first, (cell) => `${cell}   `))) },
  { file: "trailing-empty-columns.csv", quirk: "three trailing empty columns on every line, heading included", from: [ENCODING],
    make: (t) => csv(plain(t.first).map((line) => ({ ...line, cells: [...line.cells, "", "", ""] }))) },

  // Amounts.
  amountCase("amount-pound-thousands.csv", "amounts as £1,234.56", AMOUNTS, (row) => `£${decimalOf(row.pence, true)}`),
  amountCase("amount-padded-spaces.csv", "amounts padded with spaces: \" 1234.56 \"", AMOUNTS, (row) => ` ${decimalOf(row.pence)} `),
  amountCase("amount-minus-sign.csv", "credits as -1234.5 (GLA credits, minus sign, trailing zeros dropped)", GLA_CREDITS, (row) => String(row.pence / 100)),
  amountCase("amount-cr-suffix.csv", "credits as 1234.56 CR", GLA_CREDITS, (row) => `${decimalOf(Math.abs(row.pence))} CR`),
  { file: "amount-parentheses.csv", quirk: "credits in brackets, (1,234.56) and (358.00), as the GLA publishes them", from: [gla("P01", 728, 20)], make: (t) => csv(plain(t.first)) },
  { file: "amount-not-an-amount.csv", quirk: "bad amounts: \"12,34,5\", \"TBC\", empty, \"1.2.3\"", from: [AMOUNTS],
    make: (t, random) => csv(plain(spoil(t.first, "amount", ["12,34,5", "TBC", "", "1.2.3"], "not an amount", random))) },

  // Dates.
  dateCase("date-dd-mm-yyyy.csv", "dates as 01/04/2023 (day first)", DATE_FORMS.ddmmyyyy),
  dateCase("date-d-m-yy.csv", "dates as 1/4/23", DATE_FORMS.dmyy),
  dateCase("date-d-mon-yy.csv", "dates as 1-Apr-23", DATE_FORMS.dMonyy),
  dateCase("date-dd-mon-yyyy.csv", "dates as 01-APR-2023", DATE_FORMS.ddMONyyyy),
  dateCase("date-d-month-yyyy.csv", "dates as 1 April 2023", DATE_FORMS.dMonthyyyy),
  dateCase("date-month-yyyy.csv", "dates as April 2023 (month only: the first of the month)", DATE_FORMS.monthyyyy),
  dateCase("date-excel-serial.csv", "dates as Excel serial numbers in a CSV (45017 = 2023-04-01)", DATE_FORMS.serial),
  dateCase("date-iso-midnight.csv", "dates as 2023-04-01 00:00:00", DATE_FORMS.isoMidnight),
  { file: "date-not-a-date.csv", quirk: "bad dates: 31/02/2019, 2019-13-01, \"soon\", empty", from: [DATES],
    make: (t, random) => csv(plain(spoil(t.first, "date", ["31/02/2019", "2019-13-01", "soon", ""], "not a date", random))) },

  // Suppliers.
  { file: "supplier-empty.csv", quirk: "two rows with an empty supplier", from: [STRUCTURE],
    make: (t, random) => csv(plain(spoil(t.first, "supplier", ["", ""], "empty", random))) },
  { file: "supplier-named-total.csv", quirk: "a real supplier whose name starts with TOTAL (TOTAL ACCESS (UK) LTD): spend, not a totals line", from: [bradford("01")], make: (t) => csv(plain(t.first)) },
  redactedCase("redacted-personal-data-as-published.csv", "REDACTED PERSONAL DATA"),
  redactedCase("redacted-bare.csv", "REDACTED"),
  redactedCase("redacted-dash-personal-data.csv", "Redacted - personal data"),
  redactedCase("redacted-personal-data.csv", "Personal Data"),

  // Headings under other names.
  headingCase("heading-spend.csv", "amount", "Spend"),
  headingCase("heading-invoice-gl-date.csv", "date", "Invoice GL Date"),
  headingCase("heading-supplier-beneficiary-name.csv", "supplier", "Supplier(Beneficiary) Name"),
  headingCase("heading-amount-pound-sign.csv", "amount", "Amount (£)"),
  headingCase("heading-payee.csv", "supplier", "Payee"),
  { file: "heading-upper-case.csv", quirk: "every heading in capitals (DATE, SUPPLIER, AMOUNT…)", from: [HEADINGS],
    make: (t) => csv(plain({ ...t.first, header: t.first.header.map((h) => h.toUpperCase()) })) },

  // Lines that belong together.
  { file: "credit-notes.csv", quirk: "credit notes: two payments each followed by a negative line reversing it", from: [co("11")], added: "two credit lines copied from real rows",
    make: (t, random) => csv(plain(withCreditNotes(t.first, random))) },
  { file: "split-invoice-lines.csv", quirk: "split invoice lines: one transaction on several lines (same number, supplier, date)", from: [co("10")],
    added: "row 2 split into three lines; rows 3-4 are a real split", make: (t) => csv(plain(splitRow(t.first, 0))) },

  // Files with nothing, or nothing usable, in them.
  { file: "header-only.csv", quirk: "the heading row and no data", from: [co("12", 2, 0)], make: (t) => csv([headingLine(t.first)]) },
  { file: "missing-amount-column.csv", quirk: "no amount column at all (refused)", from: [AMOUNTS], refused: "amount", make: (t) => csv(plain(dropColumn(t.first, "amount"))) },
  refusedBytes("empty.csv", "an empty file (0 bytes)", "empty", () => new Uint8Array(0)),
  refusedBytes("binary-nul-bytes.csv", "2 KB of NUL bytes", "binary", () => new Uint8Array(2048)),
  refusedBytes("binary-random-bytes.csv", "2 KB of seeded random bytes, NULs among them", "binary", (random) => randomBytes(random, 2048)),
  { file: "encoding-utf16le.csv", quirk: "UTF-16 LE text (Excel's \"Unicode Text\"): NUL bytes throughout (refused)", from: [ENCODING], refused: "binary",
    make: (t) => ({ kind: "bytes", bytes: Buffer.from(`\uFEFF${csvText(plain(t.first), ",", "\r\n")}`, "utf16le") }) },

  // Workbooks.
  { file: "xlsx-date-cells-numeric-amounts.xlsx", quirk: "XLSX with real date cells and numeric amounts (as published)", from: [MAY], make: (t) => xlsx({ name: BARTS_SHEET, lines: plain(t.first) }) },
  { file: "xlsx-leading-empty-column.xlsx", quirk: "XLSX whose table starts in column B (column A empty, as published)", from: [barts("01 - April")], make: (t) => xlsx({ name: BARTS_SHEET, lines: plain(t.first) }) },
  { file: "xlsx-title-rows.xlsx", quirk: "XLSX with two title rows and a blank row above the heading row", from: [MAY], added: "title rows",
    make: (t) => xlsx({ name: BARTS_SHEET, lines: [{ cells: ["Barts Health NHS Trust"] }, { cells: ["Expenditure over £25000: May 2020"] }, blank(), ...plain(t.first)] }) },
  { file: "xlsx-two-spend-sheets.xlsx", quirk: "XLSX with two spend sheets (May and June)", from: [barts("02 - May", 2, 10), barts("03 - June", 2, 10)],
    make: (t) => xlsx({ name: "May 2020", lines: plain(t.first) }, { name: "June 2020", lines: plain(t.second) }) },
  { file: "xlsx-notes-sheet-first.xlsx", quirk: "XLSX with a Notes sheet (no spend heading, skipped) before the spend sheet", from: [MAY], added: "Notes sheet",
    make: (t) => xlsx(NOTES_SHEET, { name: BARTS_SHEET, lines: plain(t.first) }) },
  { file: "xlsx-date-serial-numbers.xlsx", quirk: "XLSX whose date column holds Excel serial numbers as plain numbers", from: [MAY],
    make: (t) => xlsx({ name: BARTS_SHEET, lines: plain(dateCells(t.first, excelSerial)) }) },
  { file: "xlsx-amounts-as-text.xlsx", quirk: "XLSX whose amounts are text cells (\"48800.00\"), not numbers", from: [MAY],
    make: (t) => xlsx({ name: BARTS_SHEET, lines: plain(reformat(t.first, "amount", (row) => decimalOf(row.pence))) }) },
  { file: "xlsx-not-an-amount.xlsx", quirk: "XLSX with \"TBC\" and \"12,34,5\" text in two amount cells", from: [MAY],
    make: (t, random) => xlsx({ name: BARTS_SHEET, lines: plain(spoil(t.first, "amount", ["TBC", "12,34,5"], "not an amount", random)) }) },
  { file: "xlsx-identical-duplicate-lines.xlsx", quirk: "XLSX with identical lines repeated (all are spend: nothing is de-duplicated)", from: [barts("02 - May", 15, 10)],
    make: (t) => xlsx({ name: BARTS_SHEET, lines: plain(t.first) }) },
];

// ---------------------------------------------------------------------------------------------------------
// Writing the files.

function csvCell(cell: Cell): string {
  if (cell instanceof Date) throw new Error("a date cell cannot go in a CSV file");
  return cell === null ? "" : String(cell);
}

function csvText(lines: readonly Line[], delimiter: string, newline: string): string {
  const texts = lines.map((line) => (line.cells.length === 0 ? "" : Papa.unparse([line.cells.map(csvCell)], { delimiter, newline })));
  return texts.join(newline) + newline;
}

function encode(text: string, encoding: "utf-8" | "utf-8-bom" | "windows-1252"): Uint8Array {
  if (encoding === "utf-8-bom") return Buffer.from(`\uFEFF${text}`, "utf-8");
  if (encoding === "utf-8") return Buffer.from(text, "utf-8");
  // Windows-1252 and Latin-1 agree outside 0x80–0x9F: refuse anything that would be written wrong.
  if ([...text].some((ch) => ch.charCodeAt(0) > 0xff || (ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) <= 0x9f))) throw new Error("not Windows-1252 text");
  return Buffer.from(text, "latin1");
}


async function xlsxBytes(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const data = sheets.map((sheet) => ({
    sheet: sheet.name,
    dateFormat: "dd/mm/yyyy",
    data: sheet.lines.map((line) => line.cells.map((cell) => (cell === "" ? null : cell))),
  }));
  return pinZipTimes(await writeXlsxFile(data).toBuffer());
}

async function bytesOf(output: Output): Promise<Uint8Array> {
  if (output.kind === "bytes") return output.bytes;
  if (output.kind === "xlsx") return xlsxBytes(output.sheets);
  return encode(csvText(output.lines, output.delimiter ?? ",", output.newline ?? "\n"), output.encoding ?? "utf-8");
}

// ---------------------------------------------------------------------------------------------------------
// What the loader must report, from the lines.

interface QuarantineExpectation { row: number; column: string | null; reasonIncludes: string }
interface Expectation {
  outcome: "loaded" | "refused";
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  amountLoadedPence: number;
  quarantine: QuarantineExpectation[];
  refusalIncludes?: string;
}

function sheetsOf(output: Output): Sheet[] {
  if (output.kind === "csv") return [{ name: "", lines: output.lines }];
  return output.kind === "xlsx" ? output.sheets : [];
}

function expectationOf(output: Output, refused: string | undefined): Expectation {
  if (refused !== undefined) {
    return { outcome: "refused", rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, amountLoadedPence: 0, quarantine: [], refusalIncludes: refused };
  }
  const expectation: Expectation = { outcome: "loaded", rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, amountLoadedPence: 0, quarantine: [] };
  const sheets = sheetsOf(output);
  for (const sheet of sheets) {
    sheet.lines.forEach((line, index) => {
      const outcome = line.outcome;
      if (!outcome) return;
      expectation.rowsRead++;
      if ("loadedPence" in outcome) {
        expectation.rowsLoaded++;
        expectation.amountLoadedPence += outcome.loadedPence;
      } else {
        expectation.rowsQuarantined++;
        expectation.quarantine.push({ row: index + 1, ...outcome.problem });
      }
    });
  }
  if (sheets.length > 1 && expectation.rowsQuarantined > 0) throw new Error("quarantined rows in a workbook of several sheets would need a sheet name");
  return expectation;
}

function describe(expect: Expectation): string {
  if (expect.outcome === "refused") return `refused ("${expect.refusalIncludes}")`;
  const rows = expect.quarantine.map((q) => `${q.row}${q.column === null ? "" : ` ${q.column}`}: ${q.reasonIncludes}`);
  const money = `${expect.amountLoadedPence < 0 ? "-" : ""}£${decimalOf(Math.abs(expect.amountLoadedPence), true)}`;
  return `loaded: ${expect.rowsRead} read, ${expect.rowsLoaded} loaded, ${money}` + (rows.length ? `; quarantined rows ${rows.join("; ")}` : "");
}

function sourceOf(tables: readonly Table[], added: string | undefined): string {
  return [...tables.map((table) => table.source), ...(added ? [tables.length ? `+ ${added}` : added] : [])].join("; ");
}

const markdownCell = (text: string): string => text.replace(/\|/g, "\\|");

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

// ---------------------------------------------------------------------------------------------------------

const README_HEAD = `# Quirk corpus: published spend files, one quirk each

Generated: do not edit by hand. Regenerate with \`${COMMAND}\` (seed ${QUIRK_SEED}; the same run writes the
same bytes). Every file holds a few real rows from the published spend files in \`/work/shared/reference/spend/\`
(see \`PROVENANCE.md\` there) with exactly one quirk of published files put back into them:

- Cabinet Office spend over £25,000, June–December 2019 (odileeds/council-spending-data @ 791774c21f07, \`cabinetoffice/clean/\`)
- Greater London Authority expenditure 2014/15 (same repository, \`london/clean/\`)
- City of Bradford spend, January and March 2018 (same repository, \`bradford/\`)
- Manchester City Council spend over £500, January 2011 (same repository, \`manchester/clean/\`)
- Barts Health NHS Trust expenditure over £25,000 workbooks, April–June 2020 (crahal/NHSSpend @ e1faf65abc2e)

Contains public sector information licensed under the Open Government Licence v3.0.

Source rows are physical row numbers in the reference file (its heading is row 1; for workbooks, the sheet's
row number). \`cases.json\` holds what loading each file must report; its row numbers are physical rows of the
fixture (title lines, blank lines and the heading row counted). Amounts are computed from the clean source
values, in pence.

| file | quirk | from | expected |
|---|---|---|---|
`;

async function main(): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const cases = [];
  const readmeRows = [];
  for (const spec of CASES) {
    const tables = new Tables(await Promise.all(spec.from.map(loadTable)));
    const output = spec.make(tables, seededRandom(QUIRK_SEED ^ fnv1a(spec.file)));
    await writeFile(join(OUT, spec.file), await bytesOf(output));
    const expect = expectationOf(output, spec.refused);
    const source = sourceOf(tables.all, spec.added);
    cases.push({ file: spec.file, quirk: spec.quirk, source, expect });
    readmeRows.push(`| \`${spec.file}\` | ${[spec.quirk, source, describe(expect)].map(markdownCell).join(" | ")} |`);
  }
  await writeFile(join(OUT, "cases.json"), `${JSON.stringify(cases, null, 2)}\n`);
  await writeFile(join(OUT, "README.md"), `${README_HEAD}${readmeRows.join("\n")}\n`);
  console.log(`wrote ${CASES.length} fixtures, cases.json and README.md to ${OUT}`);
}

await main();
