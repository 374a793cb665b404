import { headingKey, type HeaderMatch } from "../schema/column-synonyms.js";
import type { QuarantineEntry } from "../quarantine.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";
import { REDACTED_SUPPLIER_ID, isRedactedPayee, supplierId, supplierNameKey } from "../schema/normalise-supplier-name.js";
import { AMOUNT_EXPECTED, parseAmountPence } from "../cells/parse-amount.js";
import { DATE_EXPECTED, numericDateParts, parseDate, type DateOrder } from "../cells/parse-date.js";
import { parseFlag } from "../cells/parse-flag.js";
import type { FoundHeader } from "../schema/detect-header.js";
import { identifierCellsOf, type IdentifierCells } from "./spend-identifiers.js";

/** One spend line as it will be stored. */
export interface SpendLine {
  row: number;
  date: string;
  amountPence: number;
  supplierId: string;
  supplierName: string;
  supplierKey: string;
  isRedacted: boolean;
  expenseType: string | null;
  expenseArea: string | null;
  transactionNumber: string | null;
  /** A supplier's total for the file's period (a file with no date column), not one payment. */
  isPeriodTotal?: boolean;
  /** The line's company, charity and VAT number cells, as written (spend-identifiers.ts). */
  identifiers?: IdentifierCells;
}

export type RowVerdict =
  | { kind: "blank" }
  | { kind: "line"; line: SpendLine }
  | { kind: "quarantined"; entries: QuarantineEntry[] };

/** A heading row as found in the file, with its field mapping (and its headings' matching keys, computed once). */
export interface SpendHeader extends HeaderMatch {
  headings: readonly string[];
  headingKeys: readonly string[];
  /** The order the date column is read in, decided for the whole column (date-order.ts). */
  dateOrder: DateOrder;
  /** A table with no date column: the first day of the month its lines are supplier totals for (file-period.ts). */
  periodDate?: string;
}

/** A found heading row as the spend reader uses it, read day first until the column's order is decided. */
export function spendHeaderOf(found: FoundHeader, headings: readonly string[]): SpendHeader {
  return { columns: found.columns, missing: found.missing, ...(found.matchedBy ? { matchedBy: found.matchedBy } : {}), headings, headingKeys: headings.map(headingKey), dateOrder: "dmy" };
}

/** Why a date cell is not a date: also, for a date that reads the other way, the column's order. */
function notADate(raw: string, order: DateOrder): string {
  const otherWay = numericDateParts(raw) !== null && parseDate(raw, order === "dmy" ? "mdy" : "dmy") !== null;
  const inOrder = otherWay ? `; this column's dates are read ${order === "dmy" ? "day first" : "month first"}, and this one reads only the other way` : "";
  return `${quoted(raw)} is not a date (${DATE_EXPECTED})${inOrder}`;
}

type SupplierKeyed = { isRedacted: boolean; supplierKey: string; supplierId: string };

/**
 * Names keyed so far in this process, shared by every file's SupplierKeys: a name's keys follow from the name
 * alone, and a year's monthly files name mostly the same suppliers. Started afresh past KEPT_NAMES names.
 */
const keyedNames = new Map<string, SupplierKeyed>();
const KEPT_NAMES = 100_000;

/** Supplier names met in a file, keyed once each (a file names the same supplier on many lines; see keyedNames). */
export class SupplierKeys {
  of(name: string): SupplierKeyed {
    let found = keyedNames.get(name);
    if (!found) {
      const isRedacted = isRedactedPayee(name);
      const supplierKey = isRedacted ? REDACTED_SUPPLIER_ID : supplierNameKey(name);
      found = { isRedacted, supplierKey, supplierId: isRedacted ? REDACTED_SUPPLIER_ID : supplierId(supplierKey) };
      if (keyedNames.size >= KEPT_NAMES) keyedNames.clear();
      keyedNames.set(name, found);
    }
    return found;
  }
}

/** A cell quoted in a reason, shortened: the whole raw value is kept in the quarantine's raw_value column. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}

/** Totals, grand totals, sub-totals and `Sum:` cells: what publishers print under or between their lines. */
const TOTAL_PATTERN = /\b(grand |sub[- ]?)?totals?\b|^sum\b:?|^sub-?totals?\b/i;

/**
 * A cell that is only a totals label ("Total", "Grand total:", "Sub-total for April", "Sum:"): in a table with
 * no date column the label must stand alone, for a supplier or an expense area may be called "Total Gas & Power".
 */
const TOTAL_LABEL = /^((grand |sub[- ]?)?totals?|sum)\b\s*:?\s*(for\b.*)?$/i;

/** A supplier "name" of digits only: a transaction or supplier number where the name should be. */
export function isDigitsOnly(text: string): boolean {
  return /^\d+$/.test(text.trim());
}

/** An amount of this many digits or more with no pence and no separators is as likely an identifier as pounds. */
export const IDENTIFIER_DIGITS = 8;

/**
 * Whether an amount is IDENTIFIER_DIGITS digits or more alone. Not by a regular expression: V8 runs out of stack
 * matching `\d{8,}` against a cell of millions of digits (the bad-input corpus's 10 MB amount was refused "Maximum
 * call stack size exceeded").
 */
function isIdentifierAmount(text: string): boolean {
  return text.length >= IDENTIFIER_DIGITS && isDigitsOnly(text);
}

