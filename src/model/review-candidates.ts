import { withheldIndividual } from "./published-supplier.js";

/**
 * The review file, `suppliers-to-review.csv`: one row per candidate register entry of each institution's supplier that
 * automatic matching left without an accepted match, with the supplier's spend, for an analyst to decide. Written by
 * src/share/write-review-file.ts (named src/core/config.ts reviewFileName), read back by loaders/suppliers/load-review-decisions.ts: both by these headings.
 */
/** The first line of the file: who it is for, and how to fill it in. */
export const REVIEW_FILE_NOTE = "INTERNAL: for analysts only, never to be published (it names every payee it lists). "
  + "Fill in Decision: accept (at most one candidate per supplier), reject, or none (none of these candidates); leave it "
  + "blank to decide later. Load it back with: anchor-spend suppliers review --accept FILE";

/** The headings, as written and as read back (by name, in any order; case and spaces aside). */
export const REVIEW_HEADINGS = {
  institution: "Institution",
  supplierId: "Supplier id",
  supplier: "Supplier",
  spend: "Spend (£)",
  lines: "Lines",
  firstPayment: "First payment",
  lastPayment: "Last payment",
  rank: "Rank",
  register: "Register",
  registerId: "Register id",
  registeredName: "Registered name",
  status: "Status",
  registeredPostcode: "Registered postcode",
  score: "Score",
  method: "Method",
  decision: "Decision",
} as const;

const h = REVIEW_HEADINGS;

/**
 * SQL: the review file's rows. Left out: suppliers with a match (automatic or accepted), suppliers an analyst said
 * "none of these" of, candidates an analyst rejected, redacted payees, and payees an institution withholds as
 * individuals (the file is internal, but what an institution withholds is never matched by name to a register).
 * Parameter $institution: one institution, or NULL for every one.
 */
export const REVIEW_CANDIDATES_SQL = `
  WITH paid AS (
    SELECT institution_id, supplier_id, sum(amount) AS spend, count(*) FILTER (NOT is_period_total) AS lines,
           min(payment_date) AS first_payment, max(payment_date) AS last_payment
    FROM current_spend WHERE $institution::VARCHAR IS NULL OR institution_id = $institution::VARCHAR GROUP BY ALL
  ), decided AS (
    SELECT DISTINCT ON (institution_id, supplier_id, register, register_id) institution_id, supplier_id, register, register_id, decision
    FROM supplier_match_decisions ORDER BY institution_id, supplier_id, register, register_id, file_id DESC, row_number DESC
  )
  SELECT m.institution_id AS "${h.institution}", m.supplier_id AS "${h.supplierId}", s.name AS "${h.supplier}",
         p.spend AS "${h.spend}", p.lines AS "${h.lines}", p.first_payment AS "${h.firstPayment}", p.last_payment AS "${h.lastPayment}",
         m.rank AS "${h.rank}", m.register AS "${h.register}", m.register_id AS "${h.registerId}",
         coalesce(c.name, ch.name) AS "${h.registeredName}", coalesce(c.status, ch.status) AS "${h.status}",
         coalesce(c.postcode, ch.postcode) AS "${h.registeredPostcode}", round(m.score, 3) AS "${h.score}", m.method AS "${h.method}",
         NULL AS "${h.decision}"
  FROM supplier_matches m
  JOIN paid p ON p.institution_id = m.institution_id AND p.supplier_id = m.supplier_id
  JOIN suppliers s ON s.supplier_id = m.supplier_id
  -- One key per join (views.ts, int_supplier_register_facts: a register condition beside it makes a nested loop)
  LEFT JOIN companies c ON c.company_number = CASE WHEN m.register = 'companies-house' THEN m.register_id END
  LEFT JOIN charities ch ON ch.charity_number = CASE WHEN m.register = 'charity-commission' THEN m.register_id END
  WHERE NOT s.is_redacted AND NOT ${withheldIndividual("s.name", "m.institution_id")}
    AND NOT EXISTS (SELECT 1 FROM int_supplier_matches x WHERE x.institution_id = m.institution_id AND x.supplier_id = m.supplier_id)
    AND NOT EXISTS (SELECT 1 FROM supplier_match_decisions n WHERE n.institution_id = m.institution_id AND n.supplier_id = m.supplier_id
                      AND n.register_id IS NULL)
    AND NOT EXISTS (SELECT 1 FROM decided d WHERE d.institution_id = m.institution_id AND d.supplier_id = m.supplier_id
                      AND d.register = m.register AND d.register_id = m.register_id AND d.decision = 'reject')
  ORDER BY m.institution_id, p.spend DESC, m.supplier_id, m.rank, m.register, m.register_id`;
