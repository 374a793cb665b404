import type { Warehouse } from "../src/warehouse.js";
import { POSTCODE_COLUMN_FOR_KIND, type DefinitionKind } from "../geo/local-definition.js";

/**
 * Recomputes `supplier_locality`: every supplier against every definition, classified once per supplier
 * (never per spend row). A supplier with no postcode, or one the loaded directory does not know, is
 * `unlocated` with its reason — never silently non-local.
 */
export async function refreshSupplierLocality(warehouse: Warehouse): Promise<number> {
  await warehouse.run("DELETE FROM supplier_locality");
  const kinds = await warehouse.all<{ kind: DefinitionKind }>("SELECT DISTINCT kind FROM local_definitions");
  for (const { kind } of kinds) {
    await warehouse.run(
      `INSERT INTO supplier_locality
       SELECT s.supplier_id, d.definition_id, d.version,
              CASE WHEN s.is_redacted OR s.postcode IS NULL OR p.postcode IS NULL THEN 'unlocated'
                   WHEN list_contains(d.codes, ${POSTCODE_COLUMN_FOR_KIND[kind]}) THEN 'local'
                   ELSE 'non_local' END,
              CASE WHEN s.is_redacted THEN 'redacted payee: no address is published'
                   WHEN s.postcode IS NULL THEN 'no postcode in the supplier register'
                   WHEN p.postcode IS NULL THEN 'postcode not in the loaded postcode directory'
                   WHEN p.terminated THEN 'postcode terminated: located by its last known position'
                   ELSE 'postcode in the loaded directory' END
       FROM suppliers s
       CROSS JOIN (SELECT * FROM local_definitions WHERE kind = ?) d
       LEFT JOIN postcodes p ON p.postcode = s.postcode`,
      [kind],
    );
  }
  const { total } = await warehouse.one<{ total: number }>("SELECT count(*) AS total FROM supplier_locality");
  return Number(total);
}
