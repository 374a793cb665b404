import { createHash } from "node:crypto";

/**
 * Every derived view of the warehouse, in layers as dbt projects lay them out, this code's on every open (made
 * again unless every kept one carries this code's mark: viewsMark) and never frozen in a migration (migrations.ts
 * holds tables only):
 *   - staging: one per source table, only what is current (a re-issued file or a later return supersedes);
 *   - intermediate: joins and rules shared by several figures;
 *   - marts: the rows a page or a command reads.
 * A view may read tables and the views of its own or an earlier layer, listed before it.
 * Parameters (an institution, a definition, a period) are never baked in: a query filters a view.
 */
export type ViewLayer = "staging" | "intermediate" | "marts";

export interface View {
  name: string;
  layer: ViewLayer;
  /** What one row is. */
  description: string;
  sql: string;
}

const staging: View[] = [
  {
    name: "current_spend",
    layer: "staging",
    description: "a spend line of a spend file no later file has superseded (loaders/spend/supersede-files.ts)",
    sql: `SELECT s.* FROM spend s
          WHERE s.file_id IN (SELECT file_id FROM source_files WHERE kind = 'spend' AND superseded_by IS NULL)`,
  },
  {
    name: "current_sv_contracts",
    layer: "staging",
    description: "a contract of the contracts register, not superseded by a later register",
    sql: "SELECT * FROM sv_contracts WHERE superseded_by IS NULL",
  },
  {
    name: "current_sv_returns",
    layer: "staging",
    description: "a supplier return row, not superseded by a later return for its contract and period",
    sql: "SELECT * FROM sv_returns WHERE superseded_by IS NULL",
  },
];

