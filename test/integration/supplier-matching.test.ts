// Suppliers matched to the national registers (src/model/suppliers/) and what a match gives, on the made-up fixtures
// of test/fixtures/registers/ (README there). Expected rows are written out by hand from the fixtures: the council's
// spend gives 7687209 (→ 07687209, MICRO ENTITY, E1 0JL), sc123456 (→ SC123456, SMALL, E10 7FG) and charity
// 1123456 (Registered, E1 0JL); Tower Hamlets (E09000030) holds E1 0JL, Waltham Forest E10 7FG.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { matchSuppliers } from "../../src/model/suppliers/match-suppliers.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/registers";
const POSTCODES = "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz";
const REGISTERS = [join(fixtures, "BasicCompanyDataAsOneFile-2025-11-01.csv"), join(fixtures, "charity-2025-11-01")];

describe("matching an institution's suppliers to the national registers", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  const of = (institution: string) => ({
    matches: () => warehouse.all(`SELECT s.name, m.register, m.register_id, m.method, m.rank, m.accepted FROM supplier_matches m
      JOIN suppliers s USING (supplier_id) WHERE m.institution_id = ? ORDER BY s.name, m.rank`, [institution]),
    facts: () => warehouse.all(`SELECT s.name, f.is_sme, f.sme_evidence, f.is_vcse, f.vcse_evidence FROM int_supplier_facts f
      JOIN suppliers s USING (supplier_id) WHERE f.institution_id = ? ORDER BY s.name`, [institution]),
    locations: () => warehouse.all(`SELECT s.name, l.basis, l.postcode_as_given AS postcode, l.source FROM int_supplier_locations l
      JOIN suppliers s USING (supplier_id) WHERE l.institution_id = ? ORDER BY s.name, l.source`, [institution]),
    locality: () => warehouse.all(`SELECT s.name, l.status FROM supplier_locality l JOIN suppliers s USING (supplier_id)
      WHERE l.institution_id = ? AND NOT s.is_redacted ORDER BY s.name`, [institution]),
  });

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    // Spend first, registers after: loading a register edition matches every institution's suppliers.
    await loadInputs(warehouse, [POSTCODES, join(fixtures, "council"), join(fixtures, "council-streamed")]);
    expect(await warehouse.all("SELECT * FROM supplier_matches")).toEqual([]);
    await loadInputs(warehouse, REGISTERS);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("matches by the spend file's numbers, each institution its own rows", async () => {
    const expected = [
      { name: "Invented Catering (Scotland) Ltd", register: "companies-house", register_id: "SC123456", method: "identifier", rank: 1, accepted: true },
      { name: "Made Up Cleaning Services Ltd", register: "companies-house", register_id: "07687209", method: "identifier", rank: 1, accepted: true },
      { name: "Made Up Community Trust", register: "charity-commission", register_id: "1123456", method: "identifier", rank: 1, accepted: true },
    ];
    expect(await of("MADEUPCC").matches()).toEqual(expected);
    expect(await of("MADEUPCS").matches()).toEqual(expected);
  });

  it("gives SME evidence from the accounts category, VCSE from the charity, 'name' from a name alone (not counted)", async () => {
    expect(await of("MADEUPCC").facts()).toEqual([
      { name: "Exempt Invented Charity", is_sme: null, sme_evidence: "unknown", is_vcse: null, vcse_evidence: "name" },
      { name: "Invented Catering (Scotland) Ltd", is_sme: true, sme_evidence: "companies-house", is_vcse: null, vcse_evidence: "unknown" },
      { name: "Made Up Cleaning Services Ltd", is_sme: true, sme_evidence: "companies-house", is_vcse: null, vcse_evidence: "unknown" },
      { name: "Made Up Community Trust", is_sme: null, sme_evidence: "unknown", is_vcse: true, vcse_evidence: "charity-commission" },
    ]);
  });

  it("places matched suppliers by the entry's postcode (basis registered) and classifies them", async () => {
    expect(await of("MADEUPCC").locations()).toEqual([
      { name: "Invented Catering (Scotland) Ltd", basis: "registered", postcode: "E10 7FG", source: "companies-house" },
      { name: "Made Up Cleaning Services Ltd", basis: "registered", postcode: "E1 0JL", source: "companies-house" },
      { name: "Made Up Community Trust", basis: "registered", postcode: "E1 0JL", source: "charity-commission" },
    ]);
    expect(await of("MADEUPCC").locality()).toEqual([
      { name: "Exempt Invented Charity", status: "unlocated" },
      { name: "Fictional Roofing Limited", status: "unlocated" },
      { name: "Invented Catering (Scotland) Ltd", status: "non_local" },
      { name: "Made Up Cleaning Services Ltd", status: "local" },
      { name: "Made Up Community Trust", status: "local" },
      { name: "Some Invented Supplier Ltd", status: "unlocated" },
    ]);
  });

  it("another institution's load, register or decision never moves an institution's matches or facts", async () => {
    const a = of("MADEUPCC");
    const before = { matches: await a.matches(), facts: await a.facts(), locations: await a.locations(), locality: await a.locality() };
    // The trust's own register names two of the same suppliers (Y/N for SME) with no postcode; its row wins for it alone.
    await loadInputs(warehouse, [join(fixtures, "trust")]);
    await warehouse.run(
      `INSERT INTO supplier_match_decisions SELECT 'MADEUPCS', supplier_id, NULL, NULL, 'reject', 0, 1 FROM suppliers WHERE name = 'Made Up Cleaning Services Ltd'`);
    await matchSuppliers(warehouse, { institution: "MADEUPCS" });
    expect({ matches: await a.matches(), facts: await a.facts(), locations: await a.locations(), locality: await a.locality() }).toEqual(before);
    const rejected = await warehouse.all(`SELECT count(*)::INTEGER AS n FROM int_supplier_matches m JOIN suppliers s USING (supplier_id)
      WHERE m.institution_id = 'MADEUPCS' AND s.name = 'Made Up Cleaning Services Ltd'`);
    expect(rejected).toEqual([{ n: 0 }]);
  });

  it("matching again changes nothing, and counts what it did", async () => {
    const before = await of("MADEUPCC").matches();
    expect(await matchSuppliers(warehouse, { institution: "MADEUPCC" })).toEqual({ suppliers: 6, identifier: 3, name: 0, fuzzy: 0, toReview: 0, unmatched: 3 });
    expect(await of("MADEUPCC").matches()).toEqual(before);
  });
});
