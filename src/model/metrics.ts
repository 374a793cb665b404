import { publishedSupplierName } from "./published-supplier.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { figureColumns } from "./spend-figures.js";

/**
 * Every published figure is computed here, in SQL, for one scope: an institution, a definition of local
 * (id, version, address basis) and a period. Figures carry their scope so that the site can name it.
 */
export interface Scope {
  institution: { id: string; name: string; isDemo: boolean; note: string | null };
  definition: { id: string; version: number; name: string; kind: string; basis: string; codes: string[]; description: string };
  period: { from: string; to: string };
}

/** Picks the scope: the given or first institution, its headline definition, and the whole period of its spend. */
export async function resolveScope(
  warehouse: Warehouse,
  choice: { institutionId?: string; definitionId?: string } = {},
): Promise<Scope> {
  const institutions = await warehouse.all<{ institution_id: string; name: string; is_demo: boolean; note: string | null }>(
    // Institutions with a definition of local that applies to them first: the default scope must have one.
    `SELECT institution_id, name, is_demo, note FROM institutions i
     WHERE institution_id IN (SELECT DISTINCT institution_id FROM current_spend)
     ORDER BY EXISTS (SELECT 1 FROM local_definitions d WHERE d.institution_id IS NULL OR d.institution_id = i.institution_id) DESC, institution_id`,
  );
  const institution = choice.institutionId ? institutions.find((i) => i.institution_id === choice.institutionId) : institutions[0];
  if (!institution) throw new Error(choice.institutionId ? `no spend loaded for institution ${choice.institutionId}` : "no spend loaded yet");
  const definitions = await warehouse.all<Scope["definition"] & { version: number }>(
    `SELECT definition_id AS id, version, name, kind, basis, codes, description FROM local_definitions
     WHERE institution_id IS NULL OR institution_id = $institution
     ORDER BY (definition_id = $wanted) DESC, is_headline DESC, institution_id NULLS LAST, definition_id, version DESC`,
    { institution: institution.institution_id, wanted: choice.definitionId ?? "" },
  );
  const definition = definitions[0];
  if (!definition || (choice.definitionId && definition.id !== choice.definitionId)) {
    throw new Error(choice.definitionId ? `no definition ${choice.definitionId} for ${institution.institution_id}` : `no definition of local loaded for ${institution.institution_id}`);
  }
  const period = await warehouse.one<{ from: string; to: string }>(
    `SELECT min(payment_date)::VARCHAR AS "from", max(payment_date)::VARCHAR AS "to" FROM current_spend WHERE institution_id = ?`,
    [institution.institution_id],
  );
  return {
    institution: { id: institution.institution_id, name: institution.name, isDemo: institution.is_demo, note: institution.note },
    definition: { ...definition, version: definition.version },
    period,
  };
}

/** The scope's institution and period as named parameters. */
function periodParams(scope: Scope) {
  return { institution: scope.institution.id, from: scope.period.from, to: scope.period.to };
}

export interface Headline {
  totalSpend: number;
  localSpend: number;
  nonLocalSpend: number;
  unlocatedSpend: number;
  /** local / total: unlocated spend stays in the denominator and is reported beside it. */
  localShare: number | null;
  unlocatedShare: number | null;
  smeSpend: number;
  vcseSpend: number;
  /** Spend with suppliers registered in the 20% most deprived areas. */
  deprivedSpend: number;
  /** Spend with public bodies (NHS bodies, councils, HMRC: int_supplier_public_bodies), whatever the definition. */
  publicBodiesSpend: number;
  /** All spend but that with public bodies, when the definition leaves them out (excludePublicBodies); else null. */
  influenceableSpend: number | null;
  /** Local spend with suppliers that are not public bodies ÷ influenceable spend, when the definition leaves them out; else null. */
  localInfluenceableShare: number | null;
  /** Payment lines (a supplier's month total from a file with no date column is spend, not a payment line). */
  lines: number;
  /** Lines of one invoice (same transaction number, supplier and date) count as one payment; a supplier's month total (a file with no date column) counts as none. */
  payments: number;
  suppliers: number;
  /** Suppliers paid in the period that are local under the definition. */
  localSuppliers: number;
}

export async function headline(warehouse: Warehouse, scope: Scope): Promise<Headline> {
  return (await headlines(warehouse, scope, [scope.definition]))[0]!;
}

/** The scope's lines (institution and period) summed by supplier: what the per-supplier figures read, one pass over the lines. */
const SCOPED_SUPPLIERS = `
  scoped_lines AS (
    SELECT supplier_id, amount, is_period_total, transaction_number, file_id, row_number, payment_date FROM current_spend
    WHERE institution_id = $institution AND payment_date BETWEEN $from::DATE AND $to::DATE
  ),
  scoped_suppliers AS (
    SELECT supplier_id, sum(amount) AS amount, sum(CASE WHEN is_period_total THEN 0 ELSE 1 END) AS lines FROM scoped_lines GROUP BY supplier_id
  )`;

/**
 * The headline figures of the scope's institution and period under each of `definitions`, in their order, from
 * one query: the lines are summed by supplier once, then each supplier takes its class under each definition
 * (unlocated when it has none) and its flags. Payments do not depend on the definition and are counted once.
 */
