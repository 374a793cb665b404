import { compileStoredDefinitions, locatedPoint } from "./refresh-locality.js";
import { resolvePostcodes } from "./locate-postcodes.js";
import { RETURNS_IN_CONTEXT, scopeParameter, type SocialValueScope } from "./social-value-context.js";
import type { Warehouse } from "../warehouse/warehouse.js";

/**
 * Social value figures from supplier returns: committed against delivered, proxy values, where outcomes were
 * delivered, and the engagement log. Quantities of different measures are never added together: every
 * figure is per measure (and unit), within whatever it is grouped by.
 */

export interface PriorityWithMeasures {
  code: string;
  name: string;
  businessPriority: string;
  theme: string | null;
  measures: { code: string; name: string; unit: string; direction: "higher" | "lower" }[];
}

/** An institution's current priorities framework, in its order, with each priority's measures. */
export async function prioritiesFramework(warehouse: Warehouse, institutionId: string): Promise<{ name: string; minimumWeightingPercent: number; priorities: PriorityWithMeasures[] } | null> {
  const framework = await warehouse.all<{ name: string; minimum_weighting_percent: number }>(
    "SELECT name, minimum_weighting_percent FROM sv_frameworks WHERE superseded_by IS NULL AND institution_id = ?", [institutionId]);
  if (!framework[0]) return null;
  const priorities = await warehouse.all<{ priority_code: string; name: string; business_priority: string; theme: string | null }>(
    "SELECT priority_code, name, business_priority, theme FROM sv_priorities WHERE superseded_by IS NULL AND institution_id = ? ORDER BY position", [institutionId]);
  const measures = await warehouse.all<{ priority_code: string; measure_code: string; name: string; unit: string; direction: "higher" | "lower" }>(
    "SELECT priority_code, measure_code, name, unit, direction FROM sv_measures WHERE superseded_by IS NULL AND institution_id = ? ORDER BY measure_code", [institutionId]);
  return {
    name: framework[0].name,
    minimumWeightingPercent: Number(framework[0].minimum_weighting_percent),
    priorities: priorities.map((priority) => ({
      code: priority.priority_code, name: priority.name, businessPriority: priority.business_priority, theme: priority.theme,
      measures: measures.filter((m) => m.priority_code === priority.priority_code).map((m) => ({ code: m.measure_code, name: m.name, unit: m.unit, direction: m.direction })),
    })),
  };
}

export type DeliveryDimension = "priority" | "measure" | "contract" | "supplier" | "period";

export interface DeliveryRow {
  institutionId: string | null;
  /** The priority code, measure code, contract id, supplier id or period label; null for a measure in no framework. */
  key: string | null;
  label: string | null;
  measureCode: string;
  measureName: string | null;
  unit: string | null;
  direction: string | null;
  /** Sums over current return rows; a blank quantity counts as 0. */
  committed: number;
  delivered: number;
  /** delivered / committed; null when nothing was committed. */
  deliveryRate: number | null;
  returnRows: number;
}

const GROUP_BY: Record<DeliveryDimension, { key: string; label: string }> = {
  priority: { key: "priority_code", label: "priority_name" },
  measure: { key: "measure_code", label: "measure_name" },
  contract: { key: "contract_id", label: "contract_title" },
  supplier: { key: "supplier_id", label: "supplier_name" },
  period: { key: "period_label", label: "period_label" },
};

