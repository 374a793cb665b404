// Every figure the site publishes is computed in SQL (src/model/spend-figures.ts) and carried by the page data;
// here each is recomputed independently, by this test's own SQL over the loaded payment lines, for every
// institution, definition and offered period, and every month. The overview's top lists, built in the page from
// its grouped snapshot, must equal the full facts' lists.
import { beforeAll, describe, expect, it } from "vitest";
import { categoryGaps, scopeFacts, supplierTotals } from "../../pages/components/spend-facts.js";
import { TOP_SUPPLIERS, groupedFactsSnapshot, overviewFactsSnapshot } from "../../src/site/page-data/overview-snapshot.js";
import { dictionaryColumns, withFactColumns } from "../../src/site/page-data/page-facts.js";
import { fromDictionaryColumns, readFigures, suppliersPaidFor } from "../../pages/components/figures.js";
import { spendFactsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse, type Warehouse } from "../../src/warehouse/warehouse.js";
import { demoWarehouse } from "../helpers/demo-site.js";

// The demo warehouse shared by the run's read-only tests: read here, never written.
let warehouse: string;
beforeAll(async () => {
  warehouse = await demoWarehouse();
});

/** Payment lines of unsuperseded spend files, one row per line and definition, classed and flagged: written for this test. */
const LINES = `
  WITH lines AS (
    SELECT s.institution_id, strftime(s.payment_date, '%Y-%m') AS month, s.amount, s.supplier_id
    FROM spend s JOIN source_files f ON f.file_id = s.file_id AND f.superseded_by IS NULL
  ),
  defs AS (SELECT definition_id || ' v' || version AS definition, definition_id, version, institution_id, excludes_public_bodies FROM local_definitions),
  classed AS (
    SELECT l.*, d.definition,
           (SELECT any_value(status) FROM supplier_locality sl WHERE sl.institution_id = l.institution_id AND sl.supplier_id = l.supplier_id
              AND sl.definition_id = d.definition_id AND sl.version = d.version) AS status,
           -- the institution's own register (the demo has no shared one)
           f.is_sme, f.is_vcse,
           (SELECT max(lp.iod2025_decile <= 2) FROM supplier_locations r JOIN located_postcodes lp ON lp.postcode_as_given = r.postcode_as_given
            WHERE r.institution_id = l.institution_id AND r.supplier_id = l.supplier_id AND r.basis = 'registered') AS deprived,
           -- a public body: the supplier's name key is a key of public_bodies, or begins with a prefix key and a space
           EXISTS (SELECT 1 FROM suppliers s JOIN public_bodies p ON (NOT p.prefix AND p.name_key = s.name_key) OR (p.prefix AND s.name_key LIKE p.name_key || ' %')
                   WHERE s.supplier_id = l.supplier_id) AS public_body,
           d.excludes_public_bodies
    FROM lines l JOIN defs d ON d.institution_id IS NULL OR d.institution_id = l.institution_id
    LEFT JOIN supplier_facts f ON f.institution_id = l.institution_id AND f.supplier_id = l.supplier_id
  )`;

async function independent(w: Warehouse, where: string): Promise<Map<string, Record<string, number | null>>> {
  const rows = await w.all<Record<string, unknown>>(
    `${LINES}
     SELECT institution_id, definition,
            sum(amount)::VARCHAR AS spend,
            coalesce(sum(amount) FILTER (status = 'local'), 0)::VARCHAR AS local,
            coalesce(sum(amount) FILTER (status = 'non_local'), 0)::VARCHAR AS non_local,
            coalesce(sum(amount) FILTER (status IS NULL OR status = 'unlocated'), 0)::VARCHAR AS unlocated,
            coalesce(sum(amount) FILTER (is_sme), 0)::VARCHAR AS sme,
            coalesce(sum(amount) FILTER (is_vcse), 0)::VARCHAR AS vcse,
            coalesce(sum(amount) FILTER (deprived), 0)::VARCHAR AS deprived,
            count(*) AS lines,
            coalesce(sum(amount) FILTER (public_body), 0)::VARCHAR AS public_bodies,
            CASE WHEN bool_or(excludes_public_bodies) THEN coalesce(sum(amount) FILTER (NOT public_body), 0)::VARCHAR END AS influenceable,
            CASE WHEN bool_or(excludes_public_bodies) THEN coalesce(sum(amount) FILTER (NOT public_body AND status = 'local'), 0)::VARCHAR END AS local_influenceable
     FROM classed WHERE ${where} GROUP BY ALL`,
  );
  return new Map(rows.map((r) => [`${r.institution_id} ${r.definition}`, {
    spend: Number(r.spend), local: Number(r.local), nonLocal: Number(r.non_local), unlocated: Number(r.unlocated),
    sme: Number(r.sme), vcse: Number(r.vcse), deprived: Number(r.deprived), lines: Number(r.lines), publicBodies: Number(r.public_bodies),
    influenceable: r.influenceable === null ? null : Number(r.influenceable), localInfluenceable: r.local_influenceable === null ? null : Number(r.local_influenceable),
  }]));
}

