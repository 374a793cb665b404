import { loadReport, quarantineByReason } from "./load-report.js";
import { compareDefinitions, headline, monthlyLocalShare, resolveScope, topSuppliers } from "./metrics.js";
import type { Warehouse } from "./warehouse.js";

/**
 * The small JSON snapshots the site's pages read, one function per page. Pages never see the warehouse:
 * only these aggregates (redacted payees appear only as "Redacted payee").
 */
export async function overviewSnapshot(warehouse: Warehouse) {
  const scope = await resolveScope(warehouse);
  const byDefinition = await compareDefinitions(warehouse, scope);
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
