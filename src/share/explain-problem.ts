import type { ProblemCode } from "../core/problem-codes.js";

/** What a problem means, in plain words for a partner who is not a data engineer: why it matters and how to fix it. */
export interface Explanation {
  why: string;
  fix: string;
}

const KEPT_ASIDE = "Nothing to do: it is kept aside, not counted.";

/** Advice by problem code (src/core/problem-codes.ts); a code without its own advice gets the default. */
const EXPLANATIONS: Partial<Record<ProblemCode, Explanation>> = {
  "not-an-amount": { why: "The line cannot be counted in any total, so the figures would be short by its value.", fix: "Write the amount as a number in pounds, e.g. 1234.56 or £1,234.56; a credit as -1234.56 or (1,234.56)." },
  "not-a-date": { why: "Without a date the line cannot be placed in a month or a reporting period.", fix: "Write the payment date as 2024-04-01 or 01/04/2024 (day first)." },
  "empty-supplier-name": { why: "Spend with no payee cannot be shown as local or not, nor matched to the supplier register.", fix: "Write the supplier's name; for a payment to a person, write REDACTED." },
  "not-spend-totals": { why: "Totals lines would count the money twice; anchor-spend adds up the lines itself.", fix: "Nothing to do if it is a total: it is kept aside, not counted. Otherwise give the line a payment date." },
  "not-spend-heading": { why: "A second heading row usually means two files were pasted together.", fix: `${KEPT_ASIDE} Check that no month is in the file twice.` },
  "not-spend-note": { why: "A line with one cell filled is a note, not a payment.", fix: KEPT_ASIDE },
  "not-a-postcode": { why: "A supplier without a valid postcode cannot be placed, so its spend counts as unlocated.", fix: "Write the full postcode, e.g. E1 8DE, or leave it blank if it is not known." },
  "not-a-flag": { why: "SME and VCSE shares cannot count a supplier whose flag is unclear.", fix: "Write Y or N (or leave it blank if not known)." },
  "duplicate-supplier": { why: "Two rows for one supplier would give it two addresses or flags that disagree.", fix: "Keep one row per supplier; names that differ only by Ltd/Limited or punctuation are the same supplier." },
  "missing-value": { why: "The row cannot be used without this cell.", fix: "Fill in the cell named, as the schema describes." },
  "other-buyer": { why: "Each institution's figures are its own: a notice published by another buyer would count that buyer's contracts as this institution's.", fix: "Put the notice in the folder of the institution that is its buyer (its institution.json's name or id is the notice's buyer)." },
  "not-in-pounds": { why: "Contract values are compared with spend in pounds; a value in another currency is not converted.", fix: "Nothing to do if the notice is right: the release is kept aside. Otherwise correct the currency to GBP." },
  "unknown-party": { why: "A supplier named only by a reference to a party the release does not hold has no name, identifiers or address to match its spend by.", fix: "Load the release as published, with its parties, or a compiled record of the process." },
  "no-compiled-release": { why: "A record that only links its releases holds none of the contract's facts itself.", fix: "Load the release package, or a record package published with compiledRelease." },
};

const DEFAULT: Explanation = { why: "The row cannot be read as the schema describes.", fix: "Compare the row with the schema (data/schema) and correct the cell named." };

export function explainProblem(code: string): Explanation {
  return EXPLANATIONS[code as ProblemCode] ?? DEFAULT;
}
