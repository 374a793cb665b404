import type { Warehouse } from "../src/warehouse.js";

/**
 * The rule for re-issued files: a newly loaded spend file supersedes each earlier file of the same
 * institution at least half of whose lines fall within the new file's date range. A re-issued month
 * replaces the month it re-issues, while a neighbouring month with a few late-posted lines, or a
 * four-weekly period that shares a calendar month with the next, is left alone. Superseded files stay in
 * the warehouse (and the load report) but no figure counts them. Returns the paths superseded.
 */
export async function supersedeEarlierFiles(warehouse: Warehouse, fileId: number): Promise<string[]> {
  const superseded = await warehouse.all<{ path: string }>(
    `UPDATE source_files SET superseded_by = $file
     WHERE superseded_by IS NULL AND file_id IN (
       SELECT s.file_id
       FROM spend s
       JOIN source_files new ON new.file_id = $file
       WHERE s.institution_id = new.institution_id AND s.file_id < $file
       GROUP BY s.file_id, new.first_date, new.last_date
       HAVING 2 * count(*) FILTER (s.payment_date BETWEEN new.first_date AND new.last_date) >= count(*)
     )
     RETURNING path`,
    { file: fileId },
  );
  return superseded.map((row) => row.path);
}
