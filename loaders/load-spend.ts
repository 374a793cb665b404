import { DuckDBDateValue, DuckDBDecimalValue } from "@duckdb/node-api";
import { InputError } from "../src/errors.js";
import type { Warehouse } from "../src/warehouse.js";
import { SPEND_FIELDS, describeRequired } from "./column-synonyms.js";
import { detectHeader } from "./detect-header.js";
import { writeQuarantine, type LoadOutcome, type QuarantineEntry } from "./load-outcome.js";
import { AMOUNT_EXPECTED, parseAmountPence } from "./parse-amount.js";
import { DATE_EXPECTED, epochDays, parseDate } from "./parse-date.js";
import { REDACTED_SUPPLIER_ID, isRedactedPayee, supplierId, supplierNameKey } from "./normalise-supplier-name.js";

/** One spend line as it will be stored. */
export interface SpendLine {
  rowNumber: number;
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

/**
 * Reads the spend lines of a parsed file: finds the heading row, maps columns through the synonym table,
 * parses each row, and collects every bad cell of a row (not only the first) for quarantine.
 */
export function readSpendLines(rows: readonly string[][], file: string): { lines: SpendLine[]; quarantined: QuarantineEntry[]; rowsRead: number } {
  const header = detectHeader(rows, SPEND_FIELDS);
  if (!header) {
    const found = (rows[0] ?? []).filter(Boolean).map((h) => `"${h}"`).join(", ");
    throw new InputError(`no spend heading row found (found ${found || "no headings"}; needs ${describeRequired(SPEND_FIELDS)})`, { file });
  }
  const headings = rows[header.headerIndex]!;
  const columnOf = (field: string) => header.columns[field];
  const lines: SpendLine[] = [];
  const quarantined: QuarantineEntry[] = [];
  let rowsRead = 0;
  for (let index = header.headerIndex + 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell === "")) continue;
    rowsRead++;
    const row = index + 1;
    const cell = (field: string) => {
      const column = columnOf(field);
      return column === undefined ? "" : (cells[column] ?? "");
    };
    const optional = (field: string) => cell(field) || null;
    const heading = (field: string) => headings[columnOf(field)!] ?? field;
    const problems: QuarantineEntry[] = [];
    const date = parseDate(cell("date"));
    if (date === null) problems.push({ row, column: heading("date"), rawValue: cell("date"), reason: `"${cell("date")}" is not a date (${DATE_EXPECTED})` });
    const amountPence = parseAmountPence(cell("amount"));
    if (amountPence === null) problems.push({ row, column: heading("amount"), rawValue: cell("amount"), reason: `"${cell("amount")}" is not an amount (${AMOUNT_EXPECTED})` });
    const supplierName = cell("supplier");
    const redacted = isRedactedPayee(supplierName);
    const supplierKey = redacted ? REDACTED_SUPPLIER_ID : supplierNameKey(supplierName);
    if (supplierKey === "") problems.push({ row, column: heading("supplier"), rawValue: supplierName, reason: "supplier name is empty (expected the payee's name, or REDACTED)" });
    if (problems.length > 0 || date === null || amountPence === null) {
      quarantined.push(...problems);
      continue;
    }
    lines.push({
      rowNumber: row, date, amountPence, supplierName, supplierKey, isRedacted: redacted,
      supplierId: redacted ? REDACTED_SUPPLIER_ID : supplierId(supplierKey),
      expenseType: optional("expense_type"), expenseArea: optional("expense_area"),
      transactionNumber: optional("transaction_number"),
    });
  }
  return { lines, quarantined, rowsRead };
}

/** Adds suppliers first seen in this file; a redacted payee is one supplier whose name is never kept. */
async function addNewSuppliers(warehouse: Warehouse, lines: readonly SpendLine[]): Promise<void> {
  const firstSeen = new Map<string, SpendLine>();
  for (const line of lines) if (!firstSeen.has(line.supplierId)) firstSeen.set(line.supplierId, line);
  for (const line of firstSeen.values()) {
    await warehouse.run(
      `INSERT INTO suppliers VALUES (?, ?, ?, NULL, NULL, NULL, NULL, ?) ON CONFLICT DO NOTHING`,
      line.isRedacted
        ? [REDACTED_SUPPLIER_ID, "Redacted payee", REDACTED_SUPPLIER_ID, true]
        : [line.supplierId, line.supplierName, line.supplierKey, false],
    );
  }
}

/** Loads a spend file's parsed rows for an institution; returns the counts the load report reconciles. */
export async function loadSpend(
  warehouse: Warehouse,
  rows: string[][],
  path: string,
  fileId: number,
  institutionId: string,
): Promise<LoadOutcome> {
  const { lines, quarantined, rowsRead } = readSpendLines(rows, path);
  await addNewSuppliers(warehouse, lines);
  const appender = await warehouse.connection.createAppender("spend");
  for (const line of lines) {
    appender.appendInteger(fileId);
    appender.appendInteger(line.rowNumber);
    appender.appendVarchar(institutionId);
    appender.appendDate(new DuckDBDateValue(epochDays(line.date)));
    appender.appendDecimal(new DuckDBDecimalValue(BigInt(line.amountPence), 18, 2));
    appender.appendVarchar(line.supplierId);
    for (const text of [line.expenseType, line.expenseArea, line.transactionNumber]) {
      if (text === null) appender.appendNull();
      else appender.appendVarchar(text);
    }
    appender.appendBoolean(line.isRedacted);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await writeQuarantine(warehouse, fileId, path, quarantined);
  const dates = lines.map((line) => line.date).sort();
  return {
    rowsRead,
    rowsLoaded: lines.length,
    rowsQuarantined: new Set(quarantined.map((entry) => entry.row)).size,
    amountLoadedPence: lines.reduce((sum, line) => sum + line.amountPence, 0),
    ...(dates.length > 0 ? { firstDate: dates[0]!, lastDate: dates[dates.length - 1]! } : {}),
  };
}
