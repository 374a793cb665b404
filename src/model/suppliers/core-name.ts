/**
 * The words of a company's legal form, which say what kind of body a supplier is and not which one: a spend file's
 * "Acme" and the register's "ACME LIMITED" or "ACME C.I.C." are one name without them. Applied to the supplier-name
 * key (loaders/schema/normalise-supplier-name.ts: upper case, punctuation dropped, LIMITED as LTD, THE and & handled),
 * so only what the key leaves is here. SERVICES, HOLDINGS, GROUP, UK stay: `ACME SERVICES LTD` is not `ACME LTD`.
 */
export const FORM_WORDS = ["LTD", "PLC", "LLP", "LLC", "LP", "CIC", "CIO", "SCIO", "INC", "CYF", "CYFYNGEDIG", "CCC", "AND"] as const;

/** SQL: the form words as a list literal, for `x IN (…)`. */
export const FORM_WORDS_SQL = FORM_WORDS.map((word) => `'${word}'`).join(", ");

/** Form phrases spelt out, as one form word first. */
const FORM_PHRASES = String.raw`\b(COMMUNITY INTEREST COMPANY|C I C|CHARITABLE INCORPORATED ORGANISATION|LIMITED LIABILITY PARTNERSHIP)\b`;

/**
 * SQL for the core of a supplier-name key (`expression`): its words without the form words, in order. The one home
 * of this rule; matching compares cores, within blocks (coreBlocksSql).
 */
export function coreNameSql(expression: string): string {
  return `array_to_string(list_filter(string_split(regexp_replace(${expression}, '${FORM_PHRASES}', 'CIC', 'g'), ' '),
    w -> w <> '' AND w NOT IN (${FORM_WORDS_SQL})), ' ')`;
}

/** SQL for a core's first word: what the register is narrowed by before anything is compared. */
export function coreFirstWordSql(core: string): string {
  return `split_part(${core}, ' ', 1)`;
}

/**
 * SQL for the blocks a core is compared within (a list): a supplier and an entry are compared only when they share
 * a block. Names of two words or more block by their first two words, so `ACME CLEANING` meets `ACME CLEANING
 * SERVICES` but not every ACME; a one-word name meets every name starting with it, and a longer one meets the
 * one-word name of its first word (`ACME` and `ACME SERVICES` meet, to be told apart by their scores). `side` says
 * which end of the join the core is on.
 */
export function coreBlocksSql(core: string, side: "supplier" | "entry"): string {
  const first = `split_part(${core}, ' ', 1)`;
  const two = `${first} || ' ' || split_part(${core}, ' ', 2)`;
  const longer = `split_part(${core}, ' ', 2) <> ''`;
  return side === "supplier"
    ? `CASE WHEN ${longer} THEN [${two}, ${first}] ELSE ['*' || ${first}, ${first}] END`
    : `CASE WHEN ${longer} THEN [${two}, '*' || ${first}] ELSE [${first}] END`;
}

/**
 * SQL: whether a register row's name key (`key`) can share a block with a supplier of match_suppliers, judged on the
 * key's first two words before its core is computed (so a 5-million-row edition is cored only where it matters): its
 * first word is a supplier's and either a one-word supplier core begins it, or its first two words are a supplier's
 * block, or its second word is a form word or none (its core may be one word, or its first two words shifted).
 */
export function mayShareBlockSql(key: string, suppliers: string): string {
  const first = `split_part(${key}, ' ', 1)`;
  const second = `split_part(${key}, ' ', 2)`;
  return `(${first} IN (SELECT first_word FROM ${suppliers})
    AND (${first} IN (SELECT first_word FROM ${suppliers} WHERE split_part(core, ' ', 2) = '')
         OR ${first} || ' ' || ${second} IN (SELECT split_part(core, ' ', 1) || ' ' || split_part(core, ' ', 2) FROM ${suppliers})
         OR ${second} = '' OR ${second} IN (${FORM_WORDS_SQL})))`;
}
