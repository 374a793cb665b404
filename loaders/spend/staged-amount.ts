import { IDENTIFIER_DIGITS } from "./read-spend-row.js";

/**
 * Amounts SQL parses itself, all of a form `parseAmountPence` reads to the same pence: `1234.56`, `-1,234.5`,
 * `£1,234`, `-£12` and `(£1,234.56)`, at most 13 digits of pounds (within 2^53 pence) and 2 of pence. Any
 * other form (`1234.56 CR`, `£-12`, spaces, half pennies…) goes to `parseAmountPence`, row by row; so does a bare
 * run of IDENTIFIER_DIGITS digits or more (no sign, £, separator or pence), which may be an identifier in a shifted
 * line (readSpendRow's check): the regular expression leaves it out, rather than a second one finding it (one
 * expression a cell, not two: 1M lines' staging 1.29 CPU-s against 1.50, measured 2026-12-03).
 */
const GROUPED = String.raw`\d{1,3}(,\d{3}){1,3}`;
const WHOLE_POUNDS = String.raw`(${GROUPED}|\d{1,13})`;
const PENCE = String.raw`\.\d{1,2}`;
const POUNDS = String.raw`${WHOLE_POUNDS}(${PENCE})?`;
/** POUNDS with nothing before it: with pence, with thousands commas, or fewer digits than an identifier's. */
const BARE_POUNDS = String.raw`${WHOLE_POUNDS}${PENCE}|${GROUPED}|\d{1,${IDENTIFIER_DIGITS - 1}}`;
const AMOUNT = String.raw`-£?${POUNDS}|£${POUNDS}|${BARE_POUNDS}|\(£?${POUNDS}\)`;

/**
 * The column a staged spend CSV's lines carry beside their cells (stage-spend-csv.ts), read from its trimmed amount
 * cell when the file is staged, so that the file's transaction reads it rather than works it out: `amount_sql`, the
 * amount as DECIMAL when it is of a form above (else NULL, and the line is read by `readSpendRow`). A file with no
 * amount column: NULL.
 *
 * £ and thousands commas are deleted, the minus sign left to the cast, brackets (a credit) deleted and the value
 * negated. Two replace calls for the common forms cost less than one translate, and translate less than five
 * replace calls and a multiplication by ±1 (an 83,334-line file's insert on one thread: 75 ms, 81 ms and 108 ms;
 * the same values; measured 2026-12-02).
 */
export function stagedAmountColumn(amountCell: string | null): string {
  if (amountCell === null) return "NULL::DECIMAL(18, 2) AS amount_sql";
  const parsed = `CASE WHEN starts_with(${amountCell}, '(') THEN -CAST(translate(${amountCell}, '£,()', '') AS DECIMAL(18, 2))
                       ELSE CAST(replace(replace(${amountCell}, '£', ''), ',', '') AS DECIMAL(18, 2)) END`;
  return `CASE WHEN regexp_full_match(${amountCell}, '${AMOUNT}') THEN ${parsed} END AS amount_sql`;
}