/** Committed against delivered, per measure, grouped by priority, measure, contract, supplier or period. */
export async function committedVsDelivered(warehouse: Warehouse, by: DeliveryDimension, scope: SocialValueScope = {}): Promise<DeliveryRow[]> {
  const { key, label } = GROUP_BY[by];
  const rows = await warehouse.all<Record<string, string | number | null>>(
    `WITH ${RETURNS_IN_CONTEXT}
     SELECT institution_id, ${key} AS key, any_value(${label}) AS label, measure_code, any_value(measure_name) AS measure_name,
            any_value(unit) AS unit, any_value(direction) AS direction,
            sum(coalesce(committed, 0)) AS committed, sum(coalesce(delivered, 0)) AS delivered, count(*) AS return_rows
     FROM returns_in_context
     GROUP BY institution_id, ${key}, measure_code
     ORDER BY institution_id, ${by === "period" ? "min(period_start)" : "key"} NULLS LAST, measure_code`,
    scopeParameter(scope),
  );
  return rows.map((row) => {
    const committed = Number(row.committed);
    const delivered = Number(row.delivered);
    return {
      institutionId: row.institution_id as string | null, key: row.key as string | null, label: row.label as string | null,
      measureCode: String(row.measure_code), measureName: row.measure_name as string | null, unit: row.unit as string | null,
      direction: row.direction as string | null, committed, delivered,
      deliveryRate: committed > 0 ? delivered / committed : null, returnRows: Number(row.return_rows),
    };
  });
}

/**
 * Each priority's delivery rate: the unweighted mean, over its measures with something committed, of
 * delivered / committed (measures in different units cannot be summed; each counts once).
 */
export async function priorityDeliveryRates(warehouse: Warehouse, scope: SocialValueScope = {}): Promise<{
  institutionId: string | null; priorityCode: string | null; name: string | null; measures: number; meanDeliveryRate: number | null;
}[]> {
  const rows = await committedVsDelivered(warehouse, "priority", scope);
  const groups = new Map<string, DeliveryRow[]>();
  for (const row of rows) groups.set(`${row.institutionId}\u0000${row.key}`, [...(groups.get(`${row.institutionId}\u0000${row.key}`) ?? []), row]);
  return [...groups.values()].map((measures) => {
    const rates = measures.flatMap((m) => (m.deliveryRate === null ? [] : [m.deliveryRate]));
    return {
      institutionId: measures[0]!.institutionId, priorityCode: measures[0]!.key, name: measures[0]!.label, measures: measures.length,
      meanDeliveryRate: rates.length === 0 ? null : rates.reduce((sum, rate) => sum + rate, 0) / rates.length,
    };
  });
}

export const PROXY_VALUE_CAVEAT =
  "Proxy values are estimates of the value to society of a unit of outcome, taken from the cited source for the year given. " +
  "They are not cash, not a saving to the institution, and not comparable with spend; values from different sources and years are " +
  "not strictly comparable with each other; the total covers only the measures that have a cited proxy value, and counts what " +
  "suppliers report as delivered, which the institution may not have verified.";

/**
 * Each measure's committed and delivered sums over the returns in context, with the proxy value that applies to
 * it where one with a cited source is loaded: a proxy-value table's value before the framework's, an
 * institution's own before one loaded for all. (Needs RETURNS_IN_CONTEXT before it.)
 */
export const MEASURES_WITH_PROXY = `
  measure_sums AS (
    SELECT institution_id, measure_code, any_value(measure_name) AS measure_name, any_value(unit) AS unit, any_value(direction) AS direction,
           sum(coalesce(committed, 0)) AS committed, sum(coalesce(delivered, 0)) AS delivered
    FROM returns_in_context GROUP BY institution_id, measure_code
  ),
  measures_ranked AS (
    SELECT d.*, pv.value_per_unit, pv.source, pv.year, pv.origin,
           row_number() OVER (PARTITION BY d.institution_id, d.measure_code
                              ORDER BY pv.origin = 'table' DESC, pv.institution_id IS NOT NULL DESC, pv.file_id DESC) AS rank
    FROM measure_sums d
    LEFT JOIN sv_proxy_values pv ON pv.superseded_by IS NULL AND pv.measure_code = d.measure_code
      AND (pv.institution_id = d.institution_id OR pv.institution_id IS NULL)
  ),
  measures_with_proxy AS (SELECT * EXCLUDE (rank, direction) FROM measures_ranked WHERE rank = 1)`;

