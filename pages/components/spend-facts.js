// Filters of the spend facts snapshot (data/spend-facts.json) by the page's inputs (institution, period, definition),
// and the supplier and category lists built from them. Headline figures and shares are not computed here: they
// come computed in SQL (src/model/spend-figures.ts, pages/components/figures.js).

/** The months an institution has spend in, in order ("2024-04"…). */
export function monthsOf(data, institution) {
  return [...new Set(data.facts.filter((f) => f.institution === institution).map((f) => f.month))].sort();
}

/** Definitions that apply to an institution: its own and shared ones, headline first. */
export function definitionsFor(data, institution) {
  return data.definitions.filter((d) => d.institution === null || d.institution === institution);
}

/** The facts of one institution within a period of months (inclusive). */
export function scopeFacts(data, { institution, from, to }) {
  return data.facts.filter((f) => f.institution === institution && f.month >= from && f.month <= to);
}

function supplierIndex(data) {
  return new Map(data.suppliers.map((s) => [s.id, s]));
}

/**
 * Each supplier's spend, lines, class, SME/VCSE flags and main category, largest first. In the overview's
 * snapshot some rows are groups of suppliers (`group: true`), never to be listed as one supplier.
 */
export function supplierTotals(data, facts, definitionKey) {
  const suppliers = supplierIndex(data);
  const bySupplier = new Map();
  for (const fact of facts) {
    let row = bySupplier.get(fact.supplier);
    if (!row) {
      const supplier = suppliers.get(fact.supplier);
      row = { supplier: supplier?.name ?? fact.supplier, status: supplier?.status?.[definitionKey] ?? "unlocated", sme: supplier?.sme ?? null, vcse: supplier?.vcse ?? null, group: supplier?.group ?? false, spend: 0, lines: 0, categories: new Map() };
      bySupplier.set(fact.supplier, row);
    }
    row.spend += fact.spend;
    row.lines += fact.lines;
    row.categories.set(fact.category, (row.categories.get(fact.category) ?? 0) + fact.spend);
  }
  return [...bySupplier.values()]
    .map(({ categories, ...row }) => ({ ...row, category: [...categories].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "" }))
    .sort((a, b) => b.spend - a.spend || a.supplier.localeCompare(b.supplier));
}

/**
 * Market development: per category, spend with suppliers that are not local, and the local suppliers
 * already paid in that category (where spend could move), largest non-local spend first.
 */
export function categoryGaps(data, facts, definitionKey) {
  const suppliers = supplierIndex(data);
  const byCategory = new Map();
  for (const fact of facts) {
    let row = byCategory.get(fact.category);
    if (!row) byCategory.set(fact.category, (row = { category: fact.category, spend: 0, local: 0, nonLocal: 0, unlocated: 0, localSuppliers: new Map() }));
    const supplier = suppliers.get(fact.supplier);
    const status = supplier?.status?.[definitionKey] ?? "unlocated";
    row.spend += fact.spend;
    if (status === "local") {
      row.local += fact.spend;
      // A group of suppliers (Market's snapshot keeps the largest local ones one by one) is never named.
      if (!supplier.group) row.localSuppliers.set(supplier.name, (row.localSuppliers.get(supplier.name) ?? 0) + fact.spend);
    } else if (status === "non_local") row.nonLocal += fact.spend;
    else row.unlocated += fact.spend;
  }
  return [...byCategory.values()]
    .map(({ localSuppliers, ...row }) => ({
      ...row,
      localShare: row.spend === 0 ? null : row.local / row.spend,
      localSuppliers: [...localSuppliers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, spend]) => ({ name, spend })),
    }))
    // Ties by name: the order never depends on the order of the facts (supplier ids are salted per build).
    .sort((a, b) => b.nonLocal - a.nonLocal || a.category.localeCompare(b.category));
}
