import { listValue } from "../core/duckdb.js";
import type { Warehouse } from "../warehouse/warehouse.js";
import { compileArea, type DefinitionResources, type LocalTest } from "../../geo/compile-definition.js";
import type { AreaSpec } from "../../geo/definition-spec.js";
import type { LocatedPoint } from "../../geo/located-point.js";
import { preparePolygonArea, type PolygonArea } from "../../geo/polygon-area.js";
import { DEPRIVATION_INDEXES, deprivationColumn } from "../../geo/deprivation-index.js";
import { locateSupplierPostcodes, type LocatedPostcodeRow } from "./locate-postcodes.js";

type StoredDefinition = { definition_id: string; version: number; institution_id: string | null; spec: string };

/** Every area inside an area (itself included): what within, union and intersection hold. */
function partsOf(area: AreaSpec): AreaSpec[] {
  switch (area.kind) {
    case "deprivation": return [area, ...(area.within ? partsOf(area.within) : [])];
    case "union":
    case "intersection": return [area, ...area.of.flatMap(partsOf)];
    default: return [area];
  }
}

/**
 * Each index and domain the definitions read, by LSOA; an index not loaded, or one whose LSOA vintage the
 * postcode directory does not carry, is a reason in words (the definition then cannot be applied).
 */
async function deprivationTables(warehouse: Warehouse, areas: AreaSpec[]): Promise<Map<string, ReadonlyMap<string, number> | string>> {
  const wanted = new Map(areas.flatMap(partsOf).flatMap((part) => (part.kind === "deprivation" ? [[`${part.index} ${part.domain}`, part] as const] : [])));
  const tables = new Map<string, ReadonlyMap<string, number> | string>();
  for (const [key, { index, domain }] of wanted) {
    const { title, lsoaVintage } = DEPRIVATION_INDEXES[index];
    const column = deprivationColumn(domain);
    const rows = await warehouse.all<{ lsoa_code: string; decile: number }>(
      `SELECT lsoa_code, ${column} AS decile FROM deprivation WHERE index_edition = ? AND ${column} IS NOT NULL`, [index]);
    const lsoaColumn = lsoaVintage === 2021 ? "lsoa21_code" : "lsoa11_code";
    const directory = await warehouse.one<{ postcodes: number; with_vintage: number }>(
      `SELECT count(*)::INTEGER AS postcodes, count(${lsoaColumn})::INTEGER AS with_vintage FROM postcodes`);
    if (rows.length === 0) {
      tables.set(key, `no ${title} ${domain === "imd" ? "IMD" : `${domain} domain`} deciles are loaded (load the ${title} file by LSOA ${lsoaVintage}, e.g. File 7 as MHCLG publishes it)`);
    } else if (directory.postcodes > 0 && directory.with_vintage === 0) {
      tables.set(key, `${title} is on ${lsoaVintage} LSOAs and the loaded postcode directory gives no ${lsoaVintage} LSOA: postcodes are never read against an index by another vintage's LSOAs (load a directory with ${lsoaColumn === "lsoa21_code" ? "lsoa21" : "lsoa11"} codes)`);
    } else {
      tables.set(key, new Map(rows.map((row) => [row.lsoa_code, row.decile])));
    }
  }
  return tables;
}

/** Site locations from the directory and polygons from the stored definitions, for compiling areas. */
async function definitionResources(warehouse: Warehouse, areas: AreaSpec[]): Promise<DefinitionResources> {
  const sites = [...new Set(areas.flatMap(partsOf).flatMap((part) => (part.kind === "radius" ? part.sites : [])))];
  const deprivation = await deprivationTables(warehouse, areas);
  const located = sites.length === 0 ? [] : await warehouse.all<{ postcode: string; latitude: number; longitude: number }>(
    `SELECT postcode, latitude, longitude FROM postcodes WHERE postcode IN (SELECT unnest(from_json(?, '["VARCHAR"]')))`,
    [JSON.stringify(sites)],
  );
  const siteLocations = new Map(located.map((row) => [row.postcode, row]));
  const polygons = new Map<unknown, PolygonArea>();
  return {
    siteLocation: (postcode) => siteLocations.get(postcode) ?? null,
    deprivationDeciles: (index, domain) => {
      const table = deprivation.get(`${index} ${domain}`);
      if (typeof table === "string" || table === undefined) throw new Error(table ?? `${index} ${domain} was not prepared`);
      return table;
    },
    polygon: ({ file, geojson }) => {
      let area = polygons.get(geojson);
      if (!area) {
        const prepared = preparePolygonArea(geojson);
        if (!prepared.area) throw new Error(`polygon ${file}: ${prepared.problems.join("; ")}`);
        area = prepared.area;
        polygons.set(geojson, area);
      }
      return area;
    },
  };
}

