import { periodHolding, type ReportingPeriod } from "./reporting-periods.js";

/**
 * The periods the site offers for an institution's spend: every UK financial year, financial quarter and month
 * that holds a month of its spend, and all its months together. Each names the period of the same kind just
 * before it and the same period a year earlier, when those hold as many months of spend (so that a change is
 * always measured between periods of the same length).
 */
export type SpendPeriodKind = "year" | "quarter" | "month" | "all";

export interface SpendPeriod {
  institution: string;
  /** Unique within the institution: "2024/25", "2024/25 Q1", "2024-04", "all". */
  id: string;
  kind: SpendPeriodKind;
  label: string;
  /** First and last months, "YYYY-MM". */
  from: string;
  to: string;
  /** Calendar months in the period, and how many of them hold spend. */
  months: number;
  monthsLoaded: number;
  previous: string | null;
  yearEarlier: string | null;
  /** The one period from the first month of spend to the last (kind "all", or the year or quarter that is all of it). */
  whole: boolean;
}

const FREQUENCY = { year: "annual", quarter: "quarterly", month: "monthly" } as const;
const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const asDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/** "April 2024"; "April to June 2024"; "April 2024 to March 2025". */
export function monthRangeLabel(from: string, to: string): string {
  if (from === to) return monthYear.format(asDate(from));
  if (from.slice(0, 4) === to.slice(0, 4)) return `${monthName.format(asDate(from))} to ${monthYear.format(asDate(to))}`;
  return `${monthYear.format(asDate(from))} to ${monthYear.format(asDate(to))}`;
}

function labelOf(kind: SpendPeriodKind, id: string, from: string, to: string): string {
  if (kind === "month") return monthRangeLabel(from, to);
  if (kind === "quarter") return `${monthRangeLabel(from, to)} (${id})`;
  if (kind === "year") return `Financial year ${id} (${monthRangeLabel(from, to)})`;
  return `All months loaded (${monthRangeLabel(from, to)})`;
}

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The offered periods of one institution, from the months ("YYYY-MM") that hold its spend. */
export function spendPeriodsOf(institution: string, monthsWithSpend: readonly string[]): SpendPeriod[] {
  const loaded = [...new Set(monthsWithSpend)].sort();
  if (loaded.length === 0) return [];
  const count = (from: string, to: string) => loaded.filter((month) => month >= from && month <= to).length;
  const byKind = new Map<string, SpendPeriod>();
  const periods: SpendPeriod[] = [];
  for (const kind of ["year", "quarter", "month"] as const) {
    const seen = new Set<string>();
    for (const month of loaded) {
      const period: ReportingPeriod = periodHolding(`${month}-01`, FREQUENCY[kind]);
      if (seen.has(period.label)) continue;
      seen.add(period.label);
      const from = period.start.slice(0, 7);
      const to = period.end.slice(0, 7);
      const row: SpendPeriod = {
        institution, id: period.label, kind, label: labelOf(kind, period.label, from, to), from, to,
        months: monthsBetween(from, to), monthsLoaded: count(from, to), previous: null, yearEarlier: null, whole: false,
      };
      periods.push(row);
      byKind.set(`${kind} ${from}`, row);
    }
  }
  const first = loaded[0]!;
  const last = loaded[loaded.length - 1]!;
  // All months together, unless that is already one of the periods above (a single financial year, say).
  const whole = periods.find((p) => p.from === first && p.to === last);
  if (whole) whole.whole = true;
  else periods.push({ institution, id: "all", kind: "all", label: labelOf("all", "all", first, last), from: first, to: last, months: monthsBetween(first, last), monthsLoaded: loaded.length, previous: null, yearEarlier: null, whole: true });
  for (const period of periods) {
    if (period.kind === "all") continue;
    const comparable = (other: SpendPeriod | undefined) => (other && other.monthsLoaded === period.monthsLoaded ? other.id : null);
    period.previous = comparable(byKind.get(`${period.kind} ${shiftMonth(period.from, -period.months)}`));
    // A year's previous period is the year before: the same comparison, named once.
    period.yearEarlier = period.kind === "year" ? null : comparable(byKind.get(`${period.kind} ${shiftMonth(period.from, -12)}`));
  }
  return periods;
}
