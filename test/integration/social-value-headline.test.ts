// The social value headline (src/model/social-value-headline.ts) against sums worked out here: the test's own SQL
// over the loaded return rows (sv_returns, current rows only) and measures (sv_measures), and the one proxy value
// of the demo framework read from data/demo/social-value/priorities.json. Never a mean of ratios.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deliveryHeadline } from "../../src/model/social-value-headline.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { demoWarehouse } from "../helpers/demo-site.js";

describe("the social value headline", () => {
  it("sums delivered against committed per unit and in proxy value, and counts measures under, on and over commitment", async () => {
    const warehouse = await demoWarehouse();
    const { headline, measures } = await withWarehouse(warehouse, "read", async (w) => ({
      headline: await deliveryHeadline(w, { institutionId: "DEMO" }),
      measures: await w.all<{ measure: string; unit: string; committed: string; delivered: string }>(
        `SELECT r.measure_code AS measure, any_value(m.unit) AS unit,
                sum(coalesce(r.committed, 0))::VARCHAR AS committed, sum(coalesce(r.delivered, 0))::VARCHAR AS delivered
         FROM sv_returns r LEFT JOIN sv_measures m ON m.measure_code = r.measure_code AND m.superseded_by IS NULL
         WHERE r.superseded_by IS NULL GROUP BY r.measure_code`,
      ),
    }));
    const rows = measures.map((m) => ({ ...m, committed: Number(m.committed), delivered: Number(m.delivered) }));
    expect(rows.length).toBe(10);
    const under = rows.filter((m) => m.committed > 0 && m.delivered < m.committed * 0.995).length;
    const over = rows.filter((m) => m.committed > 0 && m.delivered > m.committed * 1.005).length;
    expect(headline.measures).toEqual({ committed: 10, under, over, on: 10 - under - over });
    for (const unit of new Set(rows.map((m) => m.unit))) {
      const ofUnit = rows.filter((m) => m.unit === unit);
      const published = headline.byUnit.find((u) => u.unit === unit)!;
      expect(published.measures, unit).toBe(ofUnit.length);
      expect(published.committed).toBeCloseTo(ofUnit.reduce((sum, m) => sum + m.committed, 0), 6);
      expect(published.delivered).toBeCloseTo(ofUnit.reduce((sum, m) => sum + m.delivered, 0), 6);
    }
    const framework = JSON.parse(readFileSync("data/demo/social-value/priorities.json", "utf-8")) as { priorities: { measures: { code: string; proxy?: { valuePerUnit: number } }[] }[] };
    const proxied = framework.priorities.flatMap((p) => p.measures).filter((m) => m.proxy);
    expect(proxied.map((m) => m.code)).toEqual(["ENV-CO2E"]);
    const co2 = rows.find((m) => m.measure === "ENV-CO2E")!;
    expect(headline.proxy).toEqual({ measures: 1, committed: co2.committed * 245, delivered: co2.delivered * 245 });
  });
});
