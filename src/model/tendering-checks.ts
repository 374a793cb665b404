import { expectedPeriods, type ReportingFrequency } from "./reporting-periods.js";
import { CONTRACTS_IN_CONTEXT, RETURNS_IN_CONTEXT, scopeParameter, type SocialValueScope } from "./social-value-context.js";
import type { Warehouse } from "../warehouse/warehouse.js";

/**
 * The tendering and returns checks: each is a rule, and the rows (contracts, adopted questions or return rows)
 * that break it, each with the file and row it came from.
 */

export interface CheckFinding {
  institutionId: string | null;
  contractId: string | null;
  supplier: string | null;
  period: string | null;
  measureCode: string | null;
  questionId: string | null;
  /** Where the row is: "path:row". */
  source: string;
  detail: string;
}

export type CheckId =
  | "nhs-without-climate-theme" | "weighting-below-minimum" | "question-not-in-bank" | "question-serving-no-priority"
  | "return-for-unknown-contract" | "return-for-unknown-measure" | "delivered-without-evidence" | "return-missing-for-period"
  | "delivered-far-above-committed";

export interface CheckOptions extends SocialValueScope {
  /** Overrides every framework's minimum weighting (%); default: the institution's framework's, else 10. */
  minimumWeightingPercent?: number;
  /** The day by which returns are due for every ended period; default: the end of the latest period any current return covers. */
  asOf?: string;
  /** Delivered more than this many times committed is flagged; default 3. */
  overDeliveryFactor?: number;
}

export interface TenderingCheck {
  id: CheckId;
  title: string;
  rule: string;
  findings: CheckFinding[];
}

type Row = Record<string, unknown>;
const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function finding(row: Row, detail: string): CheckFinding {
  return {
    institutionId: text(row.institution_id), contractId: text(row.contract_id), supplier: text(row.supplier_name),
    period: text(row.period_label), measureCode: text(row.measure_code), questionId: text(row.question_id),
    source: `${String(row.path)}:${Number(row.row_number)}`, detail,
  };
}

const percent = (value: number) => `${Math.round(value * 100) / 100}%`;
const isNhs = "(lower(c.institution_kind) LIKE 'nhs%' OR lower(c.institution_kind) IN ('icb', 'integrated-care-board'))";
const inBank = (question: string) => `EXISTS (SELECT 1 FROM sv_questions b WHERE b.superseded_by IS NULL AND b.question_id = ${question}
  AND (b.institution_id IS NULL OR b.institution_id = c.institution_id))`;
const ADOPTED = `adopted AS (SELECT c.*, unnest(c.question_ids) AS question_id FROM contracts_in_context c)`;

type CheckRun = (warehouse: Warehouse, options: CheckOptions) => Promise<CheckFinding[]>;

const query = (warehouse: Warehouse, sql: string, options: CheckOptions, extra: Record<string, string | number | null> = {}) =>
  warehouse.all<Row>(sql, { ...scopeParameter(options), ...extra });

