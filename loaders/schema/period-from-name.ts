import { basename } from "node:path";
import { isTypoOf } from "./edit-distance.js";

const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The month a word names: a full name, its first three letters, "Sept", or a small typo of a full name ("Septeber"). */
export function monthOfWord(word: string): number | null {
  const index = MONTH_NAMES.findIndex((name) => word === name || word === name.slice(0, 3) || (word === "sept" && name === "september") || (word[0] === name[0] && isTypoOf(word, name)));
  return index < 0 ? null : index + 1;
}

/** What a file's name says of its period: a `YYYY-MM` (or `YYYY_MM`, `YYYYMM`) month, or a month's name and maybe a year. */
export interface NamedPeriod {
  month: number;
  /** Null when the name gives the month alone ("EPSH 01 - April.csv"). */
  year: number | null;
}

/**
 * The month a file's name states: `2011-01-payments.csv`, `spend_2024_04.csv`, `April 2020.csv`,
 * `BART 01 - April.xlsx` (no year). Null when the name states none, or more than one month.
 */
export function periodFromName(path: string): NamedPeriod | null {
  const name = basename(path).replace(/\.[a-z0-9]+(\.[a-z0-9]+)?$/i, "");
  const numeric = /(?:^|[^0-9])((?:19|20)\d{2})[-_. ]?(0[1-9]|1[0-2])(?![0-9])/.exec(name);
  if (numeric) return { year: Number(numeric[1]), month: Number(numeric[2]) };
  const months = new Set(name.toLowerCase().split(/[^a-z]+/).map(monthOfWord).filter((month): month is number => month !== null));
  if (months.size !== 1) return null;
  const year = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(name);
  return { month: [...months][0]!, year: year ? Number(year[1]) : null };
}

export function monthName(month: number): string {
  const name = MONTH_NAMES[month - 1] ?? "";
  return name.charAt(0).toUpperCase() + name.slice(1);
}
