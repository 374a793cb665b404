import { publishedName } from "../../model/published-supplier.js";
import { resolveScope } from "../../model/metrics.js";
import { localMultiplier } from "../../model/local-multiplier.js";
import { committedVsDelivered, deliveredLocally, engagementSummary, prioritiesFramework, priorityDeliveryRates, proxyValues } from "../../model/social-value-metrics.js";
import { deliveryHeadline } from "../../model/social-value-headline.js";
import { tenderingAndReturnsReport } from "../../model/tendering-checks.js";
import { contractKpis, contractSpendToDate } from "../../model/contract-spend.js";
import type { Warehouse } from "../../warehouse/warehouse.js";

// Snapshots for the Social value and Tendering pages: aggregates only (no postcodes, no evidence references).

/** Priorities → measures → committed vs delivered, by contract and period, LM3 under every definition, engagement. */
export async function socialValueSnapshot(warehouse: Warehouse) {
  const scope = await resolveScope(warehouse);
  const institution = { institutionId: scope.institution.id };
  const definitions = await warehouse.all<{ id: string; version: number; name: string; basis: string }>(
    `SELECT definition_id AS id, version, name, basis FROM local_definitions WHERE institution_id IS NULL OR institution_id = ? ORDER BY is_headline DESC, definition_id`,
    [scope.institution.id],
  );
  const lm3 = [];
  for (const definition of definitions) {
    lm3.push({ name: definition.name, basis: definition.basis, ...(await localMultiplier(warehouse, { id: definition.id, version: definition.version }, institution)) });
  }
  return {
    scope,
    framework: await prioritiesFramework(warehouse, scope.institution.id),
    headline: await deliveryHeadline(warehouse, institution),
    byPriority: await committedVsDelivered(warehouse, "priority", institution),
    byMeasure: await committedVsDelivered(warehouse, "measure", institution),
    byContract: await committedVsDelivered(warehouse, "contract", institution),
    byPeriod: await committedVsDelivered(warehouse, "period", institution),
    priorityRates: await priorityDeliveryRates(warehouse, institution),
    proxy: await proxyValues(warehouse, institution),
    local: await deliveredLocally(warehouse, institution),
    lm3,
    engagement: await engagementSummary(warehouse, institution),
  };
}

/** Weighting compliance, questions used, priorities covered by contracts, and the tendering and returns checks. */
export async function tenderingSnapshot(warehouse: Warehouse) {
  const scope = await resolveScope(warehouse);
  const report = await tenderingAndReturnsReport(warehouse, { institutionId: scope.institution.id });
  const contracts = await warehouse.all<Record<string, unknown>>(
    `SELECT c.contract_id AS contract, c.title,
            (SELECT CASE WHEN count(*) > 1 THEN arg_min(${publishedName("s.supplier_name", "s.institution_id")}, s.position) || ' and ' || (count(*) - 1) || ' more'
                         ELSE arg_min(${publishedName("s.supplier_name", "s.institution_id")}, s.position) END
             FROM int_contract_suppliers s WHERE s.institution_id = c.institution_id AND s.contract_id = c.contract_id) AS supplier,
            c.category, c.value::DOUBLE AS value,
            strftime(c.start_date, '%Y-%m-%d') AS "start", strftime(c.end_date, '%Y-%m-%d') AS "end", c.weighting_percent AS weighting,
            f.minimum_weighting_percent AS minimum, array_to_string(c.question_ids, ', ') AS questions,
            (SELECT string_agg(DISTINCT qp.priority_code, ', ' ORDER BY qp.priority_code) FROM sv_question_priorities qp
              WHERE list_contains(c.question_ids, qp.question_id)) AS priorities
     FROM current_sv_contracts c LEFT JOIN sv_frameworks f ON f.institution_id = c.institution_id AND f.superseded_by IS NULL
     WHERE c.institution_id = ? ORDER BY c.contract_id`,
    [scope.institution.id],
  );
  const questions = await warehouse.all<Record<string, unknown>>(
    `SELECT q.question_id AS question, q.theme, q.is_climate AS climate,
            (SELECT count(*) FROM current_sv_contracts c WHERE c.institution_id = ? AND list_contains(c.question_ids, q.question_id)) AS contracts
     FROM sv_questions q WHERE q.superseded_by IS NULL ORDER BY q.question_id`,
    [scope.institution.id],
  );
  const { spendLoadedTo } = await warehouse.one<{ spendLoadedTo: string | null }>(
    `SELECT strftime(max(payment_date), '%Y-%m-%d') AS "spendLoadedTo" FROM current_spend WHERE institution_id = ?`, [scope.institution.id]);
  return {
    scope, asOf: report.asOf, checks: report.checks, contracts, questions: questions.map((q) => ({ ...q, contracts: q.contracts })),
    contractSpend: await contractSpendToDate(warehouse, scope.institution.id), spendLoadedTo,
    contractKpis: await contractKpis(warehouse, scope.institution.id),
  };
}
