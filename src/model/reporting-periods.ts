// Reporting periods: UK financial quarters and years, months, and the periods a contract expects returns for.

/** How often a contract asks for social value returns. */
export type ReportingFrequency = "monthly" | "quarterly" | "annual" | "none";

/** A reporting period: its first and last days (ISO) and a label in one form whatever form it was written in. */
export interface ReportingPeriod {
  label: string;
  start: string;
  end: string;
}

const pad = (number: number) => String(number).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function monthPeriod(year: number, month: number): ReportingPeriod {
  return { label: `${year}-${pad(month)}`, start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month) };
}

/** Financial year starting April of `year`: "2024/25". */
export function yearLabel(year: number): string {
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

export function financialYear(year: number): ReportingPeriod {
  return { label: yearLabel(year), start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

/** The period of a given frequency that holds a day. */
export function periodHolding(day: string, frequency: Exclude<ReportingFrequency, "none">): ReportingPeriod {
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