const intermediate: View[] = [
  {
    name: "int_spend_by_definition",
    layer: "intermediate",
    description: "a current spend line under one loaded definition of local, with its supplier's class for the line's institution (unlocated when none)",
    sql: `SELECT sp.*, d.definition_id, d.version, coalesce(l.status, 'unlocated') AS status
          FROM current_spend sp
          CROSS JOIN (SELECT DISTINCT definition_id, version FROM local_definitions) d
          LEFT JOIN supplier_locality l
            ON l.institution_id = sp.institution_id AND l.supplier_id = sp.supplier_id
            AND l.definition_id = d.definition_id AND l.version = d.version`,
  },
  {
    // Another institution's register never speaks for an institution: facts are scoped by institution (issue 18.2).
    name: "int_supplier_own_facts",
    layer: "intermediate",
    description: "what an institution's registers say of a supplier (company number, SME, VCSE): its own register's row, "
      + "else a shared (partnership) register's; from_shared says which. Matching reads this (never its own results)",
    sql: `SELECT DISTINCT ON (i.institution_id, f.supplier_id)
                 i.institution_id, f.supplier_id, f.company_number, f.is_sme, f.is_vcse, f.institution_id IS NULL AS from_shared
          FROM institutions i JOIN supplier_facts f ON coalesce(f.institution_id, i.institution_id) = i.institution_id
          ORDER BY i.institution_id, f.supplier_id, f.institution_id NULLS LAST`,
  },
  {
    name: "int_supplier_companies",
    layer: "intermediate",
    description: "the company an institution's supplier is, by identifier only: the company number its register gives "
      + "(int_supplier_facts; normalised when loaded) found in the loaded Companies House edition, with what the register "
      + "says of the company (name, status, category, registered office postcode, SIC codes, accounts category). "
      + "No name matching: a supplier whose register gives no number, or a number not in the edition, has no row",
    sql: `SELECT f.institution_id, f.supplier_id, c.company_number, c.name AS company_name, c.status, c.category,
                 c.postcode AS registered_postcode, c.sic_codes, c.accounts_category, 'identifier' AS method
          FROM int_supplier_own_facts f JOIN companies c ON c.company_number = f.company_number`,
  },
  {
    // Decisions win (loaders/suppliers/load-review-decisions.ts). Each candidate's latest decision counts (file, then
    // row order), so that decisions on several candidates of one supplier, from one file or several, all stand: an
    // accepted candidate is the match (method 'review'; the latest accept when several, unless a later "none of these"),
    // a rejected one is never matched automatically, and "none of these" (register_id NULL) takes every automatic match
    // away until a later accept.
    name: "int_supplier_matches",
    layer: "intermediate",
    description: "the one register entry an institution's supplier is matched to: the analyst's accepted decision, else the "
      + "accepted automatic match no decision rejects (register, id, method identifier | name | fuzzy | review, score)",
    sql: `WITH decisions AS (
            SELECT *, file_id::BIGINT * 4294967296 + row_number AS ordinal FROM supplier_match_decisions
          ), per_candidate AS (
            SELECT DISTINCT ON (institution_id, supplier_id, register, register_id) *
            FROM decisions WHERE register_id IS NOT NULL
            ORDER BY institution_id, supplier_id, register, register_id, ordinal DESC
          ), none_of_these AS (
            SELECT institution_id, supplier_id, max(ordinal) AS ordinal FROM decisions WHERE register_id IS NULL GROUP BY ALL
          ), accepted AS (
            SELECT DISTINCT ON (c.institution_id, c.supplier_id) c.institution_id, c.supplier_id, c.register, c.register_id
            FROM per_candidate c LEFT JOIN none_of_these n ON n.institution_id = c.institution_id AND n.supplier_id = c.supplier_id
            WHERE c.decision = 'accept' AND (n.ordinal IS NULL OR c.ordinal > n.ordinal)
            ORDER BY c.institution_id, c.supplier_id, c.ordinal DESC
          )
          SELECT institution_id, supplier_id, register, register_id, 'review' AS method, 1.0::DOUBLE AS score FROM accepted
          UNION ALL
          SELECT m.institution_id, m.supplier_id, m.register, m.register_id, m.method, m.score
          FROM supplier_matches m
          WHERE m.accepted AND m.rank = 1
            AND NOT EXISTS (SELECT 1 FROM accepted a WHERE a.institution_id = m.institution_id AND a.supplier_id = m.supplier_id)
            AND NOT EXISTS (SELECT 1 FROM none_of_these n WHERE n.institution_id = m.institution_id AND n.supplier_id = m.supplier_id)
            AND NOT EXISTS (SELECT 1 FROM per_candidate c WHERE c.institution_id = m.institution_id AND c.supplier_id = m.supplier_id
                              AND c.register = m.register AND c.register_id = m.register_id AND c.decision = 'reject')`,
  },
  {
    name: "int_supplier_register_facts",
    layer: "intermediate",
    description: "what the register entry an institution's supplier is matched to (int_supplier_matches) gives: the entry's "
      + "postcode and file, the company (matched, or the company a matched charity is: its status, category, SIC codes, "
      + "accounts category) and the charity (matched, or the charity a matched company is: its number, status, latest income); "
      + "SME inferred from Accounts.AccountCategory (micro, small, medium, total-exemption and abridged filings: only small "
      + "and medium companies may file them), VCSE from a registered charity ('charity-commission') or the company category "
      + "(community interest company, charitable incorporated organisation, or limited by guarantee using the 'Limited' "
      + "exemption, which only charitable and like bodies may use: 'companies-house'). Never false: a filing or category "
      + "that says nothing leaves the class unknown",
    sql: `WITH charity_of_company AS (
            SELECT DISTINCT ON (company_number) company_number, charity_number, status, latest_income
            FROM charities WHERE company_number IS NOT NULL ORDER BY company_number, charity_number
          ), facts AS (
            SELECT m.institution_id, m.supplier_id, m.register, m.register_id, m.method, m.score,
                   coalesce(c.postcode, ch.postcode) AS postcode, coalesce(c.file_id, ch.file_id) AS file_id,
                   co.company_number, co.status AS company_status, co.category, co.sic_codes, co.accounts_category,
                   coalesce(ch.charity_number, cc.charity_number) AS charity_number, coalesce(ch.status, cc.status) AS charity_status,
                   coalesce(ch.latest_income, cc.latest_income) AS latest_income
            FROM int_supplier_matches m
            -- Equi-joins on one key each (the register's id, or NULL for the other register): a condition on the match's
            -- register beside the key makes DuckDB compare every match with every company (a nested loop over the edition).
            LEFT JOIN companies c ON c.company_number = CASE WHEN m.register = 'companies-house' THEN m.register_id END
            LEFT JOIN charities ch ON ch.charity_number = CASE WHEN m.register = 'charity-commission' THEN m.register_id END
            LEFT JOIN companies co ON co.company_number = coalesce(c.company_number, ch.company_number)
            LEFT JOIN charity_of_company cc ON cc.company_number = c.company_number
          )
          SELECT *,
                 CASE WHEN accounts_category IN ('MICRO ENTITY', 'SMALL', 'MEDIUM', 'TOTAL EXEMPTION SMALL', 'TOTAL EXEMPTION FULL',
                                                 'UNAUDITED ABRIDGED', 'AUDITED ABRIDGED') THEN true END AS is_sme,
                 CASE WHEN charity_status = 'Registered' THEN 'charity-commission'
                      WHEN category IN ('Community Interest Company', 'Charitable Incorporated Organisation',
                                        'Scottish Charitable Incorporated Organisation')
                        OR category ILIKE '%''Limited'' exemption%' THEN 'companies-house' END AS vcse_evidence
          FROM facts`,
  },
  {
    name: "int_supplier_facts",
    layer: "intermediate",
    description: "an institution's facts of a supplier (company number, SME, VCSE) with where each class comes from: its "
      + "registers' (int_supplier_own_facts; from_shared says a shared one's) win, else what its matched register entry "
      + "gives (int_supplier_register_facts). sme_evidence and vcse_evidence: 'register' (the institution said so), "
      + "'companies-house' or 'charity-commission' (inferred from the matched entry), 'name' (the name alone suggests a "
      + "VCSE: CHARITY, CHARITABLE, FOUNDATION, VOLUNTARY, HOSPICE, CIC; is_vcse stays NULL: never counted in a figure), "
      + "'unknown'. company_number is the register's only",
    sql: `WITH inferred AS (
            SELECT institution_id, supplier_id, is_sme, CASE WHEN is_sme THEN 'companies-house' END AS sme_evidence,
                   vcse_evidence IS NOT NULL OR NULL AS is_vcse, vcse_evidence
            FROM int_supplier_register_facts
          ), by_name AS (
            SELECT DISTINCT sp.institution_id, sp.supplier_id
            FROM current_spend sp JOIN suppliers s USING (supplier_id)
            WHERE NOT s.is_redacted AND regexp_matches(s.name_key, '\\b(CHARITY|CHARITABLE|FOUNDATION|VOLUNTARY|HOSPICE|CIC|C I C)\\b')
          )
          SELECT institution_id, supplier_id, o.company_number, coalesce(o.is_sme, r.is_sme) AS is_sme,
                 coalesce(o.is_vcse, r.is_vcse) AS is_vcse, coalesce(o.from_shared, false) AS from_shared,
                 CASE WHEN o.is_sme IS NOT NULL THEN 'register' WHEN r.is_sme IS NOT NULL THEN r.sme_evidence ELSE 'unknown' END AS sme_evidence,
                 CASE WHEN o.is_vcse IS NOT NULL THEN 'register' WHEN r.is_vcse IS NOT NULL THEN r.vcse_evidence
                      WHEN n.supplier_id IS NOT NULL THEN 'name' ELSE 'unknown' END AS vcse_evidence
          FROM int_supplier_own_facts o
          FULL OUTER JOIN inferred r USING (institution_id, supplier_id)
          FULL OUTER JOIN by_name n USING (institution_id, supplier_id)`,
  },
  {
    name: "int_supplier_locations",
    layer: "intermediate",
    description: "a location an institution has for a supplier (basis, postcode as given, source file, source): its own register's "
      + "for a supplier it lists, else a shared register's (its own register wins whole) (source 'register'); a supplier no "
      + "register places: its matched register entry's postcode, basis registered (source 'companies-house' or 'charity-commission')",
    sql: `WITH registered AS (
            SELECT i.institution_id, sl.supplier_id, sl.basis, sl.postcode_as_given, sl.file_id, 'register' AS source
            FROM institutions i JOIN supplier_locations sl ON coalesce(sl.institution_id, i.institution_id) = i.institution_id
            WHERE sl.institution_id IS NOT NULL
               OR NOT EXISTS (SELECT 1 FROM supplier_facts own WHERE own.institution_id = i.institution_id AND own.supplier_id = sl.supplier_id)
          )
          SELECT * FROM registered
          UNION ALL
          SELECT r.institution_id, r.supplier_id, 'registered', r.postcode, r.file_id, r.register
          FROM int_supplier_register_facts r
          WHERE r.postcode IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM registered g WHERE g.institution_id = r.institution_id AND g.supplier_id = r.supplier_id)`,
  },
  {
    // Exact keys by an equi-join; the few prefix keys (HMRC's) tried on every supplier apart.
    name: "int_supplier_public_bodies",
    layer: "intermediate",
    description: "a supplier whose name names a public body (public_bodies, filled from shipped reference by every load): its kind, "
      + "how it was recognised (ods-code, authority-code, name-rule), the code and the reference's name; its name's key exactly, else a prefix key",
    sql: `SELECT DISTINCT ON (supplier_id) supplier_id, kind, recognised_by, code, reference_name
          FROM (
            SELECT s.supplier_id, p.*, 0 AS preference FROM suppliers s JOIN public_bodies p ON p.name_key = s.name_key AND NOT p.prefix
            UNION ALL
            SELECT s.supplier_id, p.*, 1 AS preference FROM suppliers s JOIN (SELECT * FROM public_bodies WHERE prefix) p
              ON starts_with(s.name_key, p.name_key || ' ')
          )
          WHERE supplier_id <> 'redacted'
          ORDER BY supplier_id, preference, length(name_key) DESC`,
  },
  {
    name: "int_supplier_flags",
    layer: "intermediate",
    description: "a supplier an institution pays, with that institution's SME and VCSE flags (int_supplier_facts) and whether "
      + "its registered address lies in one of England's 20% most deprived areas (IoD 2025 IMD deciles 1–2 of its 2021 LSOA), "
      + "and whether it is a public body (int_supplier_public_bodies)",
    sql: `SELECT p.institution_id, p.supplier_id, f.is_sme, f.is_vcse, d.deprived, pb.supplier_id IS NOT NULL AS is_public_body
          FROM (SELECT DISTINCT institution_id, supplier_id FROM current_spend) p
          LEFT JOIN int_supplier_facts f ON f.institution_id = p.institution_id AND f.supplier_id = p.supplier_id
          LEFT JOIN int_supplier_public_bodies pb ON pb.supplier_id = p.supplier_id
          LEFT JOIN (
            SELECT sl.institution_id, sl.supplier_id, bool_or(lp.iod2025_decile <= 2) AS deprived
            FROM int_supplier_locations sl JOIN located_postcodes lp ON lp.postcode_as_given = sl.postcode_as_given
            WHERE sl.basis = 'registered' GROUP BY ALL
          ) d ON d.institution_id = p.institution_id AND d.supplier_id = p.supplier_id`,
  },
  {
    // Unknown contracts and measures are kept (contract_known false, measure_name null): the checks report them.
    name: "int_returns_in_context",
    layer: "intermediate",
    description: "a current return row with its contract (same id, and the same institution when the returns file belongs to one), "
      + "its institution (the file's, else the contract's), the measure and priority of that institution's current framework, and its file",
    sql: `SELECT r.file_id, r.row_number, f.path, coalesce(r.institution_id, c.institution_id) AS institution_id,
                 r.contract_id, c.contract_id IS NOT NULL AS contract_known, c.title AS contract_title,
                 coalesce(c.supplier_id, r.supplier_id) AS supplier_id, coalesce(c.supplier_name, r.supplier_name) AS supplier_name,
                 r.period_label, r.period_start, r.period_end, r.measure_code, m.name AS measure_name, m.unit, m.direction,
                 m.priority_code, p.name AS priority_name, r.committed, r.delivered, r.delivery_postcode, r.evidence_reference
          FROM current_sv_returns r
          JOIN source_files f ON f.file_id = r.file_id
          LEFT JOIN current_sv_contracts c ON c.contract_id = r.contract_id AND (r.institution_id IS NULL OR c.institution_id = r.institution_id)
          LEFT JOIN sv_measures m ON m.superseded_by IS NULL AND m.measure_code = r.measure_code
            AND m.institution_id = coalesce(r.institution_id, c.institution_id)
          LEFT JOIN sv_priorities p ON p.superseded_by IS NULL AND p.institution_id = m.institution_id AND p.priority_code = m.priority_code`,
  },
  {
    name: "int_contracts_in_context",
    layer: "intermediate",
    description: "a current contract with its file, its institution's kind and its institution's current framework settings",
    sql: `SELECT c.*, c.value::DOUBLE AS value_pounds, f.path, i.kind AS institution_kind,
                 fw.minimum_weighting_percent, fw.reporting_frequency AS framework_frequency, fw.staff_cost_share AS framework_staff_cost_share
          FROM current_sv_contracts c
          JOIN source_files f ON f.file_id = c.file_id
          LEFT JOIN institutions i ON i.institution_id = c.institution_id
          LEFT JOIN sv_frameworks fw ON fw.superseded_by IS NULL AND fw.institution_id = c.institution_id`,
  },
  {
    // Identifier first, then name (loaders/notices): a notice's GB-COH number finds the register row of the same
    // number; a supplier's name key is the supplier id spend is kept under.
    name: "int_contract_suppliers",
    layer: "intermediate",
    description: "a supplier of a current contract (every supplier a notice's award lists; a register's contract has its one) with the supplier "
      + "its spend is kept under: the institution's register row of the same company number when exactly one has it, else the supplier of "
      + "the same name; linked_by says which",
    sql: `SELECT c.institution_id, c.contract_id, coalesce(s.position, 1) AS position, coalesce(s.supplier_name, c.supplier_name) AS supplier_name,
                 s.company_number, s.postcode, s.is_sme, s.is_vcse, s.file_id IS NOT NULL AS from_notice,
                 coalesce(by_number.supplier_id, s.supplier_id, c.supplier_id) AS spend_supplier_id,
                 CASE WHEN by_number.supplier_id IS NOT NULL THEN 'identifier' ELSE 'name' END AS linked_by
          FROM current_sv_contracts c
          LEFT JOIN sv_contract_suppliers s ON s.file_id = c.file_id AND s.row_number = c.row_number AND s.contract_id = c.contract_id
          LEFT JOIN (SELECT institution_id, company_number, min(supplier_id) AS supplier_id FROM int_supplier_facts
                     WHERE company_number IS NOT NULL GROUP BY ALL HAVING count(DISTINCT supplier_id) = 1) by_number
            ON by_number.institution_id = c.institution_id AND by_number.company_number = s.company_number`,
  },
];

