import { CONTRACTS_IN_CONTEXT, scopeParameter, type SocialValueScope } from "./social-value-context.js";
import type { Warehouse } from "../warehouse/warehouse.js";

/**
 * Local Multiplier 3 (LM3; NEF, "The Money Trail", 2002, as CLES applies it to anchor institutions' procurement),
 * per contract and overall, under one definition of local. Money is followed through three rounds:
 *
 *   R1 = the contract's value (the contracts register's value, £): the institution's spend on the contract.
 *   R2 = the part of R1 spent with a local supplier: R1 when the contract's supplier is local under the
 *        definition (its supplier-register postcode, as every locality figure classifies it), 0 when it is not.
 *   R3 = the part of R2 the supplier re-spends locally: R2 × (k × w + (1 − k) × s), where the supplier's
 *        return for the contract says
 *          s = local re-spend share: the share of its non-staff spending on the contract with local suppliers,
 *          w = local staff share: the share of its staff on the contract who live locally,
 *          k = staff cost share: the share of the contract's income paid as staff costs (from the return, else the
 *              framework's lm3.staffCostShare),
 *        so that wages are counted local in proportion to staff living locally, and other spending in
 *        proportion to its local re-spend.
 *   LM3 = (R1 + R2 + R3) / R1, from 1 (nothing stays local) to 3 (everything does).
 *   Overall LM3 = (ΣR1 + ΣR2 + ΣR3) / ΣR1 over the contracts it can be computed for (a value-weighted mean).
 *
 * The shares are the latest reporting period's that carries them. A non-local supplier's contract has LM3 = 1
 * whatever its shares (its first round leaves the area). A contract is left out, with the reason, when its
 * supplier cannot be placed, or it is local and a share it needs is missing.
 */

export interface Lm3Contract {
  institutionId: string;
  contractId: string;
  title: string | null;
  supplierId: string;
  supplierName: string;
  supplierStatus: "local" | "non_local";
  /** The reporting period whose shares were used; null for a non-local supplier without any. */
  period: string | null;
  localRespendShare: number | null;
  localStaffShare: number | null;
  staffCostShare: number | null;
  staffCostShareFrom: "return" | "framework" | null;
  r1: number;
  r2: number;
  r3: number;
  lm3: number;
}

export interface Lm3Result {
  definition: { id: string; version: number };
  contracts: Lm3Contract[];
  notComputed: { institutionId: string; contractId: string; reason: string }[];
  overall: { r1: number; r2: number; r3: number; lm3: number | null; contracts: number };
}

type ContractShares = {
  institution_id: string; contract_id: string; title: string | null; supplier_id: string; supplier_name: string; value_pounds: number;
  status: string | null; period_label: string | null; local_respend_share: number | null; local_staff_share: number | null;
  return_staff_cost_share: number | null; framework_staff_cost_share: number | null;
};

export async function localMultiplier(warehouse: Warehouse, definition: { id: string; version: number }, scope: SocialValueScope = {}): Promise<Lm3Result> {
  const rows = await warehouse.all<ContractShares & Record<string, unknown>>(
    `WITH ${CONTRACTS_IN_CONTEXT},
     shares AS (
       SELECT s.institution_id, s.contract_id, s.period_start, s.period_end, any_value(rr.period_label) AS period_label,
              max(s.local_respend_share) AS local_respend_share, max(s.local_staff_share) AS local_staff_share,
              max(s.staff_cost_share) AS staff_cost_share
       FROM sv_return_shares s JOIN sv_returns rr ON rr.file_id = s.file_id AND rr.row_number = s.row_number
       WHERE s.superseded_by IS NULL
       GROUP BY s.institution_id, s.contract_id, s.period_start, s.period_end
     ),
     latest AS (
       SELECT c.institution_id, c.contract_id, arg_max(r.period_label, r.period_end) AS period_label,
              arg_max(r.local_respend_share, r.period_end) AS local_respend_share, arg_max(r.local_staff_share, r.period_end) AS local_staff_share,
              arg_max(r.staff_cost_share, r.period_end) AS staff_cost_share
       FROM contracts_in_context c
       JOIN shares r ON r.contract_id = c.contract_id AND (r.institution_id IS NULL OR r.institution_id = c.institution_id)
       GROUP BY ALL
     )
     SELECT c.institution_id, c.contract_id, c.title, c.supplier_id, c.supplier_name, c.value_pounds, l.status,
            latest.period_label, latest.local_respend_share, latest.local_staff_share, latest.staff_cost_share AS return_staff_cost_share,
            c.framework_staff_cost_share
     FROM contracts_in_context c
     LEFT JOIN supplier_locality l ON l.institution_id = c.institution_id AND l.supplier_id = c.supplier_id
       AND l.definition_id = $definition AND l.version = $version
     LEFT JOIN latest ON latest.institution_id = c.institution_id AND latest.contract_id = c.contract_id
     ORDER BY c.institution_id, c.contract_id`,
    { ...scopeParameter(scope), definition: definition.id, version: definition.version },
  );
  const result: Lm3Result = { definition, contracts: [], notComputed: [], overall: { r1: 0, r2: 0, r3: 0, lm3: null, contracts: 0 } };
  for (const row of rows) {
    const skip = (reason: string) => result.notComputed.push({ institutionId: row.institution_id, contractId: row.contract_id, reason });
    if (row.status === null) {
      skip(`supplier "${row.supplier_name}" is not in the supplier register: whether it is local is unknown`);
      continue;
    }
    if (row.status === "unlocated") {
      skip(`supplier "${row.supplier_name}" is unlocated under ${definition.id} v${definition.version}`);
      continue;
    }
    const value = row.value_pounds;
    const local = row.status === "local";
    const s = row.local_respend_share === null ? null : row.local_respend_share;
    const w = row.local_staff_share === null ? null : row.local_staff_share;
    const fromReturn = row.return_staff_cost_share !== null;
    const k = fromReturn ? row.return_staff_cost_share : row.framework_staff_cost_share === null ? null : row.framework_staff_cost_share;
    if (local && (s === null || w === null || k === null)) {
      const missing = [s === null && "local re-spend share", w === null && "local staff share", k === null && "staff cost share"].filter(Boolean);
      skip(`no return gives the ${missing.join(", ")} for this contract${row.period_label ? ` (latest period with shares: ${row.period_label})` : ""}`);
      continue;
    }
    if (value <= 0) {
      skip("the contract's value is 0");
      continue;
    }
    const r1 = value;
    const r2 = local ? r1 : 0;
    const r3 = local ? r2 * (k! * w! + (1 - k!) * s!) : 0;
    result.contracts.push({
      institutionId: row.institution_id, contractId: row.contract_id, title: row.title, supplierId: row.supplier_id, supplierName: row.supplier_name,
      supplierStatus: local ? "local" : "non_local", period: row.period_label, localRespendShare: s, localStaffShare: w,
      staffCostShare: k, staffCostShareFrom: k === null ? null : fromReturn ? "return" : "framework",
      r1, r2, r3, lm3: (r1 + r2 + r3) / r1,
    });
    result.overall.r1 += r1;
    result.overall.r2 += r2;
    result.overall.r3 += r3;
    result.overall.contracts++;
  }
  const { r1, r2, r3 } = result.overall;
  result.overall.lm3 = r1 > 0 ? (r1 + r2 + r3) / r1 : null;
  return result;
}
