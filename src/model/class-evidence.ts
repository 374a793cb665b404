import type { Warehouse } from "../warehouse/warehouse.js";

/**
 * Where a supplier's SME or VCSE class comes from (int_supplier_facts' sme_evidence, vcse_evidence), strongest
 * first: the institution's register said so; inferred from the matched Companies House or Charity Commission entry;
 * inferred from the name only (never counted in a figure); unknown.
 */
export const EVIDENCE_LEVELS = ["register", "companies-house", "charity-commission", "name", "unknown"] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** The levels as SQL VALUES rows (level, position): constants, never input. */
const LEVEL_ROWS = EVIDENCE_LEVELS.map((level, index) => `('${level}', ${index})`).join(", ");

export interface EvidenceShare {
  institution: string;
  /** Which class. */
  class: "sme" | "vcse";
  evidence: EvidenceLevel;
  suppliers: number;
  /** Spend with suppliers whose class has this evidence (pounds, a double). */
  spend: number;
  /** Of it, spend with suppliers of the class (SME, or VCSE) by this evidence; for 'name', inferred and not counted. */
  classSpend: number;
  /** spend and classSpend as shares of the institution's current spend (0 when it has none). */
  share: number;
  classShare: number;
}

/**
 * Each institution's current spend by the evidence of its suppliers' SME and VCSE classes: one row per institution,
 * class and evidence level (every level, zero when none), so that no inferred class is shown as fact. A supplier no
 * register, match or name speaks for is 'unknown'.
 */
export async function classEvidence(warehouse: Warehouse): Promise<EvidenceShare[]> {
  const rows = await warehouse.all<{ institution: string; class: "sme" | "vcse"; evidence: string; suppliers: number; spend: number; class_spend: number; total: number }>(
    `WITH paid AS (
       SELECT institution_id, supplier_id, sum(amount) AS spend FROM current_spend GROUP BY ALL
     ), classed AS (
       SELECT p.institution_id, p.spend, c.class,
              CASE c.class WHEN 'sme' THEN coalesce(f.sme_evidence, 'unknown') ELSE coalesce(f.vcse_evidence, 'unknown') END AS evidence,
              coalesce(CASE c.class WHEN 'sme' THEN f.is_sme ELSE f.is_vcse END, false) AS in_class
       FROM paid p
       CROSS JOIN (VALUES ('sme'), ('vcse')) c(class)
       LEFT JOIN int_supplier_facts f ON f.institution_id = p.institution_id AND f.supplier_id = p.supplier_id
     ), levels AS (
       SELECT i.institution_id, c.class, e.evidence, e.position
       FROM (SELECT DISTINCT institution_id FROM paid) i
       CROSS JOIN (VALUES ('sme'), ('vcse')) c(class)
       CROSS JOIN (VALUES ${LEVEL_ROWS}) e(evidence, position)
     )
     SELECT l.institution_id AS institution, l.class, l.evidence, count(k.spend)::INTEGER AS suppliers,
            coalesce(sum(k.spend), 0)::DOUBLE AS spend, coalesce(sum(k.spend) FILTER (k.in_class), 0)::DOUBLE AS class_spend,
            (SELECT sum(spend) FROM paid WHERE paid.institution_id = l.institution_id)::DOUBLE AS total
     FROM levels l LEFT JOIN classed k ON k.institution_id = l.institution_id AND k.class = l.class AND k.evidence = l.evidence
     GROUP BY l.institution_id, l.class, l.evidence, l.position ORDER BY institution, l.class, l.position`,
  );
  return rows.map((row) => {
    const total = Number(row.total);
    return {
      institution: row.institution, class: row.class, evidence: row.evidence as EvidenceLevel, suppliers: Number(row.suppliers),
      spend: Number(row.spend), classSpend: Number(row.class_spend),
      share: total === 0 ? 0 : Number(row.spend) / total, classShare: total === 0 ? 0 : Number(row.class_spend) / total,
    };
  });
}
