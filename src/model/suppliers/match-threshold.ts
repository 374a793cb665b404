/**
 * When a fuzzy candidate is taken without review: its score at or above MATCH_THRESHOLD, and no other register entry
 * (another company or charity) within MATCH_MARGIN of it. Chosen from the precision curve measured on the labelled
 * sample (test/fixtures/match-sample/README.md; test/integration/match-precision.test.ts prints the curve).
 */
export const MATCH_THRESHOLD = 0.95;
export const MATCH_MARGIN = 0.03;
/** Candidates kept per supplier (identifier and exact-name ones first). */
export const CANDIDATES_KEPT = 3;
