import { IDENTIFIER_AMOUNT } from "./read-spend-row.js";

/**
 * Amounts SQL parses itself, all of a form `parseAmountPence` reads to the same pence: `1234.56`, `-1,234.5`,
 * `£1,234`, `-£12` and `(£1,234.56)`, at most 13 digits of pounds (within 2^53 pence) and 2 of pence. Any
 * other form (`1234.56 CR`, `£-12`, spaces, half pennies…) goes to `parseAmountPence`, row by row.
 */
const POUNDS = String.raw`(\d{1,3}(,\d{3}){1,3}|\d{1,13})(\.\d{1,2})?`;
const AMOUNT = String.raw`-?£?${POUNDS}|\(£?${POUNDS}\)`;

/**
 * The two columns a staged spend CSV's lines carry beside their cells (stage-spend-csv.ts), read from its trimmed
 * amount cell when the file is staged, so that the file's transaction reads them rather than works them out:
 * `amount_sql`, the amount as DECIMAL when it is of a form above (else NULL, and the line is read by
 * `readSpendRow`); `amount_like_identifier`, whether the cell looks like an identifier (IDENTIFIER_AMOUNT: a
 * shifted line, read by `readSpendRow`). A file with no amount column: NULL and false.
 *
 * £ and thousands commas are deleted, the minus sign left to the cast, brackets (a credit) deleted and the value
 * negated. Two replace calls for the common forms cost less than one translate, and translate less than five
 * replace calls and a multiplication by ±1 (an 83,334-line file's insert on one thread: 75 ms, 81 ms and 108 ms;
 * the same values; measured 2026-12-02).
 */
export function stagedAmountColumns(amountCell: string | null): string {
  if (amountCell === null) return "NULL::DECIMAL(18, 2) AS amount_sql, false AS amount_like_identifier";
  const parsed = `CASE WHEN starts_with(${amountCell}, '(') THEN -CAST(translate(${amountCell}, '£,()', '') AS DECIMAL(18, 2))
                       ELSE CAST(replace(replace(${amountCell}, '£', ''), ',', '') AS DECIMAL(18, 2)) END`;
  return `CASE WHEN regexp_full_match(${amountCell}, '${AMOUNT}') THEN ${parsed} END AS amount_sql,
          regexp_full_match(${amountCell}, '${IDENTIFIER_AMOUNT.source.slice(1, -1)}') AS amount_like_identifier`;
}
