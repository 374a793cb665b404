import type { Warehouse } from "../warehouse/warehouse.js";

/** An institution with spend loaded and no definition of local that applies to it (its own or a shared one). */
export type InstitutionWithoutDefinition = {
  id: string;
  name: string;
};

/**
 * The institutions holding current spend that no definition of local applies to: their local share cannot be
 * worked out. `load` warns of them in words, and `build` refuses in words when every institution is one.
 */
export async function institutionsWithoutDefinition(warehouse: Warehouse): Promise<InstitutionWithoutDefinition[]> {
  return warehouse.all<InstitutionWithoutDefinition>(
    `SELECT institution_id AS id, name FROM institutions i
     WHERE institution_id IN (SELECT institution_id FROM current_spend)
       AND NOT EXISTS (SELECT 1 FROM local_definitions d WHERE d.institution_id IS NULL OR d.institution_id = i.institution_id)
     ORDER BY institution_id`,
  );
}

/** What to do about them, in one sentence. */
export function withoutDefinitionAdvice(institutions: readonly InstitutionWithoutDefinition[]): string {
  const names = institutions.map((i) => `${i.name} (${i.id})`).join(", ");
  return `no definition of local is loaded for ${names}, so no local share can be worked out for ${institutions.length === 1 ? "it" : "them"}. `
    + "Put one in a definitions/ folder beside its institution.json (see data/demo/definitions/), or a shared one beside a partnership.json, and load again.";
}
