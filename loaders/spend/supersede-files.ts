import type { Warehouse } from "../../src/warehouse/warehouse.js";

/**
 * The rule for re-issued files: a newly loaded spend file supersedes each earlier file of the same
 * institution at least half of whose lines fall within the new file's date range. A re-issued month
 * replaces the month it re-issues, while a neighbouring month with a few late-posted lines, or a
 * four-weekly period that shares a calendar month with the next, is left alone. Superseded files stay in
 * the warehouse (and the load report) but no figure counts them. Returns the paths superseded.
 *
 * Only earlier files whose date range overlaps the new file's can qualify (a file with no line in the
 * range cannot have half of them there); their lines alone are counted, so that a month's load costs the
 * same whatever the history holds.
 */
export async function supersedeEarlierFiles(warehouse: Warehouse, fileId: number): Promise<string[]> {
  const candidates = await warehouse.all<{ file_id: number }>(
    `SELECT old.file_id FROM source_files old JOIN source_files new ON new.file_id = $file
     WHERE old.kind = 'spend' AND old.institution_id = new.institution_id AND old.file_id < $file AND old.superseded_by IS NULL
       AND old.first_date <= new.last_date AND old.last_date >= new.first_date`,
    { file: fileId },
  );
  if (candidates.length === 0) return [];
  // The candidates as constants, so that DuckDB skips the other files' row groups in the spend table.
  const candidateList = candidates.map((row) => Number(row.file_id)).join(", ");
  const superseded = await warehouse.all<{ path: string }>(
    `UPDATE source_files SET superseded_by = $file
     WHERE file_id IN (
       SELECT s.file_id
       FROM spend s
       JOIN source_files new ON new.file_id = $file
       WHERE s.file_id IN (${candidateList})
       GROUP BY s.file_id, new.first_date, new.last_date
       HAVING 2 * count(*) FILTER (s.payment_date BETWEEN new.first_date AND new.last_date) >= count(*)
     )
     RETURNING path`,
    { file: fileId },
  );
  return superseded.map((row) => row.path);
}