export interface ProxyValueRow {
  institutionId: string | null;
  measureCode: string;
  measureName: string | null;
  unit: string | null;
  delivered: number;
  valuePerUnit: number | null;
  source: string | null;
  year: number | null;
  /** "table" (a proxy-value table the user loaded) or "framework" (priorities.json); null without a proxy value. */
  origin: "table" | "framework" | null;
  /** delivered × value per unit, in £; null without a proxy value. */
  proxyValue: number | null;
}

/**
 * Delivered quantities valued at each measure's proxy value, where one with a cited source is loaded: a
 * proxy-value table's value before the framework's, an institution's own before one loaded for all.
 */
export async function proxyValues(warehouse: Warehouse, scope: SocialValueScope = {}): Promise<{ rows: ProxyValueRow[]; totalProxyValue: number; caveat: string }> {
  const rows = await warehouse.all<Record<string, string | number | null>>(
    `WITH ${RETURNS_IN_CONTEXT}, ${MEASURES_WITH_PROXY}
     SELECT * EXCLUDE (committed) FROM measures_with_proxy ORDER BY institution_id, measure_code`,
    scopeParameter(scope),
  );
  const result = rows.map((row): ProxyValueRow => {
    const delivered = Number(row.delivered);
    const valuePerUnit = row.value_per_unit === null ? null : Number(row.value_per_unit);
    return {
      institutionId: row.institution_id as string | null, measureCode: String(row.measure_code), measureName: row.measure_name as string | null,
      unit: row.unit as string | null, delivered, valuePerUnit, source: row.source as string | null,
      year: row.year === null ? null : Number(row.year), origin: row.origin as ProxyValueRow["origin"],
      proxyValue: valuePerUnit === null ? null : delivered * valuePerUnit,
    };
  });
  return { rows: result, totalProxyValue: result.reduce((sum, row) => sum + (row.proxyValue ?? 0), 0), caveat: PROXY_VALUE_CAVEAT };
}

export interface LocalDeliveryRow {
  institutionId: string | null;
  definitionId: string;
  version: number;
  measureCode: string;
  measureName: string | null;
  unit: string | null;
  delivered: number;
  /** Delivered where the delivery postcode is local under the definition. */
  local: number;
  nonLocal: number;
  /** Delivered with no delivery postcode, or one the loaded reference cannot place. */
  unplaced: number;
  /** Delivered in LSOAs of IoD 2025 IMD decile ≤ the threshold (1 = most deprived 10%); independent of the definition. */
  inMostDeprived: number;
  /** Delivered where the deprivation decile is known (a unit postcode with its LSOA). */
  decileKnown: number;
}

/**
 * Outcomes delivered locally, under every loaded definition of local that applies to the institution (its own
 * and those loaded for all), by delivery postcode; and in the most deprived deciles (IoD 2025 IMD decile, by the
 * postcode's 2021 LSOA, ≤ `mostDeprivedDecile`).
 */