/**
 * Whether a row's cells look shifted by a column (rows of PDF-derived files): the supplier's cell holds
 * only digits, or the amount's cell holds an identifier (eight digits or more, repeated in another cell,
 * or beside a supplier of digits). Null when the row looks as its headings say.
 */
function shiftedColumns(cells: readonly string[], header: SpendHeader): { code: ProblemCode; reason: string; column: string } | null {
  const supplier = cells[header.columns.supplier!] ?? "";
  const amountColumn = header.columns.amount!;
  const amount = (cells[amountColumn] ?? "").trim();
  if (isDigitsOnly(supplier)) {
    return { code: "columns-shifted", column: header.headings[header.columns.supplier!] ?? "supplier", reason: `the supplier ${quoted(supplier)} is only digits: the columns look shifted (a number where the payee's name should be)` };
  }
  if (isIdentifierAmount(amount) && cells.some((cell, i) => i !== amountColumn && cell.trim() === amount)) {
    return { code: "columns-shifted", column: header.headings[amountColumn] ?? "amount", reason: `the amount ${quoted(amount)} is an identifier repeated in another cell: the columns look shifted` };
  }
  return null;
}

/** Rows published beside the spend that are not spend: repeated headings, totals, notes. Null when it is spend. */
function notSpendReason(cells: readonly string[], header: SpendHeader): { code: ProblemCode; reason: string } | null {
  const filled = cells.filter((cell) => cell !== "");
  const cellIsHeading = (cell: string, i: number) => cell === "" || headingKey(cell) === header.headingKeys[i];
  if (filled.length >= 2 && headingKey(cells[header.columns.amount!] ?? "") === header.headingKeys[header.columns.amount!] && cells.every(cellIsHeading)) {
    return { code: "not-spend-heading", reason: "not spend: a repeated heading row" };
  }
  // A totals line has no payment date; a supplier called "Total Gas & Power Ltd" on a dated line is spend.
  const isTotals = header.columns.date === undefined
    ? cells.some((cell) => TOTAL_LABEL.test(cell.trim()))
    : cells.some((cell) => TOTAL_PATTERN.test(cell)) && parseDate(cells[header.columns.date] ?? "", header.dateOrder) === null;
  if (isTotals) {
    return { code: "not-spend-totals", reason: "not spend: totals (a total, sub-total or Sum: line; the loader sums the lines itself)" };
  }
  if (filled.length === 1) return { code: "not-spend-note", reason: "not spend: a note line (only one cell filled)" };
  return null;
}

/**
 * Reads one row below the heading row: blank, a spend line, or quarantined with every bad cell of it
 * (not only the first) or the reason it is not spend.
 */
export function readSpendRow(cells: readonly string[], row: number, header: SpendHeader, suppliers: SupplierKeys = new SupplierKeys()): RowVerdict {
  if (cells.every((cell) => cell === "")) return { kind: "blank" };
  const notSpend = notSpendReason(cells, header);
  if (notSpend) return { kind: "quarantined", entries: [{ row, column: null, rawValue: cells.join(" | ").slice(0, 500), ...notSpend }] };
  const shifted = shiftedColumns(cells, header);
  if (shifted) return { kind: "quarantined", entries: [{ row, rawValue: cells.join(" | ").slice(0, 500), ...shifted }] };
  const cell = (field: string) => {
    const column = header.columns[field];
    return column === undefined ? "" : (cells[column] ?? "");
  };
  const heading = (field: string) => header.headings[header.columns[field]!] ?? field;
  const entries: QuarantineEntry[] = [];
  // A table with no date column: each line is its supplier's total for the file's month, dated its first day (or,
  // in a partner's export, a dated line its period_total column marks so).
  const undated = header.columns.date === undefined;
  const isPeriodTotal = undated || parseFlag(cell("period_total")) === true;
  const date = undated ? (header.periodDate ?? null) : parseDate(cell("date"), header.dateOrder);
  if (date === null) entries.push({ row, column: heading("date"), rawValue: cell("date"), code: "not-a-date", reason: notADate(cell("date"), header.dateOrder) });
  const amountPence = parseAmountPence(cell("amount"));
  if (amountPence === null) entries.push({ row, column: heading("amount"), rawValue: cell("amount"), code: "not-an-amount", reason: `${quoted(cell("amount"))} is not an amount (${AMOUNT_EXPECTED})` });
  const supplierName = cell("supplier");
  const { isRedacted, supplierKey, supplierId } = suppliers.of(supplierName);
  if (supplierKey === "") entries.push({ row, column: heading("supplier"), rawValue: supplierName, code: "empty-supplier-name", reason: "supplier name is empty (expected the payee's name, or REDACTED)" });
  if (entries.length > 0 || date === null || amountPence === null) return { kind: "quarantined", entries };
  const identifiers = isRedacted ? undefined : identifierCellsOf(cells, header.columns);
  return {
    kind: "line",
    line: {
      row, date, amountPence, supplierName, supplierKey, isRedacted,
      supplierId,
      expenseType: cell("expense_type") || null,
      expenseArea: cell("expense_area") || null,
      transactionNumber: cell("transaction_number") || null,
      ...(isPeriodTotal ? { isPeriodTotal } : {}),
      ...(identifiers ? { identifiers } : {}),
    },
  };
}
