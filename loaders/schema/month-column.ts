import { headingTokens } from "./match-by-meaning.js";
import { monthOfWord } from "./period-from-name.js";

/**
 * A column that says each line's month ("Month", "Period", "Financial Period", "Accounting Period"): evidence
 * for the order of a date column whose values are all ambiguous. A numbered period is of the UK financial
 * year (period 1 = April), as NHS bodies, councils and departments number them; a numbered month is the
 * calendar's.
 */
export interface MonthColumn {
  index: number;
  heading: string;
  /** Numbers in it are periods of the financial year (1 = April), not calendar months. */
  financial: boolean;
}

/** The line's month column among the headings, not one mapped to a field; null when there is none or more than one. */
export function monthColumnOf(headings: readonly string[], mapped: Readonly<Record<string, number>>): MonthColumn | null {
  const taken = new Set(Object.values(mapped));
  const found = headings.flatMap((heading, index): MonthColumn[] => {
    const words = headingTokens(heading);
    if (taken.has(index) || words.some((word) => ["date", "year", "end", "start", "ending", "number", "no"].includes(word))) return [];
    if (words.includes("month")) return [{ index, heading, financial: false }];
    if (words.includes("period")) return [{ index, heading, financial: true }];
    return [];
  });
  return found.length === 1 ? found[0]! : null;
}

/** The calendar month a month column's cell names: `July`, `Jul-20`, `July 2020`, `2020-07`, `07/2020`, `7`, `P04`; null otherwise. */
export function monthOfCell(raw: string, column: MonthColumn): number | null {
  const text = raw.trim().toLowerCase();
  const numbered = /^(p|period)?\s*(\d{1,2})$/.exec(text);
  if (numbered) {
    const number = Number(numbered[2]);
    if (number < 1 || number > 12) return null;
    return column.financial || numbered[1] ? ((number + 2) % 12) + 1 : number;
  }
  const yearFirst = /^(?:19|20)\d{2}[-/ ]?(0[1-9]|1[0-2])$/.exec(text);
  if (yearFirst) return Number(yearFirst[1]);
  const yearLast = /^(0?[1-9]|1[0-2])[-/ ](?:19|20)?\d{2}$/.exec(text);
  if (yearLast) return Number(yearLast[1]);
  const words = text.split(/[^a-z]+/).filter(Boolean).map(monthOfWord).filter((month): month is number => month !== null);
  return new Set(words).size === 1 ? words[0]! : null;
}

/** How a month column gives months, in words for the load report. */
export function describeMonthColumn(column: MonthColumn): string {
  return `the ${JSON.stringify(column.heading)} column${column.financial ? " (numbered periods of the financial year: 1 = April)" : ""}`;
}
