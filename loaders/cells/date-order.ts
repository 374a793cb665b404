import { numericDateParts, type DateOrder } from "./parse-date.js";
import { monthName, type NamedPeriod } from "../schema/period-from-name.js";
import { describeMonthColumn, monthOfCell, type MonthColumn } from "../schema/month-column.js";

/** The order a date column is read in, and why, in words for the load report. */
export interface DateOrderChoice {
  order: DateOrder;
  reason: string;
}

/**
 * What else may settle a column of ambiguous dates: each line's month (a Month or period column), the month
 * the file's name states, the institution's stated order.
 */
export interface DateOrderContext {
  namedPeriod: NamedPeriod | null;
  statedOrder: DateOrder | null;
  /** The table's month column and its distinct (date cell, month cell) pairs. */
  rowMonths?: { column: MonthColumn; pairs: Iterable<readonly [string, string]> };
}

/** Of the ambiguous dates, how many fall in their line's (or the file's) month when read day first, and how many month first. */
function fitsByOrder(dates: Iterable<{ parts: { first: number; second: number }; month: number | null }>): { dmy: number; mdy: number; of: number } {
  const fits = { dmy: 0, mdy: 0, of: 0 };
  for (const { parts, month } of dates) {
    if (month === null || parts.first > 12 || parts.second > 12) continue;
    fits.of++;
    if (parts.second === month) fits.dmy++;
    if (parts.first === month) fits.mdy++;
  }
  return fits;
}

const WORDS: Record<DateOrder, string> = { dmy: "day first", mdy: "month first" };

/**
 * Decides one order for a whole date column from its distinct values, never mixing orders within it:
 * a value whose first number is over 12 (`30/04/2020`) says day first, one whose second is (`4/30/2020`)
 * month first, and the side with more such values wins (the other side's values are then not dates and
 * are quarantined). A column of ambiguous values only (`07/01/2020`) follows each line's month where a Month
 * or period column gives it and it tells the orders apart, else the file name's month where that tells
 * them apart, else the institution's stated order (mapping.json `dateOrder`), else UK order.
 */
export function decideDateOrder(values: Iterable<string>, context: DateOrderContext): DateOrderChoice {
  let dayFirst = 0;
  let monthFirst = 0;
  let dayFirstExample = "";
  let monthFirstExample = "";
  // The example quoted is the least value in text order, so that every reading of the column names the same one.
  const ambiguous: { first: number; second: number }[] = [];
  for (const value of values) {
    const parts = numericDateParts(value);
    if (!parts) continue;
    if (parts.first > 12 && parts.second <= 12) {
      dayFirst++;
      if (dayFirstExample === "" || value.trim() < dayFirstExample) dayFirstExample = value.trim();
    } else if (parts.second > 12 && parts.first <= 12) {
      monthFirst++;
      if (monthFirstExample === "" || value.trim() < monthFirstExample) monthFirstExample = value.trim();
    } else if (parts.first <= 12 && parts.second <= 12) {
      ambiguous.push(parts);
    }
  }
  if (dayFirst > 0 || monthFirst > 0) {
    const order: DateOrder = dayFirst >= monthFirst ? "dmy" : "mdy";
    const [winning, example, losing] = order === "dmy" ? [dayFirst, dayFirstExample, monthFirst] : [monthFirst, monthFirstExample, dayFirst];
    const against = losing > 0 ? `; ${losing} written the other way are not read (quarantined)` : "";
    return { order, reason: `${WORDS[order]}: ${winning} distinct date(s) can only be read so (e.g. "${example}")${against}` };
  }
  if (ambiguous.length === 0) {
    const order = context.statedOrder ?? "dmy";
    return { order, reason: `${WORDS[order]}: no date is written with numbers only` };
  }
  if (context.rowMonths) {
    const { column, pairs } = context.rowMonths;
    const fits = fitsByOrder([...pairs].flatMap(([date, month]) => {
      const parts = numericDateParts(date);
      return parts ? [{ parts, month: monthOfCell(month, column) }] : [];
    }));
    if (fits.dmy !== fits.mdy) {
      const order: DateOrder = fits.dmy > fits.mdy ? "dmy" : "mdy";
      return { order, reason: `${WORDS[order]}: every date is ambiguous, and ${Math.max(fits.dmy, fits.mdy)} of ${fits.of} distinct date and month pairs fall in their line's month, as ${describeMonthColumn(column)} gives it, when read so` };
    }
  }
  const month = context.namedPeriod?.month;
  if (month !== undefined) {
    const fits = fitsByOrder(ambiguous.map((parts) => ({ parts, month })));
    if (fits.dmy !== fits.mdy) {
      const order: DateOrder = fits.dmy > fits.mdy ? "dmy" : "mdy";
      return { order, reason: `${WORDS[order]}: every date is ambiguous, and ${Math.max(fits.dmy, fits.mdy)} of ${ambiguous.length} fall in ${monthName(month)}, the file name's month, when read so` };
    }
  }
  if (context.statedOrder) return { order: context.statedOrder, reason: `${WORDS[context.statedOrder]}: every date is ambiguous; the institution's mapping.json says dateOrder "${context.statedOrder}"` };
  return { order: "dmy", reason: "day first (UK order): every date is ambiguous and nothing else says which order" };
}
