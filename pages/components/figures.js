// Picks figures out of the page data: every figure is computed in SQL (src/model/spend-figures.ts); pages
// filter these rows and format them, and never add them up again.

/** The periods offered for an institution: financial years, quarters, months (and all months when that is none of them). */
export function periodsFor(data, institution) {
  return data.periods.filter((p) => p.institution === institution);
}

/** The figures of one institution, definition key ("id vN", or null) and period id; undefined when none was computed. */
export function figureFor(data, { institution, definition, period }) {
  return data.figures.find((f) => f.institution === institution && f.definition === (definition ?? null) && f.period === period);
}

/** The months of one institution and definition within a period, in order. */
export function monthsFor(data, { institution, definition, from, to }) {
  return data.monthly.filter((m) => m.institution === institution && m.definition === (definition ?? null) && m.month >= from && m.month <= to);
}

/** The period a page opens on: the latest complete financial year, else all months loaded, else the first offered. */
export function defaultPeriod(periods) {
  const years = periods.filter((p) => p.kind === "year" && p.monthsLoaded === p.months);
  return years[years.length - 1] ?? periods.find((p) => p.kind === "all") ?? periods.find((p) => p.kind === "year") ?? periods[0];
}
