// The pages aggregate the spend-facts snapshot in the browser; those aggregates must equal the warehouse's
// own SQL figures (src/model/metrics.ts) for every definition.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measures, monthlyMeasures, scopeFacts, monthsOf, supplierTotals } from "../../pages/components/spend-facts.js";
import { compareDefinitions, resolveScope } from "../../src/model/metrics.js";
import { TOP_SUPPLIERS, overviewFactsSnapshot } from "../../src/site/page-data/overview-snapshot.js";
import { spendFactsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const warehouse = join(folder.path, "w.duckdb");
beforeAll(() => {
  const load = runCli(["load", "data/demo", "--warehouse", warehouse]);
  if (load.status !== 0) throw new Error(load.stderr);
});
afterAll(() => folder.cleanup());

describe("site aggregates", () => {
  it("equal the warehouse's figures under every definition, for the whole period", async () => {
    const { snapshot, compared } = await withWarehouse(warehouse, "read", async (w) => ({
      snapshot: await spendFactsSnapshot(w),
      compared: await compareDefinitions(w, await resolveScope(w)),
    }));
    const months = monthsOf(snapshot, "DEMO");
    const facts = scopeFacts(snapshot, { institution: "DEMO", from: months[0]!, to: months[months.length - 1]! });
    expect(compared.length).toBeGreaterThanOrEqual(4);
    for (const { definition, headline } of compared) {
      const fromSnapshot = measures(snapshot, facts, `${definition.id} v${definition.version}`);
      expect(Math.round(fromSnapshot.spend * 100), definition.id).toBe(Math.round(headline.totalSpend * 100));
      expect(Math.round(fromSnapshot.local * 100), definition.id).toBe(Math.round(headline.localSpend * 100));
      expect(Math.round(fromSnapshot.unlocated * 100), definition.id).toBe(Math.round(headline.unlocatedSpend * 100));
    }
  });

  it("carries no redacted payee's name, only \"Redacted payee\"", async () => {
    const snapshot = await withWarehouse(warehouse, "read", spendFactsSnapshot);
    expect(snapshot.suppliers.filter((s) => /redacted|personal data/i.test(s.name)).map((s) => s.name)).toEqual(["Redacted payee"]);
  });
});

describe("the overview's snapshot", () => {
  // src/site/page-data/overview-snapshot.ts groups suppliers that cannot make a top list: every figure the overview shows,
  // for every period it offers and every definition, must be the full facts' figure. Checked with the
  // overview's own top list, and with a top 3, which leaves most demo suppliers to groups.
  it.each([TOP_SUPPLIERS, 3])("gives the full facts' measures, monthly measures and top %i suppliers for every period and definition", async (topSuppliers) => {
    const { full, overview } = await withWarehouse(warehouse, "read", async (w) => ({
      full: await spendFactsSnapshot(w),
      overview: (await overviewFactsSnapshot(w, topSuppliers)) as unknown as Awaited<ReturnType<typeof spendFactsSnapshot>>,
    }));
    const months = monthsOf(full, "DEMO");
    expect(monthsOf(overview, "DEMO")).toEqual(months);
    if (topSuppliers === 3) {
      expect(overview.suppliers.filter((s) => (s as { group?: boolean }).group).length).toBeGreaterThan(0);
      expect(overview.facts.length).toBeLessThan(full.facts.length);
    }
    const pennies = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([key]) => !key.endsWith("Share")).map(([key, value]) => [key, typeof value === "number" ? Math.round(value * 100) : value]));
    const shares = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([key]) => key.endsWith("Share")).map(([key, value]) => [key, value === null ? null : Math.round((value as number) * 1e9)]));
    let periods = 0;
    for (const [i, from] of months.entries()) {
      for (const to of months.slice(i)) {
        periods++;
        const fullFacts = scopeFacts(full, { institution: "DEMO", from, to });
        const overviewFacts = scopeFacts(overview, { institution: "DEMO", from, to });
        for (const { key } of full.definitions) {
          expect(pennies(measures(overview, overviewFacts, key)), `${from}–${to} ${key}`).toEqual(pennies(measures(full, fullFacts, key)));
          expect(shares(measures(overview, overviewFacts, key))).toEqual(shares(measures(full, fullFacts, key)));
          expect(monthlyMeasures(overview, overviewFacts, key).map(pennies)).toEqual(monthlyMeasures(full, fullFacts, key).map(pennies));
          const top = (data: typeof full, facts: typeof fullFacts) => supplierTotals(data, facts, key).filter((s) => !s.group).slice(0, topSuppliers).map((s) => [s.supplier, s.status, Math.round(s.spend * 100), s.lines]);
          expect(top(overview, overviewFacts), `${from}–${to} ${key}`).toEqual(top(full, fullFacts));
        }
      }
    }
    expect(periods).toBe((months.length * (months.length + 1)) / 2);
  });
});
