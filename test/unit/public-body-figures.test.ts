// Spend with public bodies and the local share of influenceable spend (src/model/spend-figures.ts, metrics.ts,
// public-body-spend.ts) on a made-up institution of five suppliers, two of them public bodies, under a definition
// that leaves public bodies out (excludePublicBodies) and one that does not: every expected figure is worked out
// by hand below. And the definition option's round trip through the definitions loader.
import { describe, expect, it } from "vitest";
import { loadDefinitions } from "../../loaders/definitions/load-definitions.js";
import { refreshPublicBodies } from "../../loaders/reference/load-public-bodies.js";
import { supplierId, supplierNameKey } from "../../loaders/schema/normalise-supplier-name.js";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { publicBodySpend } from "../../src/model/public-body-spend.js";
import { spendFigures } from "../../src/model/spend-figures.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { withTempWarehouse } from "../helpers/temp-warehouse.js";

const definition = (id: string, excludePublicBodies?: unknown) => JSON.stringify({
  id, version: 1, name: id, description: `E8 postcodes (${id})`, kind: "postcode-prefixes", prefixes: ["E8"],
  ...(excludePublicBodies === undefined ? {} : { excludePublicBodies }),
});

// Supplier, its class under both definitions, and its spend in April and May 2024 (pounds).
const SUPPLIERS = [
  { name: "Hackney Council", status: "local", april: 1_000, may: 0 }, // a council (E09000012): public
  { name: "HMRC", status: "non_local", april: 500, may: 0 }, // HMRC: public
  { name: "Acme Builders Ltd", status: "local", april: 2_000, may: 750 },
  { name: "Faraway Supplies Ltd", status: "non_local", april: 1_500, may: 0 },
  { name: "Unplaced Ltd", status: "unlocated", april: 250, may: 0 },
];

async function madeUp(warehouse: Warehouse): Promise<void> {
  await warehouse.transaction(() => refreshPublicBodies(warehouse));
  await warehouse.run("INSERT INTO institutions (institution_id, name, kind, is_demo) VALUES ('T1', 'Test trust', 'nhs-trust', false)");
  await warehouse.run(`INSERT INTO source_files (file_id, path, sha256, kind, institution_id, rows_read, rows_loaded, rows_quarantined, loaded_at)
                       VALUES (1, 'spend.csv', 'a', 'spend', 'T1', 6, 6, 0, current_timestamp), (2, 'cles.json', 'b', 'definitions', 'T1', 1, 1, 0, current_timestamp),
                              (3, 'plain.json', 'c', 'definitions', 'T1', 1, 1, 0, current_timestamp)`);
  await loadDefinitions(warehouse, definition("cles", true), "cles.json", 2, "T1");
  await loadDefinitions(warehouse, definition("plain"), "plain.json", 3, "T1");
  let row = 0;
  for (const supplier of SUPPLIERS) {
    const id = supplierId(supplierNameKey(supplier.name));
    await warehouse.run("INSERT INTO suppliers VALUES (?, ?, ?, false)", [id, supplier.name, supplierNameKey(supplier.name)]);
    for (const [date, amount] of [["2024-04-10", supplier.april], ["2024-05-10", supplier.may]] as const) {
      if (amount === 0) continue;
      await warehouse.run("INSERT INTO spend (file_id, row_number, institution_id, payment_date, amount, supplier_id, is_redacted) VALUES (1, ?, 'T1', ?::DATE, ?, ?, false)",
        [++row, date, amount, id]);
    }
    for (const definitionId of ["cles", "plain"]) {
      await warehouse.run("INSERT INTO supplier_locality (supplier_id, definition_id, version, status, reason, institution_id) VALUES (?, ?, 1, ?, 'test', 'T1')",
        [id, definitionId, supplier.status]);
    }
  }
}