export async function headlines(warehouse: Warehouse, scope: Scope, definitions: readonly { id: string; version: number }[]): Promise<Headline[]> {
  if (definitions.length === 0) return [];
  const wanted = definitions.map((d, place) => `(${sqlText(d.id)}, ${Number(d.version)}, ${place})`).join(", ");
  const rows = await warehouse.all<Record<string, number | null> & { place: number }>(
    `WITH ${SCOPED_SUPPLIERS},
     payments AS (
       SELECT count(DISTINCT (coalesce(transaction_number, file_id || ':' || row_number), supplier_id, payment_date)) FILTER (NOT is_period_total) AS payments
       FROM scoped_lines
     ),
     wanted(definition_id, version, place) AS (VALUES ${wanted}),
     scoped AS (
       SELECT w.place, b.supplier_id, b.amount, b.lines, coalesce(l.status, 'unlocated') AS status, f.is_sme, f.is_vcse, f.deprived,
              f.is_public_body, w.excludes_public_bodies
       FROM scoped_suppliers b
       JOIN int_supplier_flags f ON f.institution_id = $institution AND f.supplier_id = b.supplier_id
       CROSS JOIN (
         -- Each wanted definition with its excludePublicBodies, as loaded for the institution (or shared).
         SELECT w.*, coalesce((SELECT bool_or(d.excludes_public_bodies) FROM local_definitions d WHERE d.definition_id = w.definition_id
                               AND d.version = w.version AND (d.institution_id IS NULL OR d.institution_id = $institution)), false) AS excludes_public_bodies
         FROM wanted w
       ) w
       LEFT JOIN supplier_locality l ON l.institution_id = $institution AND l.supplier_id = b.supplier_id
         AND l.definition_id = w.definition_id AND l.version = w.version
     )
     SELECT place, ${figureColumns()},
            count(DISTINCT supplier_id) AS suppliers,
            count(DISTINCT supplier_id) FILTER (status = 'local') AS local_suppliers,
            any_value((SELECT payments FROM payments)) AS payments
     FROM scoped GROUP BY place`,
    periodParams(scope),
  );
  const byPlace = new Map(rows.map((row) => [Number(row.place), row]));
  return definitions.map((_, place) => {
    const row: Record<string, number | null> = byPlace.get(place) ?? {};
    const total = Number(row.spend ?? 0);
    return {
      totalSpend: total,
      localSpend: Number(row.local ?? 0),
      nonLocalSpend: Number(row.nonLocal ?? 0),
      unlocatedSpend: Number(row.unlocated ?? 0),
      smeSpend: Number(row.sme ?? 0),
      vcseSpend: Number(row.vcse ?? 0),
      deprivedSpend: Number(row.deprived ?? 0),
      publicBodiesSpend: Number(row.publicBodies ?? 0),
      influenceableSpend: row.influenceable == null ? null : Number(row.influenceable),
      localInfluenceableShare: row.influenceable == null || Number(row.influenceable) === 0 ? null : Number(row.localInfluenceable) / Number(row.influenceable),
      localShare: total === 0 ? null : Number(row.local) / total,
      unlocatedShare: total === 0 ? null : Number(row.unlocated) / total,
      lines: Number(row.lines ?? 0),
      payments: Number(row.payments ?? 0),
      suppliers: Number(row.suppliers ?? 0),
      localSuppliers: Number(row.local_suppliers ?? 0),
    };
  });
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

export type LocalityStatus = "local" | "non_local" | "unlocated";

/** Every definition loaded for the scope's institution (and shared ones), each with its headline figures. */
export async function compareDefinitions(warehouse: Warehouse, scope: Scope): Promise<{ definition: Scope["definition"]; headline: Headline }[]> {
  const ids = await warehouse.all<{ id: string }>(
    `SELECT DISTINCT definition_id AS id, is_headline FROM local_definitions
     WHERE institution_id IS NULL OR institution_id = ? ORDER BY is_headline DESC, id`,
    [scope.institution.id],
  );
  const definitions = [];
  for (const { id } of ids) definitions.push((await resolveScope(warehouse, { institutionId: scope.institution.id, definitionId: id })).definition);
  const figures = await headlines(warehouse, scope, definitions);
  return definitions.map((definition, i) => ({ definition, headline: figures[i]! }));
}

export interface ClassChange {
  supplier: string;
  totalSpend: number;
  statusUnderScope: LocalityStatus;
  statusUnderOther: LocalityStatus;
}

/** Suppliers paid in the scope whose class differs between the scope's definition and another (largest first). */
export async function suppliersChangingClass(warehouse: Warehouse, scope: Scope, other: { id: string; version: number }): Promise<ClassChange[]> {
  const rows = await warehouse.all<Record<string, string | number>>(
    `WITH ${SCOPED_SUPPLIERS}
     SELECT ${publishedSupplierName("s", "$institution")} AS supplier, b.amount::DOUBLE AS total,
            coalesce(h.status, 'unlocated') AS here, coalesce(o.status, 'unlocated') AS there
     FROM scoped_suppliers b JOIN suppliers s USING (supplier_id)
     LEFT JOIN supplier_locality h ON h.institution_id = $institution AND h.supplier_id = b.supplier_id
       AND h.definition_id = $definition AND h.version = $version
     LEFT JOIN supplier_locality o ON o.institution_id = $institution AND o.supplier_id = b.supplier_id
       AND o.definition_id = $other AND o.version = $otherVersion
     WHERE here <> there ORDER BY total DESC, supplier`,
    { ...periodParams(scope), definition: scope.definition.id, version: scope.definition.version, other: other.id, otherVersion: other.version },
  );
  return rows.map((row) => ({
    supplier: String(row.supplier),
    totalSpend: Number(row.total),
    statusUnderScope: row.here as ClassChange["statusUnderScope"],
    statusUnderOther: row.there as ClassChange["statusUnderOther"],
  }));
}
