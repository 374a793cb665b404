/**
 * Supplier returns in context (the view int_returns_in_context, src/warehouse/views.ts), for $institution (an
 * institution id, or NULL for all), as a WITH clause: returns_in_context.
 */
export const RETURNS_IN_CONTEXT = `
  returns_in_context AS (SELECT * FROM int_returns_in_context WHERE $institution IS NULL OR institution_id = $institution)`;

/** Current contracts in context (the view int_contracts_in_context) for $institution, as a WITH clause: contracts_in_context. */
export const CONTRACTS_IN_CONTEXT = `
  contracts_in_context AS (SELECT * FROM int_contracts_in_context WHERE $institution IS NULL OR institution_id = $institution)`;

/** Options every social value figure takes: one institution, or all. */
export interface SocialValueScope {
  institutionId?: string | null;
}

export function scopeParameter(scope: SocialValueScope): { institution: string | null } {
  return { institution: scope.institutionId ?? null };
}
