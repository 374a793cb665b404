import { parseDate } from "./parse-date.js";
import type { Parsed, ReportingFrequency } from "./parse-social-value-cells.js";

/** A reporting period: its first and last days (ISO) and a label in one form whatever form it was written in. */
export interface ReportingPeriod {
  label: string;
  start: string;
  end: string;
}

export const PERIOD_EXPECTED =
  "expected a UK financial quarter such as 2024/25 Q1 (April–June 2024), a month such as 2024-04 or April 2024, " +
  "a financial year such as 2024/25, or dates such as 2024-04-01 to 2024-06-30";

const pad = (number: number) => String(number).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function monthPeriod(year: number, month: number): ReportingPeriod {
  return { label: `${year}-${pad(month)}`, start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month) };
}

/** Financial year starting April of `year`: "2024/25". */
function yearLabel(year: number): string {
  return `${year}/${pad((year + 1) % 100)}`;
}

/** Quarter 1–4 of the UK financial year that starts in April of `year`. */
export function financialQuarter(year: number, quarter: number): ReportingPeriod {
  const firstMonth = 4 + (quarter - 1) * 3;
  const startYear = firstMonth > 12 ? year + 1 : year;
  const startMonth = ((firstMonth - 1) % 12) + 1;
  return {
    label: `${yearLabel(year)} Q${quarter}`,
    start: `${startYear}-${pad(startMonth)}-01`,
    end: lastDayOfMonth(startYear, startMonth + 2),
  };
}

function financialYear(year: number): ReportingPeriod {
  return { label: yearLabel(year), start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

/** "2024/25", "2024-25", "FY2024/25", "FY 24/25" → 2024, when the second year follows the first. */
function financialYearStart(text: string): number | null {
  const match = /^(?:FY\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})$/i.exec(text);
  if (!match) return null;
  const first = match[1]!.length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  const second = Number(match[2]);
  return (match[2]!.length === 2 ? second === (first + 1) % 100 : second === first + 1) ? first : null;
}

/** Parses a reporting period as suppliers write it. A bare "2024 Q1" is refused: calendar or financial quarter? */
export function parseReportingPeriod(raw: string): Parsed<ReportingPeriod> {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: false, reason: `the reporting period is empty (${PERIOD_EXPECTED})` };
  const range = /^(.+?)\s+(?:to|-|–)\s+(.+)$/.exec(text);
  if (range) {
    const start = parseDate(range[1]!);
    const end = parseDate(range[2]!);
    if (start && end && start <= end) return { ok: true, value: { label: `${start} to ${end}`, start, end } };
  }
  const quarter = /^(?:(.+?)\s*Q([1-4])|Q([1-4])\s*(.+))$/i.exec(text);
  if (quarter) {
    const yearText = (quarter[1] ?? quarter[4]!).trim();
    const number = Number(quarter[2] ?? quarter[3]);
    const year = financialYearStart(yearText);
    if (year !== null) return { ok: true, value: financialQuarter(year, number) };
    if (/^\d{4}$/.test(yearText)) {
      return { ok: false, reason: `"${raw}" is ambiguous: a calendar or a financial quarter? (write e.g. ${yearLabel(Number(yearText))} Q${number} for a financial quarter, or the dates)` };
    }
  }
  const month = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12 && financialYearStart(text) === null) {
    return { ok: true, value: monthPeriod(Number(month[1]), Number(month[2])) };
  }
  const year = financialYearStart(text);
  if (year !== null) return { ok: true, value: financialYear(year) };
  if (/^[A-Za-z]{3,9}[- ](\d{4}|\d{2})$/.test(text)) {
    const first = parseDate(text);
    if (first) return { ok: true, value: monthPeriod(Number(first.slice(0, 4)), Number(first.slice(5, 7))) };
  }
  return { ok: false, reason: `"${raw}" is not a reporting period (${PERIOD_EXPECTED})` };
}

/** The period of a given frequency that holds a day. */
function periodHolding(day: string, frequency: Exclude<ReportingFrequency, "none">): ReportingPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (frequency === "monthly") return monthPeriod(year, month);
  const fiscalYear = month >= 4 ? year : year - 1;
  if (frequency === "annual") return financialYear(fiscalYear);
  return financialQuarter(fiscalYear, Math.floor(((month + 8) % 12) / 3) + 1);
}

function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The periods a contract expects returns for: every period of its frequency that overlaps the contract
 * (start to end) and has ended by `asOf`. None for frequency "none".
 */
export function expectedPeriods(start: string, end: string, frequency: ReportingFrequency, asOf: string): ReportingPeriod[] {
  if (frequency === "none") return [];
  const periods: ReportingPeriod[] = [];
  for (let period = periodHolding(start, frequency); period.start <= end && period.end <= asOf; period = periodHolding(dayAfter(period.end), frequency)) {
    periods.push(period);
  }
  return periods;
}
