import { createHash, randomBytes } from "node:crypto";
import { loadReport, quarantineByReason } from "../../model/load-report.js";
import { compareDefinitions, resolveScope, suppliersChangingClass } from "../../model/metrics.js";
import { spendPeriods } from "../../model/spend-figures.js";
import { classEvidence } from "../../model/class-evidence.js";
import { supplierCoverage } from "../../model/supplier-coverage.js";
import type { Warehouse } from "../../warehouse/warehouse.js";
import { PUBLISHED_POINT } from "./published-location.js";
import { publishedSupplierName, withheldIndividual } from "../../model/published-supplier.js";
import { areaMaps } from "./area-maps.js";
import { publicBodySpend } from "../../model/public-body-spend.js";

/**
 * A supplier as the snapshots name it: one institution's view of it (its class, flags and location are that
 * institution's facts), so the same supplier paid by two institutions is two entries.
 */
export function snapshotSupplierId(institution = "institution_id", supplier = "supplier_id"): string {
  return `(${institution} || '/' || substr(md5(${supplier} || '${ID_SALT}'), 1, 12))`;
}

/** The same id, for rows read with the institution and the supplier apart. */
export function snapshotSupplierKey(institution: string, supplier: string): string {
  return `${institution}/${createHash("md5").update(supplier + ID_SALT).digest("hex").slice(0, 12)}`;
}

/**
 * The published id is a salted hash of the warehouse's supplier id, the salt new in every process (one build):
 * a supplier id is a hash of the name's key, so a withheld individual's name could be found from it by trying
 * names; from a salted one it cannot. Ids agree within one build, which is all the pages need.
 */
const ID_SALT = randomBytes(12).toString("hex");

// The small JSON snapshots the site's pages read. Pages never see the warehouse: only these aggregates
// (redacted payees appear only as "Redacted payee").

/** Spend by how its supplier was placed under the headline definition: precision, terminated postcodes, reasons. */
async function spendByPlacement(warehouse: Warehouse) {
  const scope = await resolveScope(warehouse);
  const rows = await warehouse.all<{ precision: string; terminated: boolean | null; placement: string; suppliers: number; spend: number }>(
    `SELECT coalesce(l.precision, 'none') AS precision, bool_or(lp.terminated) AS terminated,
            -- Reasons in words only: postcodes are partner-level data and never reach the published site.
            CASE WHEN l.status <> 'unlocated' THEN lp.reason
                 WHEN l.reason_code IN ('redacted-payee', 'no-postcode') THEN l.reason
                 ELSE 'its postcode could not be placed in the loaded reference' END AS placement,
            count(DISTINCT sp.supplier_id) AS suppliers, sum(sp.amount)::DOUBLE AS spend
     FROM current_spend sp
     LEFT JOIN supplier_locality l ON l.institution_id = sp.institution_id AND l.supplier_id = sp.supplier_id AND l.definition_id = ? AND l.version = ?
     LEFT JOIN located_postcodes lp ON lp.postcode_as_given = l.postcode
     WHERE sp.institution_id = ? GROUP BY ALL ORDER BY spend DESC`,
    [scope.definition.id, scope.definition.version, scope.institution.id],
  );
  return { definition: scope.definition, rows: rows.map((row) => ({ ...row, suppliers: row.suppliers, spend: row.spend })) };
}

export async function dataQualitySnapshot(warehouse: Warehouse) {
  const { version } = await warehouse.one<{ version: number }>("SELECT max(version) AS version FROM schema_version");
  return {
    schemaVersion: version,
    placement: await spendByPlacement(warehouse),
    files: await loadReport(warehouse),
    quarantine: await quarantineByReason(warehouse),
    // Each institution's spend by the source that places its supplier, and SME/VCSE spend by the evidence of the class.
    coverage: await supplierCoverage(warehouse),
    classEvidence: await classEvidence(warehouse),
  };
}

