import type { Warehouse } from "../../warehouse/warehouse.js";
import { coreBlocksSql, coreFirstWordSql, coreNameSql, mayShareBlockSql } from "./core-name.js";
import { fuzzyScoreSql, personLikeSql } from "./fuzzy-score.js";
import { CANDIDATES_KEPT, MATCH_MARGIN, MATCH_THRESHOLD } from "./match-threshold.js";

export interface MatchOptions {
  /** Only this institution's suppliers (default: every institution's). */
  institution?: string;
  /** Only the suppliers this spend file pays (a new file's: the rest keep their matches). */
  fileId?: number;
  /** The fuzzy acceptance threshold (default MATCH_THRESHOLD): other values only to measure the precision curve. */
  threshold?: number;
}

export interface MatchCounts {
  /** Paid, named suppliers matched (redacted payees never are). */
  suppliers: number;
  /** Accepted without review, by method. */
  identifier: number;
  name: number;
  fuzzy: number;
  /** With candidates, none accepted: for the review file. */
  toReview: number;
  /** No candidate at all. */
  unmatched: number;
}

/**
 * DuckDB's memory limit for work over a national register (its load, in loaders/load-file.ts, and matching): the
 * benchmark's goal is a peak under 2 GB for the process, node's own heap included, at 5 million rows; past the limit
 * DuckDB spills to the warehouse's temp directory.
 */
export const REGISTER_MEMORY_LIMIT = "1GB";

/** Company statuses of a company that no longer exists (the basic company data holds live companies; a fixture may not). */
const DEAD_COMPANY = "('Dissolved', 'Removed', 'Closed', 'Converted/Closed')";
/** The lowest fuzzy score kept as a candidate (for review); below it a candidate is noise. */
const CANDIDATE_FLOOR = 0.8;

/**
 * Matches each institution's paid suppliers against the loaded register editions (Companies House, the Charity
 * Commission) and rewrites their candidates in `supplier_matches` (what int_supplier_matches reads):
 *   1. identifier: a company or charity number the institution's spend files give (spend_supplier_identifiers, of
 *      current files) or its own register gives (int_supplier_own_facts), joined exactly; accepted when the numbers
 *      name one body (a charity and the company it is count as one);
 *   2. name: the supplier-name key equal to an entry's, accepted when exactly one live body has that key;
 *   3. fuzzy: otherwise, every entry whose name core (core-name.ts) shares a block with the supplier's (its first two
 *      words; coreBlocksSql), scored
 *      (fuzzy-score.ts); accepted when live, at or above MATCH_THRESHOLD, no other body within MATCH_MARGIN, and
 *      the name is not a person's (an initial and a surname: "J SMITH" is not "J SMITH LTD" by its name alone).
 * Up to CANDIDATES_KEPT candidates per supplier, rank 1 the best; only rank 1 is ever accepted. Each institution's
 * rows are its own: matching one never touches another's. Nothing is written when no register is loaded.
 */
export async function matchSuppliers(warehouse: Warehouse, options: MatchOptions = {}): Promise<MatchCounts> {
  return warehouse.withMemoryLimit(REGISTER_MEMORY_LIMIT, () => matchWithin(warehouse, options));
}

