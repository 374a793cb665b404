/**
 * When a fuzzy candidate is taken without review: its score at or above MATCH_THRESHOLD, and no other register entry
 * (another company or charity) within MATCH_MARGIN of it. Chosen from the precision curve measured on the labelled
 * sample (test/fixtures/match-sample/README.md; test/integration/match-precision.test.ts prints the curve).
 */
// Measured on 311 labelled names (192 with a true entry): precision 98.5% at 0.97 (one-letter-off names are as often
// another company as a typo), 100% from 0.98 (only names whose cores are equal: form words differ) with recall 68.2%
// and 28.0% of names to review.
export const MATCH_THRESHOLD = 0.98;
export const MATCH_MARGIN = 0.03;
/** Candidates kept per supplier (identifier and exact-name ones first). */
export const CANDIDATES_KEPT = 3;