const CHECKS: { id: CheckId; title: string; rule: string; run: CheckRun }[] = [
  {
    id: "nhs-without-climate-theme",
    title: "NHS contracts without the climate change (net zero) theme",
    rule: "NHS procurement must include the Social Value Model's 'Fighting climate change' theme in every tender (NHS England, Applying net zero and social value in the procurement of NHS goods and services, from April 2022): an NHS institution's contract adopts at least one bank question of that theme.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${CONTRACTS_IN_CONTEXT} SELECT * FROM contracts_in_context c
       WHERE ${isNhs} AND NOT EXISTS (SELECT 1 FROM sv_questions b WHERE b.superseded_by IS NULL AND b.is_climate
         AND (b.institution_id IS NULL OR b.institution_id = c.institution_id) AND list_contains(c.question_ids, b.question_id))
       ORDER BY institution_id, contract_id`, options))
      .map((row) => finding(row, `adopts ${(row.question_ids as string[]).join(", ") || "no questions"}: none from the bank's climate change theme`)),
  },
  {
    id: "weighting-below-minimum",
    title: "Social value weighting below the minimum",
    rule: "A contract's social value weighting is at least the minimum (the framework's minimumWeightingPercent; by default 10%, the NHS requirement).",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${CONTRACTS_IN_CONTEXT} SELECT *, coalesce($minimum, minimum_weighting_percent, 10) AS minimum FROM contracts_in_context c
       WHERE weighting_percent IS NULL OR weighting_percent < coalesce($minimum, minimum_weighting_percent, 10)
       ORDER BY institution_id, contract_id`, options, { minimum: options.minimumWeightingPercent ?? null }))
      .map((row) => finding(row, row.weighting_percent === null
        ? `no social value weighting stated (minimum ${percent(Number(row.minimum))})`
        : `weighting ${percent(Number(row.weighting_percent))} is below the minimum of ${percent(Number(row.minimum))}`)),
  },
  {
    id: "question-not-in-bank",
    title: "Questions not from the question bank",
    rule: "Every social value question a contract adopts is in the question bank (the institution's or one loaded for all).",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${CONTRACTS_IN_CONTEXT}, ${ADOPTED} SELECT * FROM adopted c WHERE NOT ${inBank("c.question_id")}
       ORDER BY institution_id, contract_id, question_id`, options))
      .map((row) => finding(row, `question "${String(row.question_id)}" is not in the question bank`)),
  },
  {
    id: "question-serving-no-priority",
    title: "Questions serving no priority",
    rule: "Every adopted question serves at least one priority of the institution's priorities framework.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${CONTRACTS_IN_CONTEXT}, ${ADOPTED}
       SELECT c.*, list(qp.priority_code ORDER BY qp.priority_code) FILTER (qp.priority_code IS NOT NULL) AS named
       FROM adopted c
       LEFT JOIN sv_question_priorities qp ON qp.file_id = c.file_id AND qp.row_number = c.row_number AND qp.question_id = c.question_id
       LEFT JOIN sv_priorities p ON p.superseded_by IS NULL AND p.institution_id = c.institution_id AND p.priority_code = qp.priority_code
       GROUP BY ALL HAVING count(p.priority_code) = 0
       ORDER BY c.institution_id, c.contract_id, c.question_id`, options))
      .map((row) => {
        const named = (row.named as string[] | null) ?? [];
        return finding(row, named.length === 0
          ? `question "${String(row.question_id)}" serves no priority`
          : `question "${String(row.question_id)}" names ${named.join(", ")}, not in ${String(row.institution_id)}'s priorities framework`);
      }),
  },
  {
    id: "return-for-unknown-contract",
    title: "Returns for unknown contracts",
    rule: "Every return row names a contract in the contracts register.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${RETURNS_IN_CONTEXT} SELECT * FROM returns_in_context WHERE NOT contract_known ORDER BY path, row_number`, options))
      .map((row) => finding(row, `contract "${String(row.contract_id)}" is not in the contracts register`)),
  },
  {
    id: "return-for-unknown-measure",
    title: "Returns for unknown measures",
    rule: "Every return row names a measure of its institution's priorities framework.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${RETURNS_IN_CONTEXT} SELECT r.*, EXISTS (SELECT 1 FROM sv_frameworks fw WHERE fw.superseded_by IS NULL AND fw.institution_id = r.institution_id) AS has_framework
       FROM returns_in_context r WHERE measure_name IS NULL ORDER BY path, row_number`, options))
      .map((row) => finding(row, row.institution_id === null
        ? `measure "${String(row.measure_code)}": no institution to look it up in (unknown contract, file outside any institution's folder)`
        : row.has_framework
          ? `measure "${String(row.measure_code)}" is not in ${String(row.institution_id)}'s priorities framework`
          : `measure "${String(row.measure_code)}": no priorities framework is loaded for ${String(row.institution_id)}`)),
  },
  {
    id: "delivered-without-evidence",
    title: "Delivered without evidence",
    rule: "Every return row that reports something delivered gives an evidence reference.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${RETURNS_IN_CONTEXT} SELECT * FROM returns_in_context WHERE delivered > 0 AND evidence_reference IS NULL ORDER BY path, row_number`, options))
      .map((row) => finding(row, `${Number(row.delivered)} delivered with no evidence reference`)),
  },
  {
    id: "return-missing-for-period",
    title: "Returns missing for a period",
    rule: "A contract has a return for every period of its reporting frequency (the register's, else the framework's, else quarterly) that it overlaps and that has ended by the as-of date.",
    run: missingReturns,
  },
  {
    id: "delivered-far-above-committed",
    title: "Delivered far above committed",
    rule: "Delivered is at most the over-delivery factor (default 3) times committed; far above is more often a data error (a misplaced digit, a cumulative figure) than a triumph.",
    run: async (warehouse, options) => (await query(warehouse,
      `WITH ${RETURNS_IN_CONTEXT} SELECT * FROM returns_in_context WHERE committed > 0 AND delivered > $factor * committed ORDER BY path, row_number`,
      options, { factor: options.overDeliveryFactor ?? 3 }))
      .map((row) => finding(row, `delivered ${Number(row.delivered)} against ${Number(row.committed)} committed (${Math.round((Number(row.delivered) / Number(row.committed)) * 10) / 10}×)`)),
  },
];