function expectSame(published: Record<string, unknown>, expected: Record<string, number | null> | undefined, label: string) {
  expect(expected, label).toBeDefined();
  for (const name of ["spend", "local", "nonLocal", "unlocated", "sme", "vcse", "deprived", "publicBodies"]) {
    expect(Math.round(Number(published[name]) * 100), `${label} ${name}`).toBe(Math.round(expected![name]! * 100));
  }
  // Null for a definition that keeps public bodies in its denominator (no excludePublicBodies).
  for (const name of ["influenceable", "localInfluenceable"]) {
    expect(published[name] === null ? null : Math.round(Number(published[name]) * 100), `${label} ${name}`).toBe(expected![name] === null ? null : Math.round(expected![name]! * 100));
  }
  expect(published.lines, `${label} lines`).toBe(expected!.lines);
  const shares = { localShare: "local", unlocatedShare: "unlocated", smeShare: "sme", vcseShare: "vcse", deprivedShare: "deprived", publicBodiesShare: "publicBodies" } as const;
  for (const [share, part] of Object.entries(shares)) {
    expect(Number(published[share]), `${label} ${share}`).toBeCloseTo(expected![part]! / expected!.spend!, 5);
  }
  const influenceable = expected!.influenceable;
  if (influenceable === null || influenceable === 0) expect(published.localInfluenceableShare, `${label} localInfluenceableShare`).toBeNull();
  else expect(Number(published.localInfluenceableShare), `${label} localInfluenceableShare`).toBeCloseTo(expected!.localInfluenceable! / influenceable!, 5);
}

describe("the page data's figures", () => {
  it("equal an independent computation for every institution, definition and offered period, and every month", async () => {
    const { snapshot, checks } = await withWarehouse(warehouse, "read", async (w) => {
      const snapshot = readFigures(await overviewFactsSnapshot(w)) as Omit<Awaited<ReturnType<typeof overviewFactsSnapshot>>, "figures" | "monthly" | "top"> & { figures: Record<string, unknown>[]; monthly: Record<string, unknown>[]; top: Record<string, unknown>[] };
      const checks = [];
      for (const period of snapshot.periods) {
        const expected = await independent(w, `institution_id = '${period.institution}' AND month BETWEEN '${period.from}' AND '${period.to}'`);
        checks.push({ period, expected });
      }
      const byMonth = new Map<string, Map<string, Record<string, number | null>>>();
      for (const month of new Set(snapshot.monthly.map((m) => String(m.month)))) byMonth.set(month, await independent(w, `month = '${month}'`));
      return { snapshot, checks: { periods: checks, byMonth } };
    });
    expect(snapshot.periods.length).toBeGreaterThanOrEqual(12 + 4 + 1);
    const definitions = new Set(snapshot.definitions.map((d) => d.key));
    expect(definitions.size).toBeGreaterThanOrEqual(4);
    let compared = 0;
    for (const { period, expected } of checks.periods) {
      for (const definition of definitions) {
        const published = snapshot.figures.find((f) => f.institution === period.institution && f.definition === definition && f.period === period.id);
        expect(published, `${period.id} ${definition}`).toBeDefined();
        expectSame(published!, expected.get(`${period.institution} ${definition}`), `${period.institution} ${period.id} ${definition}`);
        compared++;
      }
    }
    expect(compared).toBe(snapshot.figures.length);
    for (const row of snapshot.monthly) expectSame(row, checks.byMonth.get(String(row.month))!.get(`${row.institution} ${row.definition}`), `${row.month} ${row.definition}`);
  });

  it("carries no redacted payee's name, only \"Redacted payee\"", async () => {
    const snapshot = await withWarehouse(warehouse, "read", spendFactsSnapshot);
    expect(snapshot.suppliers.filter((s) => /redacted|personal data/i.test(s.name)).map((s) => s.name)).toEqual(["Redacted payee"]);
  });
});

