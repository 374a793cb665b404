import { headingKey, type HeaderMatch } from "./column-synonyms.js";
import type { QuarantineEntry } from "./load-outcome.js";
import { REDACTED_SUPPLIER_ID, isRedactedPayee, supplierId, supplierNameKey } from "./normalise-supplier-name.js";
import { AMOUNT_EXPECTED, parseAmountPence } from "./parse-amount.js";
import { DATE_EXPECTED, parseDate } from "./parse-date.js";

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
}

export type RowVerdict =
  | { kind: "blank" }
  | { kind: "line"; line: SpendLine }
  | { kind: "quarantined"; entries: QuarantineEntry[] };

/** A heading row as found in the file, with its field mapping. */
export interface SpendHeader extends HeaderMatch {
  headings: readonly string[];
}

const TOTAL_PATTERN = /\b(grand )?totals?\b/i;

/** Rows published beside the spend that are not spend: repeated headings, totals, notes. Null when it is spend. */
function notSpendReason(cells: readonly string[], header: SpendHeader): string | null {
  const filled = cells.filter((cell) => cell !== "");
  const headingKeys = header.headings.map(headingKey);
  if (filled.length >= 2 && cells.every((cell, i) => cell === "" || headingKey(cell) === headingKeys[i])) {
    return "not spend: a repeated heading row";
  }
  // A totals line has no payment date; a supplier called "Total Gas & Power Ltd" on a dated line is spend.
  const hasDate = parseDate(cells[header.columns.date!] ?? "") !== null;
  if (!hasDate && cells.some((cell) => TOTAL_PATTERN.test(cell))) {
    return "not spend: a totals line (the loader sums the lines itself)";
  }
  if (filled.length === 1) return "not spend: a note line (only one cell filled)";
  return null;
}

/**
 * Reads one row below the heading row: blank, a spend line, or quarantined with every bad cell of it
 * (not only the first) or the reason it is not spend.
 */
export function readSpendRow(cells: readonly string[], row: number, header: SpendHeader): RowVerdict {
  if (cells.every((cell) => cell === "")) return { kind: "blank" };
  const notSpend = notSpendReason(cells, header);
  if (notSpend) return { kind: "quarantined", entries: [{ row, column: null, rawValue: cells.join(" | ").slice(0, 500), reason: notSpend }] };
  const cell = (field: string) => {
    const column = header.columns[field];
    return column === undefined ? "" : (cells[column] ?? "");
  };
  const heading = (field: string) => header.headings[header.columns[field]!] ?? field;
  const entries: QuarantineEntry[] = [];
  const date = parseDate(cell("date"));
  if (date === null) entries.push({ row, column: heading("date"), rawValue: cell("date"), reason: `"${cell("date")}" is not a date (${DATE_EXPECTED})` });
  const amountPence = parseAmountPence(cell("amount"));
  if (amountPence === null) entries.push({ row, column: heading("amount"), rawValue: cell("amount"), reason: `"${cell("amount")}" is not an amount (${AMOUNT_EXPECTED})` });
  const supplierName = cell("supplier");
  const isRedacted = isRedactedPayee(supplierName);
  const supplierKey = isRedacted ? REDACTED_SUPPLIER_ID : supplierNameKey(supplierName);
  if (supplierKey === "") entries.push({ row, column: heading("supplier"), rawValue: supplierName, reason: "supplier name is empty (expected the payee's name, or REDACTED)" });
  if (entries.length > 0 || date === null || amountPence === null) return { kind: "quarantined", entries };
  return {
    kind: "line",
    line: {
      row, date, amountPence, supplierName, supplierKey, isRedacted,
      supplierId: isRedacted ? REDACTED_SUPPLIER_ID : supplierId(supplierKey),
      expenseType: cell("expense_type") || null,
      expenseArea: cell("expense_area") || null,
      transactionNumber: cell("transaction_number") || null,
    },
  };
}
