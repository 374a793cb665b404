import { loadReport, quarantineByReason } from "./load-report.js";
import { headline, monthlyLocalShare, resolveScope, topSuppliers, type Scope } from "./metrics.js";
import type { Warehouse } from "./warehouse.js";

/**
 * The small JSON snapshots the site's pages read, one function per page. Pages never see the warehouse:
 * only these aggregates (redacted payees appear only as "Redacted payee").
 */
export async function overviewSnapshot(warehouse: Warehouse) {
  const scope = await resolveScope(warehouse);
  const definitions = await warehouse.all<{ id: string; version: number; name: string }>(
    `SELECT definition_id AS id, version, name FROM local_definitions
     WHERE institution_id IS NULL OR institution_id = ? ORDER BY is_headline DESC, definition_id`,
    [scope.institution.id],
  );
  const byDefinition = [];
  for (const definition of definitions) {
    const definitionScope: Scope = (await resolveScope(warehouse, { institutionId: scope.institution.id, definitionId: definition.id }));
    byDefinition.push({ definition: definitionScope.definition, headline: await headline(warehouse, definitionScope) });
  }
  return {
    scope,
    headline: await headline(warehouse, scope),
    monthly: await monthlyLocalShare(warehouse, scope),
    topSuppliers: await topSuppliers(warehouse, scope, 15),
    byDefinition,
  };
}

export async function dataQualitySnapshot(warehouse: Warehouse) {
  const { version } = await warehouse.one<{ version: number }>("SELECT max(version) AS version FROM schema_version");
  return {
    schemaVersion: Number(version),
    files: await loadReport(warehouse),
    quarantine: await quarantineByReason(warehouse),
  };
}

export async function methodologySnapshot(warehouse: Warehouse) {
  const definitions = await warehouse.all(
    `SELECT definition_id AS id, version, name, kind, basis, codes, description, is_headline AS headline,
            coalesce(institution_id, 'shared') AS institution
     FROM local_definitions ORDER BY is_headline DESC, definition_id, version`,
  );
  const institutions = await warehouse.all(`SELECT institution_id AS id, name, kind, is_demo AS "isDemo", note FROM institutions ORDER BY id`);
  return { definitions, institutions };
}