export interface CompiledDefinition {
  id: string;
  version: number;
  /** The institution whose definition it is (null: shared by every institution). */
  owner: string | null;
  isLocal: LocalTest;
  /** Why the definition cannot be applied in this warehouse (e.g. a radius site not in its directory). */
  problem: string | null;
}

/** Every loaded definition, compiled into a test of a located postcode. */
export async function compileStoredDefinitions(warehouse: Warehouse): Promise<CompiledDefinition[]> {
  const definitions = await warehouse.all<StoredDefinition>(
    "SELECT definition_id, version, institution_id, spec FROM local_definitions ORDER BY is_headline DESC, definition_id, version, institution_id NULLS FIRST",
  );
  const areas = definitions.map((definition) => JSON.parse(definition.spec) as AreaSpec);
  const resources = await definitionResources(warehouse, areas);
  return definitions.map((definition, index) => {
    const compiled = { id: definition.definition_id, version: definition.version, owner: definition.institution_id };
    try {
      return { ...compiled, isLocal: compileArea(areas[index]!, resources), problem: null };
    } catch (error) {
      return { ...compiled, isLocal: () => false, problem: (error as Error).message };
    }
  });
}

/** A located postcode row as the point definitions test. */
export function locatedPoint(row: LocatedPostcodeRow): LocatedPoint {
  return {
    postcode: row.postcode, sector: row.sector, district: row.district, precision: row.precision,
    latitude: Number(row.latitude), longitude: Number(row.longitude),
    ladCode: row.lad_code, icbCode: row.icb_code, lsoa11Code: row.lsoa11_code, lsoa21Code: row.lsoa21_code,
  };
}

/** Classifies every located supplier postcode against every definition, once per postcode (never per spend row). */
async function classifyLocatedPostcodes(warehouse: Warehouse): Promise<CompiledDefinition[]> {
  await warehouse.run("DELETE FROM postcode_locality");
  const definitions = await compileStoredDefinitions(warehouse);
  const rows = await warehouse.all<LocatedPostcodeRow & Record<string, unknown>>("SELECT * FROM located_postcodes WHERE precision <> 'none'");
  const usable = definitions.filter((definition) => definition.problem === null);
  // Each postcode's classes under every definition appended as one row ('1' local, '0' not, a character per definition
  // in turn), and spread over the definitions in SQL: two appended values per postcode, where five per postcode and
  // definition were most of the JavaScript's time (4,796 postcodes under 9 definitions: 33–41 ms against 92, 2026-12-03).
  await warehouse.run("CREATE OR REPLACE TEMP TABLE postcode_classes (postcode_as_given VARCHAR, classes VARCHAR)");
  const classes = await warehouse.connection.createAppender("postcode_classes");
  for (const row of rows) {
    const point = locatedPoint(row);
    classes.appendVarchar(row.postcode_as_given);
    classes.appendVarchar(usable.map((definition) => (definition.isLocal(point) ? "1" : "0")).join(""));
    classes.endRow();
  }
  classes.flushSync();
  classes.closeSync();
  // The definitions in the same order, as lists: the nth character of a postcode's classes is the nth definition's
  // (none usable: no classes, and no list to give DuckDB a type from).
  if (usable.length > 0) await warehouse.run(
    `INSERT INTO postcode_locality (postcode_as_given, definition_id, version, is_local, owner_key)
     SELECT c.postcode_as_given, d.definition_id, d.version, substr(c.classes, d.position::INTEGER, 1) = '1', d.owner_key
     FROM postcode_classes c CROSS JOIN (
       SELECT unnest(?::VARCHAR[]) AS definition_id, unnest(?::INTEGER[]) AS version, unnest(?::VARCHAR[]) AS owner_key,
              unnest(range(1, ?::INTEGER + 1)) AS position) d`,
    [listValue(usable.map((definition) => definition.id)), listValue(usable.map((definition) => definition.version)),
      listValue(usable.map((definition) => definition.owner ?? "")), usable.length],
  );
  await warehouse.run("DROP TABLE postcode_classes");
  return definitions;
}