export async function methodologySnapshot(warehouse: Warehouse) {
  const definitions = await warehouse.all(
    `SELECT definition_id AS id, version, name, kind, basis, codes, description, is_headline AS headline,
            coalesce(institution_id, 'shared') AS institution, coalesce(excludes_public_bodies, false) AS "excludesPublicBodies"
     FROM local_definitions ORDER BY is_headline DESC, definition_id, version`,
  );
  const institutions = await warehouse.all(`SELECT institution_id AS id, name, kind, is_demo AS "isDemo", note FROM institutions ORDER BY id`);
  // Suppliers an analyst placed by accepting a register match (suppliers review --accept), per institution.
  const placedByReview = (await supplierCoverage(warehouse)).map((entry) => {
    const review = entry.sources.find((source) => source.source === "review")!;
    return { institution: entry.institution, name: entry.name, suppliers: review.suppliers, spend: review.spend, share: review.share };
  });
  // Spend with public bodies, and the local share of influenceable spend beside the local share (public-body-spend.ts).
  return { definitions, institutions, placedByReview, publicBodies: await publicBodySpend(warehouse) };
}

/**
 * The "what counts as local" page: every definition side by side, the suppliers that change class between
 * the headline definition and each other one, and supplier locations for the map (supplierPoints: the largest
 * suppliers one by one, the rest summed by place and class) with maps of the headline definition's area
 * (area-maps.ts).
 */
export async function localDefinitionsSnapshot(warehouse: Warehouse, pointsListed = SUPPLIER_POINTS_LISTED) {
  const scope = await resolveScope(warehouse);
  const compared = await compareDefinitions(warehouse, scope);
  const changes: Record<string, Awaited<ReturnType<typeof suppliersChangingClass>>> = {};
  for (const { definition } of compared) {
    if (definition.id !== scope.definition.id) changes[definition.id] = (await suppliersChangingClass(warehouse, scope, definition)).slice(0, 40);
  }
  const locations = await supplierPoints(warehouse, scope, pointsListed);
  return { scope, compared, changes, locations, areas: await areaMaps(warehouse, scope.definition, locations) };
}

/** Suppliers the map and table of "What counts as local" show one by one: the largest this many (the rest summed by point and class). */
export const SUPPLIER_POINTS_LISTED = 500;

/**
 * A point of the supplier map: one supplier (`grouped` false), or the suppliers past the largest listed summed at
 * one place in one class (`grouped` true, `supplier` saying how many, `precision` null).
 */
export type SupplierPoint = {
  supplier: string; latitude: number; longitude: number; shownAt: string; spend: number; status: string; precision: string | null;
  suppliers: number; grouped: boolean;
};

/**
 * The suppliers paid in the scope's period, each at its sector's or district's centroid, never its postcode's own
 * position (published-location.ts); redacted payees and withheld individuals never appear. The largest
 * `listed` by spend are points of their own; the others are summed into one point per place (a centroid) and
 * class, named by how many they are, so the data grows with the places, not the suppliers. Spend is summed
 * per supplier first (one pass over the period's lines), then placed.
 */
export async function supplierPoints(warehouse: Warehouse, scope: Awaited<ReturnType<typeof resolveScope>>, listed: number): Promise<SupplierPoint[]> {
  return warehouse.all<SupplierPoint>(
    `WITH paid AS (
       SELECT supplier_id, sum(amount) AS spend FROM current_spend
       WHERE institution_id = $institution AND payment_date BETWEEN $from::DATE AND $to::DATE GROUP BY supplier_id
     ), shown AS (
       SELECT s.name AS supplier, ${PUBLISHED_POINT.latitude} AS latitude, ${PUBLISHED_POINT.longitude} AS longitude, ${PUBLISHED_POINT.area} AS "shownAt",
              sum(paid.spend) AS spend, l.status, l.precision
       FROM paid
       JOIN suppliers s USING (supplier_id)
       JOIN supplier_locality l ON l.institution_id = $institution AND l.supplier_id = s.supplier_id AND l.definition_id = $definition AND l.version = $version
       JOIN located_postcodes lp ON lp.postcode_as_given = l.postcode
       ${PUBLISHED_POINT.joins}
       WHERE NOT s.is_redacted AND NOT ${withheldIndividual("s.name", "$institution")} AND ${PUBLISHED_POINT.area} IS NOT NULL
       GROUP BY ALL
     ), ranked AS (SELECT *, row_number() OVER (ORDER BY spend DESC, supplier) AS place FROM shown)
     SELECT supplier, latitude, longitude, "shownAt", spend::DOUBLE AS spend, status, precision, 1 AS suppliers, false AS grouped
     FROM ranked WHERE place <= $listed
     UNION ALL
     SELECT count(*) || CASE WHEN count(*) = 1 THEN ' other supplier' ELSE ' other suppliers' END AS supplier, latitude, longitude, "shownAt",
            sum(spend)::DOUBLE AS spend, status, NULL AS precision, count(*)::INTEGER AS suppliers, true AS grouped
     FROM ranked WHERE place > $listed GROUP BY latitude, longitude, "shownAt", status
     ORDER BY spend DESC, supplier`,
    { institution: scope.institution.id, definition: scope.definition.id, version: scope.definition.version, from: scope.period.from, to: scope.period.to, listed },
  );
}