describe("the overview's top suppliers", () => {
  // Each offered period's top list (SQL, src/model/spend-figures.ts) must be the list the full spend facts give,
  // ranked here in the test by plain JavaScript; checked with the overview's own length and with a top 3.
  it.each([TOP_SUPPLIERS, 3])("are the full facts' top %i suppliers for every period", async (topSuppliers) => {
    const { full, overview } = await withWarehouse(warehouse, "read", async (w) => ({
      full: await spendFactsSnapshot(w),
      overview: readFigures(await overviewFactsSnapshot(w, topSuppliers)) as { top: { institution: string; period: string; supplier: string; spend: number; lines: number }[]; suppliers: { id: string }[] },
    }));
    const names = new Map(full.suppliers.map((s) => [s.id, s.name]));
    for (const period of full.periods) {
      const totals = new Map<string, { spend: number; lines: number }>();
      for (const fact of full.facts.filter((f) => f.institution === period.institution && f.month >= period.from && f.month <= period.to)) {
        const total = totals.get(fact.supplier) ?? { spend: 0, lines: 0 };
        total.spend += fact.spend;
        total.lines += fact.lines;
        totals.set(fact.supplier, total);
      }
      const expected = [...totals].map(([supplier, t]) => [names.get(supplier), Math.round(t.spend * 100), t.lines] as const)
        .sort((a, b) => b[1] - a[1]).slice(0, topSuppliers);
      const listed = overview.top.filter((t) => t.institution === period.institution && t.period === period.id)
        .map((t) => [names.get(t.supplier), Math.round(t.spend * 100), t.lines] as const);
      expect(listed.map((row) => row[1]), `${period.id} spend`).toEqual(expected.map((row) => row[1]));
      expect(new Set(listed.map((row) => row[0])).size).toBe(listed.length);
    }
    expect(overview.suppliers.every((s) => overview.top.some((t) => t.supplier === s.id))).toBe(true);
  });
});

