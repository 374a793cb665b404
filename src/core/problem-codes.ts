/**
 * Why a row was quarantined, as a stable code beside the human message (as Frictionless errors carry a
 * `type`). Grouping, advice and publishing rules key on the code; the message is for people and may change.
 * Public output (the site, public exports) shows a code's title, never the message: messages quote the
 * raw cell, which may be personal or redacted.
 */
export const PROBLEM_CODES = {
  // Spend rows
  "not-a-date": "Not a date",
  "not-an-amount": "Not an amount",
  "empty-supplier-name": "No supplier name",
  "not-spend-heading": "Not spend: a repeated heading row",
  "not-spend-totals": "Not spend: totals",
  "columns-shifted": "Columns look shifted",
  "not-spend-note": "Not spend: a note line",
  // Any table's cells
  "missing-value": "A required cell is empty",
  "not-a-postcode": "Not a UK postcode",
  "not-a-flag": "Not a yes/no flag",
  "not-a-quantity": "Not a quantity",
  "not-a-whole-number": "Not a whole number",
  "not-a-percentage": "Not a percentage",
  "not-a-year": "Not a year",
  "not-a-period": "Not a reporting period",
  "not-a-frequency": "Not a reporting frequency",
  "not-an-engagement-kind": "Not a kind of engagement",
  "not-a-version": "Not a definition version",
  "not-a-class": "Not a locality class",
  "negative-value": "Negative where it cannot be",
  "not-a-positive-value": "Not a positive value",
  "more-than-100-percent": "More than 100%",
  "ambiguous-value": "Ambiguous",
  "ends-before-start": "Ends before it starts",
  "no-quantity": "Neither committed nor delivered",
  // Rows against other rows or other files
  "duplicate-supplier": "Same supplier as an earlier row",
  "redacted-payee": "A redacted payee (not kept in a register)",
  "duplicate-key": "Repeats an earlier row",
  "conflicting-row": "Disagrees with an earlier row",
  "no-institution": "No institution",
  "unknown-institution": "Institution not loaded",
  "not-question-priorities": "Not a list of questions and priorities",
  "question-not-adopted": "Question not adopted by the contract",
  "not-a-row": "Not a row of this table",
  // Published notices (OCDS): the column is the JSON path of the fault, e.g. releases[12].awards[0].value.amount
  "not-a-release": "Not an OCDS release",
  "no-compiled-release": "A record without a compiled release",
  "other-buyer": "Another buyer's notice",
  "unknown-party": "Supplier not among the notice's parties",
  "not-in-pounds": "Not in pounds sterling",
  "not-an-identifier": "Not an identifier of its scheme",
  "not-a-scale": "Not an organisation scale",
  // An analyst's review of supplier matches (suppliers-to-review.csv, loaded back by `suppliers review --accept`)
  "not-a-decision": "Not a review decision (accept, reject or none)",
  "unknown-supplier": "Supplier not paid by the institution",
  "unknown-candidate": "Not a candidate nor an entry of the loaded register",
  "two-accepts": "More than one candidate accepted for one supplier",
  "conflicting-decision": "Accepts a candidate and says none of these",
  // Reference tables
  "outside-the-uk": "Position missing or outside the UK",
  "not-an-lsoa-code": "Not an LSOA code",
  "not-a-decile": "Not a decile from 1 to 10",
  "not-an-authority-code": "Not a local authority code",
  "no-icb": "No ICB for this authority",
  "split-authority": "Authority split between ICBs: another holds more of it",
  "not-a-quality-indicator": "Not a positional quality indicator",
  "no-position": "No position given",
  "not-a-grid-coordinate": "Not a grid coordinate",
  // Rows quarantined before codes existed (schema version 6)
  unclassified: "Quarantined before problem codes",
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Every code with its plain-English title, in the order above: for the site's schema page and the docs. */
export const PROBLEM_LIST: readonly { code: ProblemCode; title: string }[] = Object.entries(PROBLEM_CODES).map(
  ([code, title]) => ({ code: code as ProblemCode, title }),
);

/** The public message for a code: its title (never the raw value). */
export function problemTitle(code: string): string {
  return (PROBLEM_CODES as Record<string, string>)[code] ?? PROBLEM_CODES.unclassified;
}
