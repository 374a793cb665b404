import { REVIEW_CANDIDATES_SQL, REVIEW_FILE_NOTE, REVIEW_HEADINGS as h } from "../model/review-candidates.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { writeQueryCsv } from "./write-csv.js";

/**
 * Writes `suppliers-to-review.csv` (src/model/review-candidates.ts) through the one CSV writer (formulas
 * neutralised): its note first, then a row per candidate left to an analyst. Returns the rows and suppliers written.
 */
export async function writeReviewFile(warehouse: Warehouse, path: string, institution: string | null = null): Promise<{ rows: number; suppliers: number }> {
  const rows = await writeQueryCsv(warehouse, REVIEW_CANDIDATES_SQL, path, { institution }, REVIEW_FILE_NOTE);
  const { suppliers } = await warehouse.one<{ suppliers: number }>(
    `SELECT count(DISTINCT ("${h.institution}", "${h.supplierId}"))::INTEGER AS suppliers FROM (${REVIEW_CANDIDATES_SQL})`, { institution });
  return { rows, suppliers };
}
