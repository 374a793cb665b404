import { parseAmountPence } from "../cells/parse-amount.js";
import { numericDateParts, parseDate } from "../cells/parse-date.js";
import { isTypoOf } from "./edit-distance.js";

/**
 * How a field's heading is recognised beyond its synonyms (spend files only): by a word it holds and
 * the words it must not ("Supplier Postcode" is not the supplier), and by what its column's values are.
 */
export interface HeadingMeaning {
  words: readonly string[];
  unless: readonly string[];
  values?: "date" | "amount";
}

/**
 * A heading's words, normalised: lower case, `£` and punctuation as spaces, plurals singular
 * ("Amounts" → amount), `nett` as net. "Amount in Sterling £" → amount, in, sterling.
 */
export function headingTokens(heading: string): string[] {
  return heading
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((token) => (token === "nett" ? "net" : token.length > 3 && token.endsWith("s") && !token.endsWith("ss") ? token.slice(0, -1) : token));
}

/** How a heading was matched to its field, for the load report. */
export type MatchedBy = "synonym" | "typo" | "word" | "values";

const sameWord = (a: string, b: string) => a === b;
const typoWord = (a: string, b: string) => a === b || isTypoOf(a, b);

/** A heading's words against a synonym's: the same words (tier "synonym"), or the same words allowing small typos ("typo"). */
export function tokensMatch(heading: readonly string[], synonym: readonly string[], allowTypos: boolean): boolean {
  const same = allowTypos ? typoWord : sameWord;
  return heading.length === synonym.length && heading.every((token, i) => same(token, synonym[i]!));
}

/** A heading holding one of the field's words (or a small typo of it) and none of the words it must not. */
export function holdsMeaningWord(heading: readonly string[], meaning: HeadingMeaning): boolean {
  return heading.some((token) => meaning.words.some((word) => typoWord(token, word))) && !heading.some((token) => meaning.unless.includes(token));
}

/** At least this share of a column's filled cells below the heading must be dates (or amounts) for its values to name it. */
const VALUE_SHARE = 0.9;
const VALUE_MINIMUM = 3;

/**
 * Whether a column's values below the heading say what it is: nearly all dates, or nearly all amounts
 * with pence or thousands separators (a column of whole numbers is as likely a transaction number).
 */
export function valuesAre(values: readonly string[], kind: "date" | "amount"): boolean {
  const filled = values.map((value) => value.trim()).filter(Boolean);
  if (filled.length < VALUE_MINIMUM) return false;
  const fits = kind === "date"
    ? filled.filter((value) => parseDate(value) !== null || parseDate(value, "mdy") !== null || numericDateParts(value) !== null).length
    : filled.filter((value) => parseAmountPence(value) !== null && /[.,]/.test(value)).length;
  return fits >= VALUE_SHARE * filled.length;
}