/** The as-of date of the missing-returns check: the option, else the end of the latest period any current return covers. */
export async function returnsAsOf(warehouse: Warehouse, options: CheckOptions = {}): Promise<string | null> {
  if (options.asOf) return options.asOf;
  const { latest } = await warehouse.one<{ latest: string | null }>("SELECT max(period_end)::VARCHAR AS latest FROM current_sv_returns");
  return latest;
}

async function missingReturns(warehouse: Warehouse, options: CheckOptions): Promise<CheckFinding[]> {
  const asOf = await returnsAsOf(warehouse, options);
  if (asOf === null) return [];
  const contracts = await query(warehouse,
    `WITH ${CONTRACTS_IN_CONTEXT} SELECT *, start_date::VARCHAR AS start_text, end_date::VARCHAR AS end_text,
       coalesce(reporting_frequency, framework_frequency, 'quarterly') AS frequency FROM contracts_in_context ORDER BY institution_id, contract_id`, options);
  const returned = await warehouse.all<{ institution_id: string | null; contract_id: string; period_start: string; period_end: string }>(
    "SELECT DISTINCT institution_id, contract_id, period_start::VARCHAR AS period_start, period_end::VARCHAR AS period_end FROM current_sv_returns");
  const findings: CheckFinding[] = [];
  for (const contract of contracts) {
    const covered = returned.filter((r) => r.contract_id === contract.contract_id && (r.institution_id === null || r.institution_id === contract.institution_id));
    for (const period of expectedPeriods(String(contract.start_text), String(contract.end_text), contract.frequency as ReportingFrequency, asOf)) {
      if (covered.some((r) => r.period_start <= period.end && r.period_end >= period.start)) continue;
      findings.push(finding({ ...contract, period_label: period.label },
        `no return for ${period.label} (${period.start} to ${period.end}; ${String(contract.frequency)} returns, due by ${asOf})`));
    }
  }
  return findings;
}

/** Runs one check. */
export async function runCheck(warehouse: Warehouse, id: CheckId, options: CheckOptions = {}): Promise<TenderingCheck> {
  const check = CHECKS.find((candidate) => candidate.id === id)!;
  return { id: check.id, title: check.title, rule: check.rule, findings: await check.run(warehouse, options) };
}

/** The tendering and returns report: every check, in order, with its findings (empty when it passes). */
export async function tenderingAndReturnsReport(warehouse: Warehouse, options: CheckOptions = {}): Promise<{ asOf: string | null; checks: TenderingCheck[] }> {
  const checks: TenderingCheck[] = [];
  for (const check of CHECKS) checks.push(await runCheck(warehouse, check.id, options));
  return { asOf: await returnsAsOf(warehouse, options), checks };
}
