/**
 * The words of a company's legal form, which say what kind of body a supplier is and not which one: a spend file's
 * "Acme" and the register's "ACME LIMITED" or "ACME C.I.C." are one name without them. Applied to the supplier-name
 * key (loaders/schema/normalise-supplier-name.ts: upper case, punctuation dropped, LIMITED as LTD, THE and & handled),
 * so only what the key leaves is here. SERVICES, HOLDINGS, GROUP, UK stay: `ACME SERVICES LTD` is not `ACME LTD`.
 */
export const FORM_WORDS = ["LTD", "PLC", "LLP", "LLC", "LP", "CIC", "CIO", "SCIO", "INC", "CYF", "CYFYNGEDIG", "CCC", "AND"] as const;

/** Form phrases spelt out, as one form word first. */
const FORM_PHRASES = String.raw`\b(COMMUNITY INTEREST COMPANY|C I C|CHARITABLE INCORPORATED ORGANISATION|LIMITED LIABILITY PARTNERSHIP)\b`;

/**
 * SQL for the core of a supplier-name key (`expression`): its words without the form words, in order. The one home
 * of this rule; matching compares cores, and blocks by a core's first word (coreFirstWordSql).
 */
export function coreNameSql(expression: string): string {
  return `array_to_string(list_filter(string_split(regexp_replace(${expression}, '${FORM_PHRASES}', 'CIC', 'g'), ' '),
    w -> w <> '' AND w NOT IN (${FORM_WORDS.map((word) => `'${word}'`).join(", ")})), ' ')`;
}

/** SQL for a core's first word: the block candidates are compared within. */
export function coreFirstWordSql(core: string): string {
  return `split_part(${core}, ' ', 1)`;
}