/**
 * The (institution, supplier) pairs locality is computed for: every supplier an institution pays, contracts
 * with (every supplier a notice's award lists), reports returns from or keeps in its register. A supplier's class belongs to one institution.
 */
const INSTITUTION_SUPPLIER_SOURCES = [
  "SELECT institution_id, supplier_id FROM spend",
  "SELECT institution_id, supplier_id FROM sv_contracts",
  "SELECT institution_id, supplier_id FROM sv_contract_suppliers",
  "SELECT institution_id, supplier_id FROM sv_returns WHERE institution_id IS NOT NULL AND supplier_id IS NOT NULL",
  "SELECT institution_id, supplier_id FROM supplier_facts WHERE institution_id IS NOT NULL",
];
const INSTITUTION_SUPPLIERS = INSTITUTION_SUPPLIER_SOURCES.join("\n  UNION ");

/**
 * Whether a full refresh has anything to work out: a supplier location to place, or a pair to classify (each source
 * asked alone, the commonest first; the pairs' union is never built for it).
 */
async function localityHasWork(warehouse: Warehouse): Promise<boolean> {
  for (const source of ["SELECT 1 FROM supplier_locations", ...INSTITUTION_SUPPLIER_SOURCES, "SELECT 1 FROM int_supplier_locations"]) {
    if ((await warehouse.one<{ found: boolean }>(`SELECT EXISTS (${source}) AS found`)).found) return true;
  }
  return false;
}

/**
 * The pairs of a relation that have no locality yet: a hash anti-join against the classified pairs, each once (where
 * NOT IN made DuckDB loop over every pair, and NOT EXISTS against supplier_locality's row per definition took twice
 * as long: a month's 5,000 suppliers under 9 definitions, 13 ms against 6 on one thread, measured 2026-12-02).
 */
const withoutLocality = (pairs: string) => `
  SELECT * FROM (${pairs}) p
  ANTI JOIN (SELECT DISTINCT institution_id, supplier_id FROM supplier_locality) known USING (institution_id, supplier_id)`;

/** The pairs of one spend file's lines with no locality yet. */
function unclassifiedPairsOfFile(fileId: number): string {
  if (!Number.isInteger(fileId)) throw new Error(`a spend file's id is a whole number, not ${fileId}`);
  return withoutLocality(`SELECT DISTINCT institution_id, supplier_id FROM spend WHERE file_id = ${fileId}`);
}

/** Pairs with no locality yet. */
const UNCLASSIFIED_PAIRS = withoutLocality(INSTITUTION_SUPPLIERS);

/**
 * The definitions each institution sees: its own, and shared ones it holds no definition of the same id and
 * version of. owner_key: the definition's institution, '' when shared (as postcode_locality keys it).
 */
const VISIBLE_DEFINITIONS = `
  SELECT i.institution_id, d.definition_id, d.version, d.basis, coalesce(d.institution_id, '') AS owner_key
  FROM (SELECT DISTINCT institution_id FROM pairs) i
  JOIN local_definitions d ON d.institution_id = i.institution_id
    OR (d.institution_id IS NULL AND NOT EXISTS (
      SELECT 1 FROM local_definitions own
      WHERE own.institution_id = i.institution_id AND own.definition_id = d.definition_id AND own.version = d.version))`;

/**
 * Which suppliers' locality to recompute: every one ("all"), those not yet classified ("new suppliers"), those
 * of one spend file not yet classified ({ spendFile }), or the named (institution, supplier) pairs (an
 * analyst's review decisions placed them).
 */
export type LocalityScope = "all" | "new suppliers" | { spendFile: number } | { suppliers: readonly { institutionId: string; supplierId: string }[] };

const PRECISION_RANK = "CASE lp.precision WHEN 'unit' THEN 1 WHEN 'sector' THEN 2 WHEN 'district' THEN 3 ELSE 4 END";

