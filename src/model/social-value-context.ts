/**
 * Supplier returns in context, as every social value figure and check reads them: each current return row
 * (not superseded by a later return for its contract and period) with its contract (same id, and the same
 * institution when the returns file belongs to one), the institution (the file's, else the contract's), the
 * measure and priority from that institution's current framework, and the file and row it came from.
 * Unknown contracts and measures are kept (contract_known false, measure_name null): the checks report them.
 *
 * Parameters: $institution (an institution id, or NULL for all).
 */
export const RETURNS_IN_CONTEXT = `
  returns_in_context AS (
    SELECT r.file_id, r.row_number, f.path, coalesce(r.institution_id, c.institution_id) AS institution_id,
           r.contract_id, c.contract_id IS NOT NULL AS contract_known, c.title AS contract_title,
           coalesce(c.supplier_id, r.supplier_id) AS supplier_id, coalesce(c.supplier_name, r.supplier_name) AS supplier_name,
           r.period_label, r.period_start, r.period_end, r.measure_code, m.name AS measure_name, m.unit, m.direction,
           m.priority_code, p.name AS priority_name, r.committed, r.delivered, r.delivery_postcode, r.evidence_reference
    FROM current_sv_returns r
    JOIN source_files f ON f.file_id = r.file_id
    LEFT JOIN current_sv_contracts c ON c.contract_id = r.contract_id AND (r.institution_id IS NULL OR c.institution_id = r.institution_id)
    LEFT JOIN sv_measures m ON m.superseded_by IS NULL AND m.measure_code = r.measure_code
      AND m.institution_id = coalesce(r.institution_id, c.institution_id)
    LEFT JOIN sv_priorities p ON p.superseded_by IS NULL AND p.institution_id = m.institution_id AND p.priority_code = m.priority_code
    WHERE $institution IS NULL OR coalesce(r.institution_id, c.institution_id) = $institution
  )`;

/** Current contracts with the file they came from, their institution's kind and current framework settings. */
export const CONTRACTS_IN_CONTEXT = `
  contracts_in_context AS (
    SELECT c.*, c.value::DOUBLE AS value_pounds, f.path, i.kind AS institution_kind,
           fw.minimum_weighting_percent, fw.reporting_frequency AS framework_frequency, fw.staff_cost_share AS framework_staff_cost_share
    FROM current_sv_contracts c
    JOIN source_files f ON f.file_id = c.file_id
    LEFT JOIN institutions i ON i.institution_id = c.institution_id
    LEFT JOIN sv_frameworks fw ON fw.superseded_by IS NULL AND fw.institution_id = c.institution_id
    WHERE $institution IS NULL OR c.institution_id = $institution
  )`;

/** Options every social value figure takes: one institution, or all. */
export interface SocialValueScope {
  institutionId?: string | null;
}

export function scopeParameter(scope: SocialValueScope): { institution: string | null } {
  return { institution: scope.institutionId ?? null };
}
