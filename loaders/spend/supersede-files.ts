import type { Warehouse } from "../../src/warehouse/warehouse.js";

/**
 * The share of an earlier file's lines that must reappear in a later file of the same institution for the
 * later file to be a re-issue of it. Measured on the real files in shared/reference/spend (95 monthly files
 * of 12 bodies): the most two different months ever shared was 8.9% (King's College Hospital, 18 of
 * September's 203 lines again in October); a re-issued month repeats most of its lines. Half sits far from both.
 */
export const REISSUE_SHARE = 0.5;

/** An earlier file the new one shares lines with: how many of the earlier file's lines reappear. */
export interface SharedLines {
  path: string;
  shared: number;
  lines: number;
  /** Who said it is re-issued, when it is not by its lines: `load --replaces`, or the folder's mapping.json. */
  saidBy?: ReplacesSource;
}

/** Where a user said a file re-publishes an earlier one. */
export type ReplacesSource = "--replaces" | "mapping.json";

/** An earlier file a user says the new one re-publishes, by its path as stored. */
export interface NamedReplacement {
  path: string;
  saidBy: ReplacesSource;
}

/** What a new spend file did to the earlier ones: those it re-issues (superseded), and those it only repeats lines of. */
export interface Supersession {
  superseded: SharedLines[];
  /** Earlier files some of whose lines reappear, below the re-issue share: both files count; a data-quality finding. */
  duplicates: SharedLines[];
  /** Files a user said this one replaces that are not (or no longer) a current spend file of its institution. */
  notFound: NamedReplacement[];
}

/**
 * The rule for re-issued files, by content, not by dates: a newly loaded spend file supersedes an earlier
 * file of the same institution when at least REISSUE_SHARE of the earlier file's lines (transaction number,
 * supplier, amount and date) reappear in it, or when the user says so (`replaces`: earlier files named by
 * `load --replaces` or the folder's mapping.json).
 * Consecutive months that carry invoices dated in each other's months share no such lines, and both count.
 * Superseded files stay in the warehouse (and the load report) but no figure counts them.
 *
 * Only earlier files whose date range overlaps the new file's can share a line; their lines alone are
 * compared, so that a month's load costs the same whatever the history holds.
 */
export async function supersedeEarlierFiles(warehouse: Warehouse, fileId: number, replaces: readonly NamedReplacement[] = []): Promise<Supersession> {
  const candidates = await warehouse.all<{ file_id: number }>(
    `SELECT old.file_id FROM source_files old JOIN source_files new ON new.file_id = $file
     WHERE old.kind = 'spend' AND old.institution_id = new.institution_id AND old.file_id < $file AND old.superseded_by IS NULL
       AND old.first_date <= new.last_date AND old.last_date >= new.first_date`,
    { file: fileId },
  );
  const named = replaces.length === 0 ? [] : await warehouse.all<{ file_id: number; path: string }>(
    `SELECT old.file_id, old.path FROM source_files old JOIN source_files new ON new.file_id = $file
     WHERE old.kind = 'spend' AND old.institution_id = new.institution_id AND old.file_id < $file AND old.superseded_by IS NULL
       AND list_contains($paths::VARCHAR[], old.path)`,
    { file: fileId, paths: `[${replaces.map(({ path }) => JSON.stringify(path)).join(", ")}]` },
  );
  const notFound = replaces.filter(({ path }) => !named.some((row) => row.path === path));
  const ids = [...new Set([...candidates, ...named].map((row) => row.file_id))];
  if (ids.length === 0) return { superseded: [], duplicates: [], notFound };
  // The candidates as constants, so that DuckDB skips the other files' row groups in the spend table.
  const shared = await warehouse.all<{ file_id: number; path: string; shared: number; lines: number }>(
    `WITH new_lines AS (
       SELECT DISTINCT coalesce(transaction_number, '') AS reference, supplier_id, amount, payment_date FROM spend WHERE file_id = $file
     )
     SELECT s.file_id, f.path, count(n.supplier_id)::INTEGER AS shared, count(*)::INTEGER AS lines
     FROM spend s
     JOIN source_files f ON f.file_id = s.file_id
     LEFT JOIN new_lines n ON n.reference = coalesce(s.transaction_number, '') AND n.supplier_id = s.supplier_id AND n.amount = s.amount AND n.payment_date = s.payment_date
     WHERE s.file_id IN (${ids.join(", ")})
     GROUP BY s.file_id, f.path ORDER BY s.file_id`,
    { file: fileId },
  );
  const saidBy = new Map(named.map((row) => [row.file_id, replaces.find(({ path }) => path === row.path)!.saidBy]));
  const reissued = shared.filter((row) => saidBy.has(row.file_id) || row.shared >= REISSUE_SHARE * row.lines);
  if (reissued.length > 0) {
    await warehouse.run(`UPDATE source_files SET superseded_by = $file WHERE file_id IN (${reissued.map((row) => row.file_id).join(", ")})`, { file: fileId });
  }
  const line = (row: { file_id: number; path: string; shared: number; lines: number }): SharedLines => {
    const said = saidBy.get(row.file_id);
    return { path: row.path, shared: row.shared, lines: row.lines, ...(said ? { saidBy: said } : {}) };
  };
  return {
    superseded: reissued.map(line),
    duplicates: shared.filter((row) => !reissued.includes(row) && row.shared > 0).map(line),
    notFound,
  };
}
