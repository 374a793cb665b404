import type { ProblemCode } from "../../src/core/problem-codes.js";
import type { ReportingFrequency } from "../../src/model/reporting-periods.js";
/**
 * Cell parsers for the social value tables. Each returns the value, or a problem code and a string saying
 * what was expected (the loader turns them into a quarantine entry naming the file, row and column).
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = <T>(code: ProblemCode, reason: string): Parsed<T> => ({ ok: false, code, reason });

/** A quantity of an outcome: a number ≥ 0, thousands separators and a leading £ allowed; blank is null. */
export function parseQuantity(raw: string): Parsed<number | null> {
  const text = raw.trim().replace(/^£/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  if (text === "") return ok(null);
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) {
    return /^-/.test(text) ? bad("negative-value", `"${raw}" is negative (expected a quantity of 0 or more)`) : bad("not-a-quantity", `"${raw}" is not a quantity (expected a number such as 12 or 1,250.5)`);
  }
  return ok(Number(text));
}

/** A whole number of people or events ≥ 0; blank is null. */
export function parseCount(raw: string): Parsed<number | null> {
  const text = raw.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (text === "") return ok(null);
  if (!/^\d+$/.test(text)) return bad("not-a-whole-number", `"${raw}" is not a whole number of 0 or more`);
  return ok(Number(text));
}

/**
 * A share as a fraction 0–1. "12.5%" and "12.5" are percentages; a bare number below 1 such as 0.125 is a
 * fraction, as Excel stores a percent-formatted cell. A bare "1" is refused as ambiguous (1% or 100%?).
 * Blank is null.
 */
export function parseShare(raw: string): Parsed<number | null> {
  const text = raw.trim();
  if (text === "") return ok(null);
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(%?)$/.exec(text);
  if (!match) return bad("not-a-percentage", `"${raw}" is not a percentage (expected e.g. 12.5%, 12.5 or 0.125)`);
  const number = Number(match[1]);
  const percent = match[2] === "%";
  if (!percent && number === 1) return bad("ambiguous-value", `"${raw}" is ambiguous (write 1% or 100%)`);
  const fraction = percent || number > 1 ? number / 100 : number;
  if (fraction > 1) return bad("more-than-100-percent", `"${raw}" is more than 100%`);
  return ok(fraction);
}

/** A list of codes in one cell, separated by semicolons, commas, bars or line breaks. */
export function parseCodeList(raw: string): string[] {
  return [...new Set(raw.split(/[;,|\n]/).map((code) => code.trim()).filter(Boolean))];
}

/**
 * The priorities each question serves, written as "Q1: P1, P2; Q3: P3" (entries separated by semicolons
 * or line breaks; ":" or "=" after the question; priority codes separated by commas, "+" or spaces).
 */
export function parseQuestionPriorities(raw: string): Parsed<Map<string, string[]>> {
  const served = new Map<string, string[]>();
  for (const entry of raw.split(/[;\n]/).map((text) => text.trim()).filter(Boolean)) {
    const match = /^([^:=]+?)\s*[:=]\s*(.*)$/.exec(entry);
    if (!match) return bad("not-question-priorities", `"${entry}" does not say which question serves which priorities (expected e.g. "Q1: P1, P2; Q3: P3")`);
    const question = match[1]!.trim();
    const priorities = match[2]!.split(/[,+\s]+/).map((code) => code.trim()).filter(Boolean);
    served.set(question, [...new Set([...(served.get(question) ?? []), ...priorities])]);
  }
  return ok(served);
}


const FREQUENCIES: Record<string, ReportingFrequency> = {
  monthly: "monthly", month: "monthly",
  quarterly: "quarterly", quarter: "quarterly",
  annual: "annual", annually: "annual", yearly: "annual", year: "annual",
  none: "none", "no returns": "none", "not required": "none",
};

export function parseFrequency(raw: string): Parsed<ReportingFrequency | null> {
  const text = raw.trim().toLowerCase();
  if (text === "") return ok(null);
  const frequency = FREQUENCIES[text];
  return frequency ? ok(frequency) : bad("not-a-frequency", `"${raw}" is not a reporting frequency (expected monthly, quarterly, annual or none)`);
}

export type EngagementKind = "market-engagement-event" | "supplier-briefing" | "service-user-panel" | "co-design-session";

const ENGAGEMENT_KINDS: Record<string, EngagementKind> = {
  marketengagementevent: "market-engagement-event", marketengagement: "market-engagement-event", marketevent: "market-engagement-event",
  supplierbriefing: "supplier-briefing", supplierbriefingsession: "supplier-briefing", bidderbriefing: "supplier-briefing",
  serviceuserpanel: "service-user-panel", serviceuserspanel: "service-user-panel", patientpanel: "service-user-panel",
  codesignsession: "co-design-session", codesign: "co-design-session", codesignworkshop: "co-design-session",
};

export function parseEngagementKind(raw: string): Parsed<EngagementKind> {
  const kind = ENGAGEMENT_KINDS[raw.toLowerCase().replace(/[^a-z]/g, "")];
  return kind ? ok(kind) : bad("not-an-engagement-kind", `"${raw}" is not a kind of engagement (expected market engagement event, supplier briefing, service-user panel or co-design session)`);
}
