/**
 * How published output (the site's page data, the exports) names a supplier: a redacted payee by a label, a payee
 * that looks like a private individual (src/core/individual-name.ts) by another when its institution withholds
 * them (institution.json `"withholdIndividuals": true`), any other by its name. The warehouse keeps every name;
 * `report` (internal) shows them.
 */
export const WITHHELD_INDIVIDUAL = "Individual (withheld)";

/** SQL: true when the name (SQL) looks like an individual's and the institution (SQL) withholds individuals. */
export function withheldIndividual(name: string, institution: string): string {
  return `(looks_like_individual(${name}) AND coalesce((SELECT i.withhold_individuals FROM institutions i WHERE i.institution_id = ${institution}), false))`;
}

/** SQL: a name as published for the institution: the withheld label instead of a withheld individual's name. */
export function publishedName(name: string, institution: string): string {
  return `CASE WHEN ${withheldIndividual(name, institution)} THEN '${WITHHELD_INDIVIDUAL}' ELSE ${name} END`;
}

/** SQL: the published name of `supplier` (a suppliers row alias) for the institution (SQL). */
export function publishedSupplierName(supplier: string, institution: string, redactedLabel = "Redacted payee"): string {
  return `CASE WHEN ${supplier}.is_redacted THEN '${redactedLabel}' ELSE ${publishedName(`${supplier}.name`, institution)} END`;
}
