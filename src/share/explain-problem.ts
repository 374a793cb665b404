/** What a problem means, in plain words for a partner who is not a data engineer: why it matters and how to fix it. */
export interface Explanation {
  why: string;
  fix: string;
}

const EXPLANATIONS: { pattern: RegExp; explanation: Explanation }[] = [
  { pattern: /is not an amount/, explanation: { why: "The line cannot be counted in any total, so the figures would be short by its value.", fix: "Write the amount as a number in pounds, e.g. 1234.56 or £1,234.56; a credit as -1234.56 or (1,234.56)." } },
  { pattern: /is not a date/, explanation: { why: "Without a date the line cannot be placed in a month or a reporting period.", fix: "Write the payment date as 2024-04-01 or 01/04/2024 (day first)." } },
  { pattern: /supplier name is empty/, explanation: { why: "Spend with no payee cannot be shown as local or not, nor matched to the supplier register.", fix: "Write the supplier's name; for a payment to a person, write REDACTED." } },
  { pattern: /not spend: a totals line/, explanation: { why: "Totals lines would count the money twice; anchor-spend adds up the lines itself.", fix: "Nothing to do if it is a total: it is kept aside, not counted. Otherwise give the line a payment date." } },
  { pattern: /not spend: a repeated heading row/, explanation: { why: "A second heading row usually means two files were pasted together.", fix: "Nothing to do: it is kept aside, not counted. Check that no month is in the file twice." } },
  { pattern: /not spend: a note line/, explanation: { why: "A line with one cell filled is a note, not a payment.", fix: "Nothing to do: it is kept aside, not counted." } },
  { pattern: /not a UK unit postcode/, explanation: { why: "A supplier without a valid postcode cannot be placed, so its spend counts as unlocated.", fix: "Write the full postcode, e.g. E1 8DE, or leave it blank if it is not known." } },
  { pattern: /yes\/no flag/, explanation: { why: "SME and VCSE shares cannot count a supplier whose flag is unclear.", fix: "Write Y or N (or leave it blank if not known)." } },
  { pattern: /same supplier as an earlier row/, explanation: { why: "Two rows for one supplier would give it two addresses or flags that disagree.", fix: "Keep one row per supplier; names that differ only by Ltd/Limited or punctuation are the same supplier." } },
  { pattern: /heading row|a spend file needs/, explanation: { why: "Without its heading row the file's columns cannot be recognised, so nothing can be read.", fix: "Keep the heading row (Date, Supplier, Amount…) within the first 30 lines, named as in the schema or its synonyms." } },
  { pattern: /NUL bytes|binary|UTF-16/, explanation: { why: "The file is not text anchor-spend can read.", fix: "Save it from Excel as \"CSV UTF-8 (comma delimited)\" or as an .xlsx workbook." } },
  { pattern: /is empty/, explanation: { why: "There is nothing to read.", fix: "Check that the right file was sent." } },
  { pattern: /quoted cell is never closed/, explanation: { why: "Everything after the open quote would be read as one cell.", fix: "Close the quote, or remove the stray \" character." } },
];

const DEFAULT: Explanation = { why: "The row cannot be read as the schema describes.", fix: "Compare the row with the schema (data/schema) and correct the cell named." };

export function explainProblem(reason: string): Explanation {
  return EXPLANATIONS.find(({ pattern }) => pattern.test(reason))?.explanation ?? DEFAULT;
}
