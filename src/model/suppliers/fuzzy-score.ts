/**
 * SQL for how alike two name cores (core-name.ts) are, 0 to 1: the mean of their Jaro–Winkler similarity (kind to
 * a shared beginning) and their Levenshtein ratio with spaces dropped (1 − edits / the longer length: strict on
 * what differs, so `ACME SERVICES` against `ACME` scores low where Jaro–Winkler alone gives 0.86, and `JOINT LINE`
 * against `JOINTLINE` scores 1 − 0 on the letters). Identical cores (only form words differ) score 1.
 */
export function fuzzyScoreSql(a: string, b: string): string {
  const squeeze = (text: string) => `replace(${text}, ' ', '')`;
  return `((jaro_winkler_similarity(${a}, ${b}) + 1 - levenshtein(${squeeze(a)}, ${squeeze(b)})::DOUBLE
            / greatest(length(${squeeze(a)}), length(${squeeze(b)}), 1)) / 2)`;
}

/** SQL: a core that reads as a person's name (an initial and one or two more words: "J SMITH", "SMITH J A"). */
export function personLikeSql(core: string): string {
  return `(len(string_split(${core}, ' ')) BETWEEN 2 AND 3 AND list_bool_or(list_transform(string_split(${core}, ' '), w -> length(w) = 1)))`;
}
