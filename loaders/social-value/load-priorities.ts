import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import type { LoadOutcome } from "../load-outcome.js";
import { parseFrequency } from "./parse-social-value-cells.js";
import type { ReportingFrequency } from "../../src/model/reporting-periods.js";
import { insertRows } from "./read-social-value-table.js";

/**
 * The units a measure may be counted in. Committed and delivered quantities are summed across periods,
 * contracts and suppliers, so every unit is an additive quantity (no percentages or ratios).
 */
export const MEASURE_UNITS: Readonly<Record<string, string>> = {
  people: "people (headcount)",
  fte: "full-time equivalent posts",
  hours: "hours",
  weeks: "weeks (e.g. apprenticeship or placement weeks)",
  gbp: "pounds sterling (£)",
  tco2e: "tonnes of carbon dioxide equivalent",
  kwh: "kilowatt hours",
  count: "a count (events, organisations, sessions)",
};

export const DEFAULT_MAX_PRIORITIES = 6;
/** NHS England requires a net zero and social value weighting of at least 10% in NHS procurement (from April 2022). */
export const DEFAULT_MINIMUM_WEIGHTING_PERCENT = 10;

export interface ProxyValue {
  valuePerUnit: number;
  source: string;
  year: number;
}

export interface Measure {
  code: string;
  name: string;
  unit: string;
  direction: "higher" | "lower";
  proxy: ProxyValue | null;
}

export interface Priority {
  code: string;
  name: string;
  businessPriority: string;
  theme: string | null;
  measures: Measure[];
}

