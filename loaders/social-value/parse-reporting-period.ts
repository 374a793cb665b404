import { parseDate } from "../cells/parse-date.js";
import { bad, type Parsed } from "./parse-social-value-cells.js";
import { financialQuarter, financialYear, monthPeriod, yearLabel, type ReportingPeriod } from "../../src/model/reporting-periods.js";

export type { ReportingPeriod };

export const PERIOD_EXPECTED =
  "expected a UK financial quarter such as 2024/25 Q1 (April–June 2024), a month such as 2024-04 or April 2024, " +
  "a financial year such as 2024/25, or dates such as 2024-04-01 to 2024-06-30";

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
  if (text === "") return bad("missing-value", `the reporting period is empty (${PERIOD_EXPECTED})`);
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
      return bad("ambiguous-value", `"${raw}" is ambiguous: a calendar or a financial quarter? (write e.g. ${yearLabel(Number(yearText))} Q${number} for a financial quarter, or the dates)`);
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
  return bad("not-a-period", `"${raw}" is not a reporting period (${PERIOD_EXPECTED})`);
}