describe("the Suppliers and Market snapshots (src/site/page-data/page-data-files.ts)", () => {
  // Each groups suppliers the page cannot show one by one; what the page shows must be the full facts' figure.
  // Small top lists (3, and 1 local supplier per category) leave most demo suppliers to groups.
  const load = () => withWarehouse(warehouse, "read", async (w) => ({
    full: await spendFactsSnapshot(w),
    suppliers: (await groupedFactsSnapshot(w, { topSuppliers: 3, byCategory: true, suppliersPaid: true })) as unknown as Awaited<ReturnType<typeof spendFactsSnapshot>>,
    market: (await groupedFactsSnapshot(w, { topSuppliers: 0, byCategory: true, topLocalPerCategory: 1 })) as unknown as Awaited<ReturnType<typeof spendFactsSnapshot>>,
  }));
  const cents = (n: number) => Math.round(n * 100);

  it("Suppliers: the top suppliers of every period, with their class, main category, spend and lines", async () => {
    const { full, suppliers } = await load();
    expect(suppliers.facts.length).toBeLessThan(full.facts.length);
    for (const { from, to, id } of full.periods.filter((p) => p.institution === "DEMO")) {
      for (const { key } of full.definitions) {
        const top = (data: typeof full) => supplierTotals(data, scopeFacts(data, { institution: "DEMO", from, to }), key)
          .filter((s) => !s.group).slice(0, 3).map((s) => [s.supplier, s.status, s.sme, s.vcse, s.category, cents(s.spend), s.lines]);
        expect(top(suppliers), `${id} ${key}`).toEqual(top(full));
      }
    }
  });

  it("Suppliers: the count of suppliers paid in every period is of all of them, not of the few listed one by one", async () => {
    const { full, suppliers } = await load();
    const paid = { suppliersPaid: fromDictionaryColumns((suppliers as unknown as { suppliersPaid: ReturnType<typeof dictionaryColumns> }).suppliersPaid) };
    let groupedFewer = 0;
    for (const { from, to, id } of full.periods.filter((p) => p.institution === "DEMO")) {
      const expected = supplierTotals(full, scopeFacts(full, { institution: "DEMO", from, to }), null).length;
      expect(suppliersPaidFor(paid, { institution: "DEMO", period: id }), id).toBe(expected);
      if (supplierTotals(suppliers, scopeFacts(suppliers, { institution: "DEMO", from, to }), null).length < expected) groupedFewer++;
    }
    // The grouped facts give fewer rows (what the page counted before): the count must not come from them.
    expect(groupedFewer).toBeGreaterThan(0);
  });

  it("Market: every category's spend by class and its largest local supplier, for every period and definition", async () => {
    const { full, market } = await load();
    // With nine demo definitions (the 2026 Order pair among them), every demo supplier is some category's largest
    // local supplier under some definition, so grouping may keep every row; it must never add any.
    expect(market.facts.length).toBeLessThanOrEqual(full.facts.length);
    for (const { from, to, id } of full.periods.filter((p) => p.institution === "DEMO")) {
      for (const { key } of full.definitions) {
        const gaps = (data: typeof full) => categoryGaps(data, scopeFacts(data, { institution: "DEMO", from, to }), key)
          .map((g) => [g.category, cents(g.spend), cents(g.local), cents(g.nonLocal), cents(g.unlocated), g.localSuppliers[0]?.name ?? null, cents(g.localSuppliers[0]?.spend ?? 0)]);
        expect(gaps(market), `${id} ${key}`).toEqual(gaps(full));
      }
    }
  });

  it("Market: the local suppliers already paid in each category are all of them, not only the few it names", async () => {
    const { full, market } = await load();
    const counted = fromDictionaryColumns((market as unknown as { localSuppliersPaid: ReturnType<typeof dictionaryColumns> }).localSuppliersPaid) as
      { institution: string; period: string; definition: string; category: string; suppliers: number }[];
    let namedFewer = 0;
    for (const { from, to, id } of full.periods.filter((p) => p.institution === "DEMO")) {
      for (const { key } of full.definitions) {
        // By hand from the full facts: per category, each supplier's net spend in the period; local ones above zero.
        const net = new Map<string, number>();
        for (const f of scopeFacts(full, { institution: "DEMO", from, to })) net.set(`${f.category}\u0000${f.supplier}`, (net.get(`${f.category}\u0000${f.supplier}`) ?? 0) + f.spend);
        const status = new Map(full.suppliers.map((s) => [s.id, s.status[key]]));
        const expected = new Map<string, number>();
        for (const [pair, spend] of net) {
          const [category, supplier] = pair.split("\u0000") as [string, string];
          if (spend > 0.005 && status.get(supplier) === "local") expected.set(category, (expected.get(category) ?? 0) + 1);
        }
        const published = new Map(counted.filter((r) => r.institution === "DEMO" && r.period === id && r.definition === key).map((r) => [r.category, r.suppliers]));
        expect(published, `${id} ${key}`).toEqual(expected);
        for (const gap of categoryGaps(market, scopeFacts(market, { institution: "DEMO", from, to }), key)) {
          if (gap.localSuppliers.length < (published.get(gap.category) ?? 0)) namedFewer++;
        }
      }
    }
    // The named local suppliers (what the page counted before) fall short somewhere: the count must not come from them.
    expect(namedFewer).toBeGreaterThan(0);
  });

  it("reach the page as dictionary columns that read back to the same facts, through JSON", async () => {
    const { suppliers } = await load();
    const written = JSON.parse(JSON.stringify(withFactColumns(suppliers as unknown as Parameters<typeof withFactColumns>[0]))) as { facts: ReturnType<typeof dictionaryColumns> };
    expect(fromDictionaryColumns(written.facts)).toEqual(suppliers.facts.map((fact) => ({ ...fact, category: fact.category ?? "" })));
    // Text once per distinct value: a supplier id is not repeated on each of its rows.
    expect((written.facts.columns.supplier as { dictionary: unknown[] }).dictionary.length).toBe(new Set(suppliers.facts.map((f) => f.supplier)).size);
    // Mixed columns (text and null, numbers) are kept as their values.
    expect(fromDictionaryColumns(dictionaryColumns([{ a: "x", b: null, c: 1 }, { a: "x", b: "y", c: 2.5 }]))).toEqual([{ a: "x", b: null, c: 1 }, { a: "x", b: "y", c: 2.5 }]);
  });
});
