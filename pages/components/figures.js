// Picks figures out of the page data: every figure is computed in SQL (src/model/spend-figures.ts); pages
// filter these rows and format them, and never add them up again.

/** Reads back the page data's tables written as {columns, rows} (src/site/page-data/overview-snapshot.ts columnar). */
export function fromColumns(table) {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column, row[index]])));
}

/** Reads back the page data's tables written as {length, columns} (src/site/page-data/page-facts.ts dictionaryColumns). */
export function fromDictionaryColumns(table) {
  const columns = Object.entries(table.columns).map(([name, column]) => [name, column.index ? column.index.map((i) => column.dictionary[i]) : column.values]);
  return Array.from({length: table.length}, (_, row) => Object.fromEntries(columns.map(([name, values]) => [name, values[row]])));
}

/** The overview's page data with its tables as rows of objects. */
export function readFigures(data) {
  return { ...data, figures: fromColumns(data.figures), monthly: fromColumns(data.monthly), top: fromColumns(data.top) };
}

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

/** A period's top suppliers, largest first, each with its class under the definition (unlocated with none). */
export function topSuppliersFor(data, { institution, definition, period }) {
  const suppliers = new Map(data.suppliers.map((s) => [s.id, s]));
  return data.top
    .filter((t) => t.institution === institution && t.period === period)
    .map((t) => ({ supplier: suppliers.get(t.supplier)?.name ?? t.supplier, status: suppliers.get(t.supplier)?.status?.[definition] ?? "unlocated", totalSpend: t.spend, lines: t.lines }));
}

/** Market development: how many local suppliers were paid in each category (a Map by category), counted in SQL over every supplier. */
export function localSuppliersPaidFor(data, { institution, period, definition }) {
  return new Map(data.localSuppliersPaid.filter((r) => r.institution === institution && r.period === period && r.definition === definition).map((r) => [r.category, r.suppliers]));
}

/** How many suppliers were paid in an offered period (counted in SQL over every supplier: src/model/spend-figures.ts suppliersPaidByPeriod). */
export function suppliersPaidFor(data, { institution, period }) {
  return data.suppliersPaid.find((r) => r.institution === institution && r.period === period)?.suppliers ?? 0;
}