/**
 * A supplier as the pages see it, for one institution (id: snapshotSupplierId): its name (never a redacted
 * payee's), that institution's flags, and its class under every definition that institution sees.
 */
export interface SnapshotSupplier {
  id: string;
  name: string;
  sme: boolean | null;
  vcse: boolean | null;
  deprived: boolean | null;
  status: Record<string, string>;
}

/** The institutions with current spend, the definitions, and the suppliers paid: what every spend snapshot carries. */
export async function spendSnapshotParts(warehouse: Warehouse) {
  const institutions = await warehouse.all<{ id: string; name: string; isDemo: boolean; note: string | null }>(
    `SELECT institution_id AS id, name, is_demo AS "isDemo", note FROM institutions
     WHERE institution_id IN (SELECT institution_id FROM current_spend) ORDER BY institution_id`,
  );
  const definitions = await warehouse.all<{ key: string; id: string; version: number; name: string; kind: string; basis: string; institution: string | null; headline: boolean; excludesPublicBodies: boolean }>(
    `SELECT definition_id || ' v' || version AS key, definition_id AS id, version, name, kind, basis, institution_id AS institution, is_headline AS headline,
            coalesce(excludes_public_bodies, false) AS "excludesPublicBodies"
     FROM local_definitions ORDER BY is_headline DESC, definition_id, version`,
  );
  const suppliers = await warehouse.all<Omit<SnapshotSupplier, "status"> & { status: unknown }>(
    `WITH status AS (
       SELECT institution_id, supplier_id, map_from_entries(list((definition_id || ' v' || version, status))) AS status
       FROM supplier_locality GROUP BY ALL
     )
     SELECT ${snapshotSupplierId("f.institution_id", "f.supplier_id")} AS id,
            ${publishedSupplierName("s", "f.institution_id")} AS name,
            f.is_sme AS sme, f.is_vcse AS vcse, f.deprived, st.status
     FROM int_supplier_flags f JOIN suppliers s ON s.supplier_id = f.supplier_id
     LEFT JOIN status st ON st.institution_id = f.institution_id AND st.supplier_id = f.supplier_id
     ORDER BY id`,
  );
  return {
    institutions,
    periods: await spendPeriods(warehouse),
    definitions: definitions.map((d) => ({ ...d, version: d.version })),
    suppliers: suppliers.map((supplier): SnapshotSupplier => ({
      ...supplier,
      status: Object.fromEntries((supplier.status as { key: string; value: string }[] | null ?? []).map(({ key, value }) => [key, value])),
    })),
  };
}

/**
 * Spend facts for the pages' own filtering (institution, period, definition): one row per institution,
 * supplier, month and category, with each supplier's attributes and its class under every definition.
 * Redacted payees appear as one supplier, "Redacted payee", with no location.
 */
export async function spendFactsSnapshot(warehouse: Warehouse) {
  const parts = await spendSnapshotParts(warehouse);
  const facts = await warehouse.all<{ institution: string; supplier: string; month: string; category: string; spend: number; lines: number }>(
    `SELECT institution, ${snapshotSupplierId("institution", "supplier")} AS supplier, month, category, spend::DOUBLE AS spend, lines
     FROM mart_spend_by_month ORDER BY institution, supplier, month, category`,
  );
  return { ...parts, facts: facts.map((f) => ({ ...f, lines: f.lines })) };
}