export interface PrioritiesFramework {
  name: string;
  maxPriorities: number;
  minimumWeightingPercent: number;
  reportingFrequency: ReportingFrequency;
  /** Share of contract income paid as staff costs, for LM3 where a return does not say (fraction 0–1). */
  staffCostShare: number | null;
  priorities: Priority[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks a priorities framework (priorities.json). Every problem is collected; any refuses the whole file. */
export function parsePrioritiesFramework(text: string, file: string): PrioritiesFramework {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`is not valid JSON (${(error as Error).message})`, { file }, { cause: error });
  }
  const problems: string[] = [];
  const string = (object: Json, key: string, at: string, required = true): string | null => {
    const found = object[key];
    if (typeof found === "string" && found.trim() !== "") return found.trim();
    if (found === undefined && !required) return null;
    problems.push(`${at}${key}: expected ${required ? "a non-empty" : "a"} string, found ${JSON.stringify(found) ?? "nothing"}`);
    return null;
  };
  const number = (object: Json, key: string, at: string, test: (n: number) => boolean, expected: string): number | null => {
    const found = object[key];
    if (found === undefined) return null;
    if (typeof found === "number" && test(found)) return found;
    problems.push(`${at}${key}: expected ${expected}, found ${JSON.stringify(found)}`);
    return null;
  };
  if (!isObject(value)) throw new InputError(`expected an object {"name": …, "priorities": [ … ]}, found ${JSON.stringify(value)?.slice(0, 40)}`, { file });
  const name = string(value, "name", "") ?? "";
  const maxPriorities = number(value, "maxPriorities", "", (n) => Number.isInteger(n) && n >= 1 && n <= 10, "a whole number from 1 to 10 (a framework is a small set)") ?? DEFAULT_MAX_PRIORITIES;
  const minimumWeightingPercent = number(value, "minimumWeightingPercent", "", (n) => n >= 0 && n <= 100, "a percentage from 0 to 100") ?? DEFAULT_MINIMUM_WEIGHTING_PERCENT;
  const staffCostShare = isObject(value.lm3) ? number(value.lm3, "staffCostShare", "lm3.", (n) => n >= 0 && n <= 1, "a fraction from 0 to 1") : null;
  let reportingFrequency: ReportingFrequency = "quarterly";
  if (value.reportingFrequency !== undefined) {
    const parsed = parseFrequency(typeof value.reportingFrequency === "string" ? value.reportingFrequency : "?");
    if (parsed.ok && parsed.value) reportingFrequency = parsed.value;
    else problems.push(`reportingFrequency: expected monthly, quarterly, annual or none, found ${JSON.stringify(value.reportingFrequency)}`);
  }
  const list = Array.isArray(value.priorities) ? value.priorities : [];
  if (!Array.isArray(value.priorities) || list.length === 0) problems.push(`priorities: expected a list of at least one priority`);
  if (list.length > maxPriorities) {
    problems.push(`priorities: ${list.length} priorities, more than the maximum of ${maxPriorities} (maxPriorities${value.maxPriorities === undefined ? ", by default" : ""}): choose a small set`);
  }
  const priorityCodes = new Map<string, string>();
  const measureCodes = new Map<string, string>();
  const claim = (codes: Map<string, string>, code: string | null, at: string, what: string) => {
    if (code === null) return;
    const earlier = codes.get(code.toUpperCase());
    if (earlier) problems.push(`${at}code: ${what} code "${code}" is also used at ${earlier}`);
    else codes.set(code.toUpperCase(), at.replace(/\.$/, ""));
  };
  const priorities: Priority[] = list.map((item: unknown, index: number): Priority => {
    const at = `priorities[${index}].`;
    if (!isObject(item)) {
      problems.push(`priorities[${index}]: expected an object with code, name, businessPriority and measures`);
      return { code: "", name: "", businessPriority: "", theme: null, measures: [] };
    }
    const code = string(item, "code", at);
    claim(priorityCodes, code, at, "priority");
    const measures = Array.isArray(item.measures) ? item.measures : [];
    if (measures.length === 0) problems.push(`${at}measures: expected a list of at least one measure`);
    return {
      code: code ?? "",
      name: string(item, "name", at) ?? "",
      businessPriority: string(item, "businessPriority", at) ?? "",
      theme: string(item, "theme", at, false),
      measures: measures.map((measureItem: unknown, measureIndex: number): Measure => {
        const mat = `${at}measures[${measureIndex}].`;
        if (!isObject(measureItem)) {
          problems.push(`${mat.replace(/\.$/, "")}: expected an object with code, name, unit and direction`);
          return { code: "", name: "", unit: "", direction: "higher", proxy: null };
        }
        const measureCode = string(measureItem, "code", mat);
        claim(measureCodes, measureCode, mat, "measure");
        const unit = string(measureItem, "unit", mat) ?? "";
        if (unit && !(unit in MEASURE_UNITS)) problems.push(`${mat}unit: "${unit}" is not a known unit (expected one of ${Object.keys(MEASURE_UNITS).join(", ")})`);
        const direction = measureItem.direction ?? "higher";
        if (direction !== "higher" && direction !== "lower") problems.push(`${mat}direction: expected "higher" or "lower" (which way is better), found ${JSON.stringify(direction)}`);
        let proxy: ProxyValue | null = null;
        if (measureItem.proxy !== undefined && measureItem.proxy !== null) {
          if (!isObject(measureItem.proxy)) {
            problems.push(`${mat}proxy: expected {"valuePerUnit": …, "source": …, "year": …}`);
          } else {
            const pat = `${mat}proxy.`;
            const valuePerUnit = number(measureItem.proxy, "valuePerUnit", pat, (n) => n > 0, "a positive £ value per unit");
            const source = string(measureItem.proxy, "source", pat);
            const year = number(measureItem.proxy, "year", pat, (n) => Number.isInteger(n) && n >= 1990 && n <= 2100, "a year such as 2021");
            if (valuePerUnit === null && measureItem.proxy.valuePerUnit === undefined) problems.push(`${pat}valuePerUnit: required with a proxy value`);
            if (year === null && measureItem.proxy.year === undefined) problems.push(`${pat}year: required with a proxy value (the year its value is for)`);
            if (valuePerUnit !== null && source !== null && year !== null) proxy = { valuePerUnit, source, year };
          }
        }
        return { code: measureCode ?? "", name: string(measureItem, "name", mat) ?? "", unit, direction: direction as Measure["direction"], proxy };
      }),
    };
  });
  if (problems.length > 0) throw new InputError(`is not a usable priorities framework: ${problems.join("; ")}`, { file });
  return { name, maxPriorities, minimumWeightingPercent, reportingFrequency, staffCostShare, priorities };
}

