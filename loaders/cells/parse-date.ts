/** What a date looks like when published, for error messages. */
export const DATE_EXPECTED = "expected e.g. 2024-04-01, 01/04/2024, 1-Apr-24, 01-APR-2024, April 2024 or an Excel date";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The month a name or abbreviation means ("Apr", "APRIL", "Sept"), or undefined. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const month = MONTHS[lower.slice(0, 3)];
  if (month === undefined) return undefined;
  const full = MONTH_NAMES[month - 1]!;
  return full.startsWith(lower) || (lower === "sept" && month === 9) ? month : undefined;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function fullYear(year: string): number {
  const value = Number(year);
  return year.length === 2 ? 2000 + value : value;
}

/** Which number comes first in a date written with numbers only: UK day first (30/04/2020) or US month first (4/30/2020). */
export type DateOrder = "dmy" | "mdy";

const NUMERIC_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/;

/** A published date's text, without a time of day after it. */
function withoutTime(raw: string): string {
  return raw.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, "");
}

/** The two leading numbers of a date written as `n/n/yyyy` (or with dots), whichever order it is in; null for any other form. */
export function numericDateParts(raw: string): { first: number; second: number } | null {
  const match = NUMERIC_DATE.exec(withoutTime(raw));
  return match ? { first: Number(match[1]), second: Number(match[2]) } : null;
}

/** Excel's day 0 (1899-12-30, allowing for its 1900 leap-year bug) in days since 1970-01-01. */
const EXCEL_EPOCH_DAYS = -25569;

/**
 * Parses a published payment date into ISO `YYYY-MM-DD`, or null. Dates of numbers only (`01/04/2024`)
 * are read in the column's order, day first unless told (date-order.ts decides it per column); a time of
 * day after the date is ignored; a month and year alone ("April 2023") is the first of that month; a bare
 * number of five digits is an Excel serial day.
 */
export function parseDate(raw: string, order: DateOrder = "dmy"): string | null {
  const text = withoutTime(raw);
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{5})(\.\d+)?$/.exec(text);
  if (match) {
    const serial = Number(match[1]);
    if (serial < 20_000 || serial > 80_000) return null;
    return new Date((EXCEL_EPOCH_DAYS + serial) * 86_400_000).toISOString().slice(0, 10);
  }
  match = /^([A-Za-z]{3,9})[- ](\d{4}|\d{2})$/.exec(text);
  if (match) {
    const month = monthNumber(match[1]!);
    return month === undefined ? null : isoDate(fullYear(match[2]!), month, 1);
  }
  match = NUMERIC_DATE.exec(text);
  if (match) {
    const [day, month] = order === "dmy" ? [match[1], match[2]] : [match[2], match[1]];
    return isoDate(fullYear(match[3]!), Number(month), Number(day));
  }
  match = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{4}|\d{2})$/.exec(text);
  if (match) {
    const month = monthNumber(match[2]!);
    return month === undefined ? null : isoDate(fullYear(match[3]!), month, Number(match[1]));
  }
  return null;
}

/** Days since 1970-01-01 of an ISO date, as DuckDB stores a DATE. */
export function epochDays(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