const marts: View[] = [
  {
    name: "mart_spend_by_month",
    layer: "marts",
    description: "current spend of one institution to one supplier in one month and category (exact pounds, DECIMAL), and its "
      + "payment lines (a supplier's total for a month, from a file with no date column, is spend but no payment line)",
    sql: `SELECT institution_id AS institution, supplier_id AS supplier, strftime(payment_date, '%Y-%m') AS month,
                 coalesce(expense_type, 'Not stated') AS category, sum(amount) AS spend, count(*) FILTER (NOT is_period_total)::INTEGER AS lines
          FROM current_spend GROUP BY ALL`,
  },
  {
    // An institution with no definition of local keeps one row per supplier-month with no definition (status NULL):
    // its spend, SME, VCSE and deprived-area figures stand, and the pages name its local figures as missing.
    name: "mart_spend_figure_inputs",
    layer: "marts",
    description: "current spend of one institution to one supplier in one month (exact pounds) and its lines, under each definition "
      + "of local that applies to the institution (its own and shared ones), with the supplier's class and flags and whether the definition "
      + "leaves public bodies out of influenceable spend: what every spend figure sums",
    sql: `WITH supplier_months AS (
            SELECT institution, supplier, month, sum(spend) AS amount, sum(lines) AS lines FROM mart_spend_by_month GROUP BY ALL
          ), applicable AS (
            SELECT DISTINCT i.institution, d.definition_id, d.version, d.excludes_public_bodies
            FROM (SELECT DISTINCT institution FROM supplier_months) i
            LEFT JOIN local_definitions d ON d.institution_id IS NULL OR d.institution_id = i.institution
          )
          SELECT sm.institution, a.definition_id, a.version, sm.supplier, sm.month, sm.amount, sm.lines,
                 CASE WHEN a.definition_id IS NOT NULL THEN coalesce(l.status, 'unlocated') END AS status,
                 f.is_sme, f.is_vcse, f.deprived, f.is_public_body, coalesce(a.excludes_public_bodies, false) AS excludes_public_bodies
          FROM supplier_months sm
          JOIN applicable a USING (institution)
          LEFT JOIN supplier_locality l ON l.institution_id = sm.institution AND l.supplier_id = sm.supplier
            AND l.definition_id = a.definition_id AND l.version = a.version
          LEFT JOIN int_supplier_flags f ON f.institution_id = sm.institution AND f.supplier_id = sm.supplier`,
  },
  {
    // A supplier paid under two contracts at once has those payments under each: the page says so.
    name: "mart_contract_spend",
    layer: "marts",
    description: "a current contract with its value and the institution's current spend to its suppliers (int_contract_suppliers) "
      + "dated within the contract's start and end: spend to date, as far as spend is loaded",
    sql: `WITH linked AS (SELECT DISTINCT institution_id, contract_id, spend_supplier_id FROM int_contract_suppliers)
          SELECT c.institution_id, c.contract_id, c.value, c.start_date, c.end_date,
                 coalesce(sum(sp.amount), 0)::DECIMAL(18, 2) AS spend_to_date, count(sp.amount) FILTER (NOT sp.is_period_total)::INTEGER AS payment_lines,
                 max(sp.payment_date) AS last_payment_date
          FROM current_sv_contracts c
          LEFT JOIN linked l ON l.institution_id = c.institution_id AND l.contract_id = c.contract_id
          LEFT JOIN current_spend sp ON sp.institution_id = c.institution_id AND sp.supplier_id = l.spend_supplier_id
            AND sp.payment_date BETWEEN c.start_date AND c.end_date
          GROUP BY c.institution_id, c.contract_id, c.value, c.start_date, c.end_date`,
  },
];