/**
 * Loads an institution's priorities framework. A newer framework for the institution supersedes the older
 * one (its rows stay, marked); proxy values it carries are the framework's, below any proxy-value table's.
 */
export async function loadPriorities(
  warehouse: Warehouse,
  text: string,
  file: string,
  fileId: number,
  institutionId: string | null,
): Promise<LoadOutcome> {
  const framework = parsePrioritiesFramework(text, file);
  if (!institutionId) {
    throw new InputError("no institution.json in its folder or above: a priorities framework belongs to the institution whose folder holds it", { file });
  }
  for (const table of ["sv_frameworks", "sv_priorities", "sv_measures"]) {
    await warehouse.run(`UPDATE ${table} SET superseded_by = ? WHERE institution_id = ? AND superseded_by IS NULL`, [fileId, institutionId]);
  }
  await warehouse.run(
    "UPDATE sv_proxy_values SET superseded_by = ? WHERE institution_id = ? AND origin = 'framework' AND superseded_by IS NULL",
    [fileId, institutionId],
  );
  await insertRows(warehouse, "sv_frameworks",
    { institution_id: "VARCHAR", name: "VARCHAR", max_priorities: "INTEGER", minimum_weighting_percent: "DOUBLE", reporting_frequency: "VARCHAR", staff_cost_share: "DOUBLE", file_id: "INTEGER" },
    [{ institution_id: institutionId, name: framework.name, max_priorities: framework.maxPriorities, minimum_weighting_percent: framework.minimumWeightingPercent,
      reporting_frequency: framework.reportingFrequency, staff_cost_share: framework.staffCostShare, file_id: fileId }]);
  await insertRows(warehouse, "sv_priorities",
    { institution_id: "VARCHAR", priority_code: "VARCHAR", name: "VARCHAR", business_priority: "VARCHAR", theme: "VARCHAR", position: "INTEGER", file_id: "INTEGER" },
    framework.priorities.map((priority, position) => ({
      institution_id: institutionId, priority_code: priority.code, name: priority.name, business_priority: priority.businessPriority,
      theme: priority.theme, position: position + 1, file_id: fileId,
    })));
  const measures = framework.priorities.flatMap((priority) => priority.measures.map((measure) => ({ priority, measure })));
  await insertRows(warehouse, "sv_measures",
    { institution_id: "VARCHAR", measure_code: "VARCHAR", priority_code: "VARCHAR", name: "VARCHAR", unit: "VARCHAR", direction: "VARCHAR", file_id: "INTEGER" },
    measures.map(({ priority, measure }) => ({
      institution_id: institutionId, measure_code: measure.code, priority_code: priority.code, name: measure.name,
      unit: measure.unit, direction: measure.direction, file_id: fileId,
    })));
  await insertRows(warehouse, "sv_proxy_values",
    { institution_id: "VARCHAR", measure_code: "VARCHAR", value_per_unit: "DOUBLE", source: "VARCHAR", year: "INTEGER", origin: "VARCHAR", file_id: "INTEGER" },
    measures.filter(({ measure }) => measure.proxy).map(({ measure }) => ({
      institution_id: institutionId, measure_code: measure.code, value_per_unit: measure.proxy!.valuePerUnit,
      source: measure.proxy!.source, year: measure.proxy!.year, origin: "framework", file_id: fileId,
    })));
  const rows = framework.priorities.length;
  return { rowsRead: rows, rowsLoaded: rows, rowsQuarantined: 0 };
}