async function matchWithin(warehouse: Warehouse, options: MatchOptions): Promise<MatchCounts> {
  const scope = { institution: options.institution ?? null, file: options.fileId ?? null };
  const counts: MatchCounts = { suppliers: 0, identifier: 0, name: 0, fuzzy: 0, toReview: 0, unmatched: 0 };
  const { registers } = await warehouse.one<{ registers: number }>("SELECT count(*)::INTEGER AS registers FROM register_editions");
  if (registers === 0) return counts;
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE match_suppliers AS
     SELECT institution_id, supplier_id, name_key, core, ${coreFirstWordSql("core")} AS first_word, ${coreBlocksSql("core", "supplier")} AS blocks,
            ${personLikeSql("core")} AS person_like
     FROM (SELECT DISTINCT sp.institution_id, sp.supplier_id, s.name_key, ${coreNameSql("s.name_key")} AS core
           FROM current_spend sp JOIN suppliers s USING (supplier_id)
           WHERE NOT s.is_redacted AND s.name_key <> ''
             AND ($institution::VARCHAR IS NULL OR sp.institution_id = $institution) AND ($file::INTEGER IS NULL OR sp.file_id = $file))`,
    scope,
  );
  const clearScope = () => warehouse.run(
    `DELETE FROM supplier_matches m WHERE ($institution::VARCHAR IS NULL OR m.institution_id = $institution)
       AND ($file::INTEGER IS NULL OR EXISTS (SELECT 1 FROM match_suppliers s WHERE s.institution_id = m.institution_id AND s.supplier_id = m.supplier_id))`,
    scope,
  );
  // No supplier to match (a register loaded before any spend): nothing of the register is read.
  if ((await warehouse.one<{ suppliers: number }>("SELECT count(*)::INTEGER AS suppliers FROM match_suppliers")).suppliers === 0) {
    await clearScope();
    await warehouse.run("DROP TABLE match_suppliers");
    return counts;
  }
  // The entries that can meet a supplier: its whole key, or a block it may share (core-name.ts: semi-joins on the
  // register, so that a 5-million-row edition is cored only where it matters).
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE match_entries AS
     WITH keys AS (SELECT DISTINCT name_key FROM match_suppliers)
     SELECT *, ${coreBlocksSql("core", "entry")} AS blocks FROM (
       SELECT 'companies-house' AS register, company_number AS register_id, name_key, ${coreNameSql("name_key")} AS core,
              status NOT IN ${DEAD_COMPANY} AS live, company_number AS body
       FROM companies WHERE name_key IN (SELECT name_key FROM keys) OR ${mayShareBlockSql("name_key", "match_suppliers")}
       UNION ALL
       SELECT 'charity-commission', charity_number, name_key, ${coreNameSql("name_key")}, status = 'Registered', coalesce(company_number, 'charity ' || charity_number)
       FROM charities WHERE name_key IN (SELECT name_key FROM keys) OR ${mayShareBlockSql("name_key", "match_suppliers")}
     )`,
  );
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE match_candidates AS
     WITH ids AS (
       SELECT i.institution_id, i.supplier_id, i.scheme, i.identifier FROM spend_supplier_identifiers i
       JOIN source_files f ON f.file_id = i.file_id AND f.superseded_by IS NULL
       UNION SELECT institution_id, supplier_id, 'GB-COH', company_number FROM int_supplier_own_facts WHERE company_number IS NOT NULL
     )
     SELECT s.institution_id, s.supplier_id, 'companies-house' AS register, c.company_number AS register_id, 'identifier' AS method,
            1.0::DOUBLE AS score, c.status NOT IN ${DEAD_COMPANY} AS live, c.company_number AS body
     FROM match_suppliers s JOIN ids USING (institution_id, supplier_id) JOIN companies c ON ids.scheme = 'GB-COH' AND c.company_number = ids.identifier
     UNION
     SELECT s.institution_id, s.supplier_id, 'charity-commission', ch.charity_number, 'identifier', 1.0, ch.status = 'Registered',
            coalesce(ch.company_number, 'charity ' || ch.charity_number)
     FROM match_suppliers s JOIN ids USING (institution_id, supplier_id) JOIN charities ch ON ids.scheme = 'GB-CHC' AND ch.charity_number = ids.identifier`,
  );
  await warehouse.run(
    `INSERT INTO match_candidates
     SELECT s.institution_id, s.supplier_id, e.register, e.register_id, 'name', 1.0, e.live, e.body
     FROM match_suppliers s JOIN match_entries e ON e.name_key = s.name_key
     WHERE NOT EXISTS (SELECT 1 FROM match_candidates c WHERE c.institution_id = s.institution_id AND c.supplier_id = s.supplier_id)`,
  );
  // Fuzzy only for suppliers with no identifier and no live entry of their exact key.
  await warehouse.run(
    `INSERT INTO match_candidates
     SELECT institution_id, supplier_id, register, register_id, 'fuzzy', score, live, body FROM (
       SELECT s.institution_id, s.supplier_id, e.register, e.register_id, e.live, e.body, ${fuzzyScoreSql("s.core", "e.core")} AS score
       FROM (SELECT *, unnest(blocks) AS block FROM match_suppliers) s
       JOIN (SELECT *, unnest(blocks) AS block FROM match_entries) e ON e.block = s.block AND e.name_key <> s.name_key
       WHERE s.first_word <> '' AND NOT EXISTS (
         SELECT 1 FROM match_candidates c WHERE c.institution_id = s.institution_id AND c.supplier_id = s.supplier_id AND (c.method = 'identifier' OR c.live))
     )
     WHERE score >= ${CANDIDATE_FLOOR}
     QUALIFY row_number() OVER (PARTITION BY institution_id, supplier_id ORDER BY score DESC, register, register_id) <= ${CANDIDATES_KEPT * 2}`,
  );
  await clearScope();
  // Rank: identifier, then exact name, then fuzzy; live before dead; by score; a charity before the company it is.
  await warehouse.run(
    `INSERT INTO supplier_matches (institution_id, supplier_id, register, register_id, method, score, rank, accepted, edition)
     WITH ranked AS (
       SELECT *, row_number() OVER (PARTITION BY institution_id, supplier_id
                   ORDER BY CASE method WHEN 'identifier' THEN 0 WHEN 'name' THEN 1 ELSE 2 END, live DESC, score DESC, register, register_id) AS rank
       FROM match_candidates
     ), best AS (SELECT * FROM ranked WHERE rank = 1),
     judged AS (
       SELECT b.institution_id, b.supplier_id,
              CASE b.method
                WHEN 'identifier' THEN count(DISTINCT r.body) FILTER (r.method = 'identifier') = 1
                WHEN 'name' THEN b.live AND count(DISTINCT r.body) FILTER (r.method = 'name' AND r.live) = 1
                ELSE b.live AND b.score >= ${options.threshold ?? MATCH_THRESHOLD} AND NOT any_value(s.person_like)
                     AND coalesce(max(r.score) FILTER (r.body <> b.body), 0) < b.score - ${MATCH_MARGIN}
              END AS accepted
       FROM best b JOIN ranked r USING (institution_id, supplier_id) JOIN match_suppliers s USING (institution_id, supplier_id)
       GROUP BY b.institution_id, b.supplier_id, b.method, b.live, b.score
     )
     SELECT r.institution_id, r.supplier_id, r.register, r.register_id, r.method, r.score, r.rank::INTEGER,
            r.rank = 1 AND coalesce(j.accepted, false), e.edition
     FROM ranked r JOIN judged j USING (institution_id, supplier_id)
     JOIN (SELECT register, max(edition) AS edition FROM register_editions GROUP BY register) e ON e.register = r.register
     WHERE r.rank <= ${CANDIDATES_KEPT}`,
  );
  const tally = await warehouse.one<{ suppliers: number; identifier: number; name: number; fuzzy: number; review: number }>(
    `SELECT (SELECT count(*) FROM match_suppliers)::INTEGER AS suppliers,
            count(*) FILTER (m.accepted AND m.method = 'identifier')::INTEGER AS identifier,
            count(*) FILTER (m.accepted AND m.method = 'name')::INTEGER AS name,
            count(*) FILTER (m.accepted AND m.method = 'fuzzy')::INTEGER AS fuzzy,
            count(*) FILTER (m.rank = 1 AND NOT m.accepted)::INTEGER AS review
     FROM supplier_matches m JOIN match_suppliers s USING (institution_id, supplier_id)`,
  );
  for (const table of ["match_suppliers", "match_entries", "match_candidates"]) await warehouse.run(`DROP TABLE ${table}`);
  const matched = tally.identifier + tally.name + tally.fuzzy;
  return { suppliers: tally.suppliers, identifier: tally.identifier, name: tally.name, fuzzy: tally.fuzzy, toReview: tally.review, unmatched: tally.suppliers - matched - tally.review };
}
