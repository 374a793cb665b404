import type { Warehouse } from "../../warehouse/warehouse.js";
import { matchSuppliers } from "./match-suppliers.js";

/**
 * Matching as part of a load, inside the file's transaction: a register edition (Companies House, the Charity
 * Commission) rematches every institution's suppliers; an institution's supplier register rematches that
 * institution's (a shared one every institution's); a spend file matches the suppliers it pays, for its
 * institution only. The pairs whose match changed lose their locality, so that the locality refresh that follows
 * classifies them again (and only them, after a spend file). Returns "all" when the refresh must be a full one
 * (a matched entry's postcode not located yet), "matched" when matching ran (and may have taken any pair's
 * class away), null when it did not (no register loaded, or a kind that is never matched): no class was touched.
 * `beforeMatching` runs first when matching runs (the loader's thread setting for it).
 */
export async function matchOnLoad(
  warehouse: Warehouse, kind: string, fileId: number, institution: string | null, beforeMatching?: () => Promise<void>,
): Promise<"all" | "matched" | null> {
  if (kind !== "companies" && kind !== "charities" && kind !== "suppliers" && kind !== "spend") return null;
  const { registers } = await warehouse.one<{ registers: number }>("SELECT count(*)::INTEGER AS registers FROM register_editions");
  if (registers === 0) return null;
  await beforeMatching?.();
  const options = kind === "spend" && institution ? { institution, fileId } : kind === "suppliers" && institution ? { institution } : {};
  await warehouse.run(
    "CREATE OR REPLACE TEMP TABLE matches_before AS SELECT institution_id, supplier_id, register, register_id FROM int_supplier_matches WHERE $institution::VARCHAR IS NULL OR institution_id = $institution",
    { institution: options.institution ?? null },
  );
  await matchSuppliers(warehouse, options);
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE matches_changed AS
     SELECT institution_id, supplier_id FROM (
       SELECT * FROM matches_before
       EXCEPT SELECT institution_id, supplier_id, register, register_id FROM int_supplier_matches
       UNION ALL
       (SELECT institution_id, supplier_id, register, register_id FROM int_supplier_matches WHERE $institution::VARCHAR IS NULL OR institution_id = $institution
        EXCEPT SELECT * FROM matches_before))
     GROUP BY ALL`,
    { institution: options.institution ?? null },
  );
  await warehouse.run(
    `DELETE FROM supplier_locality l WHERE EXISTS (SELECT 1 FROM matches_changed c WHERE c.institution_id = l.institution_id AND c.supplier_id = l.supplier_id)`,
  );
  const { unlocated } = await warehouse.one<{ unlocated: number }>(
    `SELECT count(*)::INTEGER AS unlocated FROM int_supplier_locations sl JOIN matches_changed USING (institution_id, supplier_id)
     WHERE NOT EXISTS (SELECT 1 FROM located_postcodes lp WHERE lp.postcode_as_given = sl.postcode_as_given)`,
  );
  for (const table of ["matches_before", "matches_changed"]) await warehouse.run(`DROP TABLE ${table}`);
  return unlocated > 0 ? "all" : "matched";
}