describe("spend with public bodies and the local share of influenceable spend", () => {
  it("are the hand-worked figures, by period and definition, in the headline and in the report's figures", async () => {
    const { figures, monthly, scoped, report } = await withTempWarehouse(async (warehouse) => {
      await madeUp(warehouse);
      const { figures, monthly } = await spendFigures(warehouse);
      const scoped: Record<string, Awaited<ReturnType<typeof headline>>> = {};
      for (const id of ["cles", "plain"]) scoped[id] = await headline(warehouse, await resolveScope(warehouse, { institutionId: "T1", definitionId: id }));
      return { figures, monthly, scoped, report: await publicBodySpend(warehouse) };
    });
    const pick = (rows: readonly Record<string, unknown>[], where: Record<string, string>) => {
      const found = rows.find((r) => Object.entries(where).every(([k, v]) => r[k] === v));
      expect(found, JSON.stringify(where)).toBeDefined();
      const { publicBodies, publicBodiesShare, influenceable, localInfluenceable, localInfluenceableShare, local, localShare, spend } = found!;
      return { spend, local, localShare, publicBodies, publicBodiesShare, influenceable, localInfluenceable, localInfluenceableShare };
    };
    // April: 5,250 spent; public bodies 1,000 + 500 = 1,500 (1,500 / 5,250 = 0.285714); local 1,000 + 2,000 = 3,000
    // (0.571429); influenceable 5,250 − 1,500 = 3,750, of it local 2,000 (2,000 / 3,750 = 0.533333).
    expect(pick(monthly, { month: "2024-04", definition: "cles v1" })).toEqual({
      spend: 5_250, local: 3_000, localShare: 0.571429, publicBodies: 1_500, publicBodiesShare: 0.285714,
      influenceable: 3_750, localInfluenceable: 2_000, localInfluenceableShare: 0.533333,
    });
    // The definition that keeps public bodies in: the same spend and local share, no influenceable figures.
    expect(pick(monthly, { month: "2024-04", definition: "plain v1" })).toEqual({
      spend: 5_250, local: 3_000, localShare: 0.571429, publicBodies: 1_500, publicBodiesShare: 0.285714,
      influenceable: null, localInfluenceable: null, localInfluenceableShare: null,
    });
    // The financial year 2024/25 (April and May): 6,000 spent; public 1,500 (0.25); local 3,750 (0.625);
    // influenceable 4,500, of it local 2,750 (2,750 / 4,500 = 0.611111).
    const year = { spend: 6_000, local: 3_750, localShare: 0.625, publicBodies: 1_500, publicBodiesShare: 0.25 };
    expect(pick(figures, { period: "2024/25", definition: "cles v1" })).toEqual({ ...year, influenceable: 4_500, localInfluenceable: 2_750, localInfluenceableShare: 0.611111 });
    expect(pick(figures, { period: "2024/25", definition: "plain v1" })).toEqual({ ...year, influenceable: null, localInfluenceable: null, localInfluenceableShare: null });
    // The CLI's headline (metrics.ts) over the whole period.
    expect(scoped.cles).toMatchObject({ totalSpend: 6_000, localShare: 0.625, publicBodiesSpend: 1_500, influenceableSpend: 4_500 });
    expect(scoped.cles!.localInfluenceableShare).toBeCloseTo(2_750 / 4_500, 10);
    expect(scoped.plain).toMatchObject({ totalSpend: 6_000, localShare: 0.625, publicBodiesSpend: 1_500, influenceableSpend: null, localInfluenceableShare: null });
    // `report --public-bodies`: the whole period, by kind, and the two local shares side by side.
    expect(report).toEqual([{
      institution: "T1", name: "Test trust", period: "All months loaded (April to May 2024)", spend: 6_000, publicBodies: 1_500, publicBodiesShare: 0.25,
      byKind: [{ kind: "council", label: "councils", suppliers: 1, spend: 1_000 }, { kind: "hmrc", label: "HMRC", suppliers: 1, spend: 500 }],
      definitions: [
        { definition: "cles v1", name: "cles", excludesPublicBodies: true, localShare: 0.625, influenceable: 4_500, localInfluenceable: 2_750, localInfluenceableShare: 0.611111 },
        { definition: "plain v1", name: "plain", excludesPublicBodies: false, localShare: 0.625, influenceable: null, localInfluenceable: null, localInfluenceableShare: null },
      ],
    }]);
  });

  it("keeps a definition's excludePublicBodies as loaded, refuses it changed under the same version, and anything but true or false", async () => {
    const outcome = await withTempWarehouse(async (warehouse) => {
      await loadDefinitions(warehouse, definition("cles", true), "cles.json", 1, "T1");
      await loadDefinitions(warehouse, definition("plain"), "plain.json", 2, "T1");
      await loadDefinitions(warehouse, definition("cles", true), "cles.json", 3, "T1");
      const stored = await warehouse.all("SELECT definition_id AS id, excludes_public_bodies AS excludes FROM local_definitions ORDER BY id");
      const refusal = (text: string) => loadDefinitions(warehouse, text, "changed.json", 4, "T1").then(() => "loaded", (error: Error) => error.message);
      return { stored, changed: await refusal(definition("cles", false)), notBoolean: await refusal(definition("other", "yes")) };
    });
    expect(outcome.stored).toEqual([{ id: "cles", excludes: true }, { id: "plain", excludes: false }]);
    expect(outcome.changed).toContain("definition cles version 1 is already loaded for T1 with excludePublicBodies true: give the change a new version");
    expect(outcome.notBoolean).toContain("excludePublicBodies");
    expect(outcome.notBoolean).toContain("true or false");
  });
});