export async function deliveredLocally(
  warehouse: Warehouse,
  scope: SocialValueScope & { mostDeprivedDecile?: number } = {},
): Promise<{ rows: LocalDeliveryRow[]; byDecile: { institutionId: string | null; measureCode: string; decile: number | null; delivered: number }[] }> {
  const threshold = scope.mostDeprivedDecile ?? 2;
  const returns = await warehouse.all<{ institution_id: string | null; measure_code: string; measure_name: string | null; unit: string | null; delivered: number; delivery_postcode: string | null }>(
    `WITH ${RETURNS_IN_CONTEXT}
     SELECT institution_id, measure_code, measure_name, unit, delivered, delivery_postcode FROM returns_in_context
     WHERE coalesce(delivered, 0) > 0 ORDER BY institution_id, measure_code`,
    scopeParameter(scope),
  );
  const postcodes = [...new Set(returns.flatMap((row) => (row.delivery_postcode ? [row.delivery_postcode] : [])))];
  const located = new Map((await resolvePostcodes(warehouse, postcodes)).map((row) => [row.postcode_as_given, row]));
  const definitions = await compileStoredDefinitions(warehouse);
  const rows = new Map<string, LocalDeliveryRow>();
  const deciles = new Map<string, { institutionId: string | null; measureCode: string; decile: number | null; delivered: number }>();
  for (const row of returns) {
    const delivered = Number(row.delivered);
    const place = row.delivery_postcode ? located.get(row.delivery_postcode) : undefined;
    const point = place && place.precision !== "none" ? locatedPoint(place) : null;
    const decile = point && place?.iod2025_decile != null ? Number(place.iod2025_decile) : null;
    const decileKey = `${row.institution_id}\u0000${row.measure_code}\u0000${decile}`;
    const decileRow = deciles.get(decileKey) ?? { institutionId: row.institution_id, measureCode: row.measure_code, decile, delivered: 0 };
    decileRow.delivered += delivered;
    deciles.set(decileKey, decileRow);
    for (const definition of definitions) {
      // An institution's own definition, or a shared one it holds none of the same id and version of.
      if (definition.owner !== null ? definition.owner !== row.institution_id
        : row.institution_id !== null && definitions.some((own) => own.owner === row.institution_id && own.id === definition.id && own.version === definition.version)) continue;
      const key = `${row.institution_id}\u0000${definition.id}\u0000${definition.version}\u0000${row.measure_code}`;
      const total = rows.get(key) ?? {
        institutionId: row.institution_id, definitionId: definition.id, version: definition.version, measureCode: row.measure_code,
        measureName: row.measure_name, unit: row.unit, delivered: 0, local: 0, nonLocal: 0, unplaced: 0, inMostDeprived: 0, decileKnown: 0,
      };
      total.delivered += delivered;
      if (!point) total.unplaced += delivered;
      else if (definition.isLocal(point)) total.local += delivered;
      else total.nonLocal += delivered;
      if (decile !== null) {
        total.decileKnown += delivered;
        if (decile <= threshold) total.inMostDeprived += delivered;
      }
      rows.set(key, total);
    }
  }
  return { rows: [...rows.values()], byDecile: [...deciles.values()].sort((a, b) => a.measureCode.localeCompare(b.measureCode) || (a.decile ?? 99) - (b.decile ?? 99)) };
}

export interface EngagementTotals {
  events: number;
  attendees: number;
  serviceUsers: number;
  localSuppliers: number;
}

/** The engagement log summed by kind, by priority served and by contract served (an event serving two counts for each). */
export async function engagementSummary(warehouse: Warehouse, scope: SocialValueScope = {}): Promise<{
  byKind: (EngagementTotals & { kind: string })[];
  byPriority: (EngagementTotals & { priorityCode: string })[];
  byContract: (EngagementTotals & { contractId: string })[];
}> {
  const totals = "count(*) AS events, sum(attendees) AS attendees, sum(coalesce(service_users, 0)) AS service_users, sum(coalesce(local_suppliers, 0)) AS local_suppliers";
  const current = "SELECT * FROM sv_engagement WHERE superseded_by IS NULL AND ($institution IS NULL OR institution_id = $institution)";
  const read = async (select: string) => (await warehouse.all<Record<string, string | number>>(select, scopeParameter(scope))).map((row) => ({
    key: String(row.key), events: Number(row.events), attendees: Number(row.attendees), serviceUsers: Number(row.service_users), localSuppliers: Number(row.local_suppliers),
  }));
  const byKind = await read(`SELECT kind AS key, ${totals} FROM (${current}) GROUP BY kind ORDER BY kind`);
  const byPriority = await read(`SELECT key, ${totals} FROM (SELECT *, unnest(priority_codes) AS key FROM (${current})) GROUP BY key ORDER BY key`);
  const byContract = await read(`SELECT key, ${totals} FROM (SELECT *, unnest(contract_ids) AS key FROM (${current})) GROUP BY key ORDER BY key`);
  return {
    byKind: byKind.map(({ key, ...rest }) => ({ kind: key, ...rest })),
    byPriority: byPriority.map(({ key, ...rest }) => ({ priorityCode: key, ...rest })),
    byContract: byContract.map(({ key, ...rest }) => ({ contractId: key, ...rest })),
  };
}
