import { matchHeader, type FieldSpec, type HeaderMatch } from "./column-synonyms.js";

/** How many lines of titles and notes may stand above a header. */
export const HEADER_SEARCH_ROWS = 30;

export interface FoundHeader extends HeaderMatch {
  /** 0-based index of the heading row. */
  headerIndex: number;
}

/**
 * Finds the heading row: the first of the top rows whose headings cover every required field (spend
 * headings by meaning, the rows below a heading giving its columns' values). Title lines above it
 * ("Expenditure over £25,000 — April 2024") are skipped.
 */
export function detectHeader(rows: readonly (readonly string[])[], fields: readonly FieldSpec[]): FoundHeader | null {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const match = matchHeader(rows[index]!, fields, rows.slice(index + 1));
    if (match.missing.length === 0) return { ...match, headerIndex: index };
  }
  return null;
}