/**
 * Recomputes locality: resolves supplier postcodes, classifies each against every definition, then each
 * supplier, for each institution, under each definition that institution sees, from the locations its
 * address basis admits (registered, trading, delivery, or any) among what that institution's registers (and
 * shared ones) say. Local when any admitted location is local; unlocated when none can be placed — never
 * silently non-local. Another institution's register never places a supplier.
 *
 * A spend file changes no postcode, location or definition; it only adds suppliers. After one, the scope
 * "new suppliers" classifies just the pairs not yet classified, from the postcodes already classified,
 * so that a month's load does not grow with the history (the outcome is the same as a full refresh's).
 * { spendFile } looks for them among that file's own pairs only (issue 19: not a scan of every file's): every
 * file's transaction ends with its pairs classified, so the only pairs left unclassified from before are those of
 * institutions that see no definition, for which no scope makes a row. The caller uses it when nothing else in the
 * file's transaction took a pair's class away (supplier matching, matchOnLoad, did not run).
 * An analyst's review decisions place named suppliers: `{ suppliers }` recomputes just those pairs (after locating
 * and classifying every postcode again, a match's registered office among them).
 */
export async function refreshSupplierLocality(warehouse: Warehouse, scope: LocalityScope = "all"): Promise<void> {
  let definitions: CompiledDefinition[];
  let pairs = scope === "all" ? INSTITUTION_SUPPLIERS : UNCLASSIFIED_PAIRS;
  if (scope === "all") {
    // Nothing to place and no one to classify (an institution's first file in a new warehouse): every table of
    // locality is empty, as the full refresh below would leave it (an institution.json's load: 90 ms less).
    if (!(await localityHasWork(warehouse))) {
      for (const table of ["located_postcodes", "postcode_locality", "supplier_locality"]) await warehouse.run(`DELETE FROM ${table}`);
      return;
    }
    await locateSupplierPostcodes(warehouse);
    definitions = await classifyLocatedPostcodes(warehouse);
    await warehouse.run("DELETE FROM supplier_locality");
  } else if (typeof scope === "object" && "suppliers" in scope) {
    // Named suppliers may have new locations (a match placed them): every postcode is located and classified again,
    // and only the named pairs' classes are recomputed.
    await warehouse.run("CREATE OR REPLACE TEMP TABLE named_locality_pairs (institution_id VARCHAR, supplier_id VARCHAR)");
    const appender = await warehouse.connection.createAppender("named_locality_pairs");
    for (const pair of scope.suppliers) {
      appender.appendVarchar(pair.institutionId);
      appender.appendVarchar(pair.supplierId);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    await locateSupplierPostcodes(warehouse);
    definitions = await classifyLocatedPostcodes(warehouse);
    await warehouse.run(
      `DELETE FROM supplier_locality l WHERE EXISTS (
         SELECT 1 FROM named_locality_pairs n WHERE n.institution_id = l.institution_id AND n.supplier_id = l.supplier_id)`);
    pairs = `SELECT * FROM (${INSTITUTION_SUPPLIERS}) p WHERE EXISTS (
               SELECT 1 FROM named_locality_pairs n WHERE n.institution_id = p.institution_id AND n.supplier_id = p.supplier_id)`;
  } else {
    if (typeof scope === "object") pairs = unclassifiedPairsOfFile(scope.spendFile);
    const { unclassified } = await warehouse.one<{ unclassified: number }>(
      `SELECT count(*)::INTEGER AS unclassified FROM (${pairs})`,
    );
    if (unclassified === 0) return;
    definitions = await compileStoredDefinitions(warehouse);
  }
  await warehouse.run(
    `INSERT INTO supplier_locality (institution_id, supplier_id, definition_id, version, status, reason_code, reason, precision, postcode)
     WITH pairs AS (${pairs}),
     visible AS (${VISIBLE_DEFINITIONS}),
     admitted_locations AS (
       -- each institution's definitions' admitted locations, first (a small join), so that suppliers meet them on equalities alone
       SELECT v.institution_id, v.definition_id, v.version, sl.supplier_id, sl.basis, sl.postcode_as_given
       FROM visible v JOIN int_supplier_locations sl
         ON sl.institution_id = v.institution_id
            AND (v.basis = 'any' OR sl.basis = v.basis OR (v.basis = 'operations' AND sl.basis IN ('trading', 'delivery')))
     ), admitted AS (
       SELECT p.institution_id, s.supplier_id, s.is_redacted, v.definition_id, v.version, v.basis, sl.basis AS location_basis,
              lp.postcode_as_given, lp.precision, lp.reason AS location_reason, pl.is_local,
              -- ties between equally precise locations broken by postcode and basis, so every load says the same
              (${PRECISION_RANK})::VARCHAR || ' ' || coalesce(sl.postcode_as_given, '') || ' ' || coalesce(sl.basis, '') AS order_key
       FROM pairs p
       JOIN suppliers s ON s.supplier_id = p.supplier_id
       JOIN visible v ON v.institution_id = p.institution_id
       LEFT JOIN admitted_locations sl ON sl.institution_id = p.institution_id AND sl.supplier_id = s.supplier_id
         AND sl.definition_id = v.definition_id AND sl.version = v.version
       LEFT JOIN located_postcodes lp ON lp.postcode_as_given = sl.postcode_as_given
       LEFT JOIN postcode_locality pl ON pl.postcode_as_given = sl.postcode_as_given AND pl.definition_id = v.definition_id
         AND pl.version = v.version AND pl.owner_key = v.owner_key
     ), decided AS (
       SELECT institution_id, supplier_id, definition_id, version, any_value(basis) AS basis, bool_or(is_redacted) AS redacted,
              bool_or(coalesce(is_local, false)) AS any_local, count(*) FILTER (precision <> 'none') AS located,
              count(postcode_as_given) AS locations,
              arg_min(postcode_as_given || ' (' || location_basis || ', ' || precision || ')', order_key) FILTER (is_local) AS local_by,
              arg_min(precision, order_key) FILTER (is_local) AS local_precision,
              arg_min(postcode_as_given || ' (' || location_basis || ', ' || precision || ')', order_key) FILTER (precision <> 'none') AS located_by,
              arg_min(precision, order_key) FILTER (precision <> 'none') AS located_precision,
              string_agg(postcode_as_given || ': ' || location_reason, '; ') AS problems
       FROM admitted GROUP BY institution_id, supplier_id, definition_id, version
     )
     SELECT institution_id, supplier_id, definition_id, version,
            CASE WHEN redacted THEN 'unlocated' WHEN any_local THEN 'local' WHEN located > 0 THEN 'non_local' ELSE 'unlocated' END,
            CASE WHEN redacted THEN 'redacted-payee' WHEN any_local THEN 'local' WHEN located > 0 THEN 'not-local'
                 WHEN locations = 0 THEN 'no-postcode' ELSE 'not-placed' END,
            CASE WHEN redacted THEN 'redacted payee: no address is published'
                 WHEN any_local THEN 'local by ' || local_by
                 WHEN located > 0 THEN 'not local: located by ' || located_by
                 WHEN locations = 0 THEN 'no postcode on the ' || basis || ' basis in the supplier register'
                 ELSE problems END,
            CASE WHEN redacted THEN 'none' WHEN any_local THEN local_precision WHEN located > 0 THEN located_precision ELSE 'none' END,
            CASE WHEN any_local THEN split_part(local_by, ' (', 1) WHEN located > 0 THEN split_part(located_by, ' (', 1) END
     FROM decided`,
  );
  for (const definition of definitions.filter((d) => d.problem !== null)) {
    // The rows of the institutions that see this definition: its owner's, or (shared) those holding none of their own.
    await warehouse.run(
      `UPDATE supplier_locality l SET status = 'unlocated', precision = 'none', postcode = NULL, reason_code = 'definition-not-applicable', reason = $reason
       WHERE l.definition_id = $id AND l.version = $version
         AND (l.institution_id = $owner::VARCHAR OR ($owner::VARCHAR IS NULL AND NOT EXISTS (
           SELECT 1 FROM local_definitions own WHERE own.institution_id = l.institution_id AND own.definition_id = $id AND own.version = $version)))`,
      { reason: `this definition cannot be applied in this warehouse: ${definition.problem}`, id: definition.id, version: definition.version, owner: definition.owner },
    );
  }
  // A partner's export classifies suppliers whose postcodes it does not share: its classes stand, for the
  // institution whose folder held it, for those that institution cannot place itself.
  await warehouse.run(
    `UPDATE supplier_locality l SET status = i.status, precision = coalesce(i.precision, 'none'), reason_code = 'imported',
       reason = 'as classified by the exporting partner (its postcodes are not shared at this level)'
     FROM imported_locality i
     WHERE i.supplier_id = l.supplier_id AND i.definition_id = l.definition_id AND i.version = l.version
       AND coalesce(i.institution_id, l.institution_id) = l.institution_id
       AND l.status = 'unlocated' AND NOT EXISTS (
         SELECT 1 FROM int_supplier_locations sl WHERE sl.institution_id = l.institution_id AND sl.supplier_id = l.supplier_id)`,
  );
  if (typeof scope === "object" && "suppliers" in scope) await warehouse.run("DROP TABLE named_locality_pairs");
}