/** Every view, in the order they are created (each after the views it reads). */
export const views: readonly View[] = [...staging, ...intermediate, ...marts];

interface Runner {
  run(sql: string): Promise<void>;
}

/**
 * What the kept views were made from: a hash of every view's statement, in order, and of the DuckDB library that
 * made them. A warehouse opened for writing keeps it as each view's comment; one whose views all carry this
 * code's mark keeps them as they are (nothing is written), any other has them dropped and made again, so that an
 * upgraded anchor-spend, or DuckDB, gets its own views (Warehouse.openForWriting).
 */
export function viewsMark(duckdbVersion: string): string {
  const hash = createHash("sha256").update(duckdbVersion);
  for (const view of views) hash.update(`\0${view.name}\0${view.sql}`);
  return `anchor-spend views ${hash.digest("hex").slice(0, 32)}`;
}

/**
 * Creates every view. A warehouse opened for writing keeps them (so that the DuckDB CLI sees them), each with
 * `mark` (viewsMark) as its comment; one opened read-only gets them as temporary views, which take precedence
 * over any older ones kept in the file.
 */
export async function createViews(warehouse: Runner, options: { temporary: true } | { temporary: false; mark: string }): Promise<void> {
  const kind = options.temporary ? "TEMP VIEW" : "VIEW";
  for (const view of views) {
    await warehouse.run(`CREATE OR REPLACE ${kind} ${view.name} AS ${view.sql}`);
    if (!options.temporary) await warehouse.run(`COMMENT ON VIEW ${view.name} IS '${options.mark.replaceAll("'", "''")}'`);
  }
}

/**
 * The kept views' names and comments (their mark), as DuckDB lists them (dropped before migrating: a view may
 * read a table a migration alters).
 */
export const KEPT_VIEWS = "SELECT view_name AS name, comment FROM duckdb_views() WHERE NOT internal AND NOT temporary AND schema_name = 'main' AND database_name = current_database()";
