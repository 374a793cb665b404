// The pages aggregate the spend-facts snapshot in the browser; those aggregates must equal the warehouse's
// own SQL figures (src/metrics.ts) for every definition.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measures, scopeFacts, monthsOf } from "../../pages/components/spend-facts.js";
import { compareDefinitions, resolveScope } from "../../src/metrics.js";
import { spendFactsSnapshot } from "../../src/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";
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
