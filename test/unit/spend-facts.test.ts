// The pages' pure aggregations over a small synthetic snapshot, with answers worked out by hand.
import { describe, expect, it } from "vitest";
import { categoryGaps, monthsOf, scopeFacts, supplierTotals } from "../../pages/components/spend-facts.js";

const data = {
  institutions: [{ id: "T", name: "Trust" }],
  definitions: [{ key: "own v1", id: "own", version: 1, institution: "T", headline: true }],
  suppliers: [
    { id: "a", name: "Alpha Ltd", sme: true, vcse: false, deprived: true, status: { "own v1": "local" } },
    { id: "b", name: "Beta PLC", sme: false, vcse: false, deprived: false, status: { "own v1": "non_local" } },
    { id: "r", name: "Redacted payee", sme: null, vcse: null, deprived: null, status: { "own v1": "unlocated" } },
  ],
  facts: [
    { institution: "T", supplier: "a", month: "2024-04", category: "Catering", spend: 100, lines: 1 },
    { institution: "T", supplier: "b", month: "2024-04", category: "Catering", spend: 300, lines: 2 },
    { institution: "T", supplier: "b", month: "2024-05", category: "Agency", spend: 500, lines: 1 },
    { institution: "T", supplier: "r", month: "2024-05", category: "Care", spend: 100, lines: 1 },
    { institution: "X", supplier: "a", month: "2024-05", category: "Catering", spend: 999, lines: 1 },
  ],
};

describe("spend facts", () => {
  it("scopes by institution and period", () => {
    expect(monthsOf(data, "T")).toEqual(["2024-04", "2024-05"]);
    expect(scopeFacts(data, { institution: "T", from: "2024-05", to: "2024-05" }).map((f: { spend: number }) => f.spend)).toEqual([500, 100]);
  });

  it("ranks suppliers with their main category", () => {
    expect(supplierTotals(data, scopeFacts(data, { institution: "T", from: "2024-04", to: "2024-05" }), "own v1").map((s) => [s.supplier, s.spend, s.status, s.category]))
      .toEqual([["Beta PLC", 800, "non_local", "Agency"], ["Alpha Ltd", 100, "local", "Catering"], ["Redacted payee", 100, "unlocated", "Care"]]);
  });

  it("lists categories by spend outside the area, with local suppliers already paid in each", () => {
    const gaps = categoryGaps(data, scopeFacts(data, { institution: "T", from: "2024-04", to: "2024-05" }), "own v1");
    expect(gaps.map((g) => [g.category, g.nonLocal, g.localSuppliers.map((s: { name: string }) => s.name)])).toEqual([["Agency", 500, []], ["Catering", 300, ["Alpha Ltd"]], ["Care", 0, []]]);
  });
});
