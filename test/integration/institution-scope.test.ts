// Each institution's facts are its own (issues 15 and 18.2): loading a second institution — its own register
// that repeats the demo's supplier names with other postcodes and flags, or the demo's own public export under
// another institution id — never moves the demo's figures, definitions, supplier locations or register. The
// second trust's register rows are made up here (real postcodes from the shipped reference); the demo's
// figures are read before the second load and compared after it.
import Papa from "papaparse";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { compareDefinitions, resolveScope } from "../../src/model/metrics.js";
import { exportInstitution } from "../../src/share/export-institution.js";
import { spendFactsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse, type Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const warehousePath = join(folder.path, "w.duckdb");
const demo = join(folder.path, "demo");
const register = Papa.parse<Record<string, string>>(readFileSync("data/demo/suppliers.csv", "utf-8"), { header: true, skipEmptyLines: true }).data;
/** Two demo suppliers, the first local and the second not under the demo's headline definition (both SME-flagged N/Y as written). */
const repeated = [register[0]!, register[1]!];

/** What an institution's figures are: under every definition it sees, and its SME and VCSE spend, and what it holds. */
async function figuresOf(warehouse: Warehouse, institutionId: string) {
  const scope = await resolveScope(warehouse, { institutionId });
  const byDefinition = (await compareDefinitions(warehouse, scope)).map(({ definition, headline }) =>
    [definition.id, definition.version, headline.totalSpend, headline.localSpend, headline.nonLocalSpend, headline.unlocatedSpend, headline.localSuppliers]);
  const snapshot = await spendFactsSnapshot(warehouse);
  const suppliers = new Map(snapshot.suppliers.map((supplier) => [supplier.id, supplier]));
  let sme = 0;
  let vcse = 0;
  for (const fact of snapshot.facts.filter((f) => f.institution === institutionId)) {
    if (suppliers.get(fact.supplier)?.sme) sme += fact.spend;
    if (suppliers.get(fact.supplier)?.vcse) vcse += fact.spend;
  }
  const definitions = await warehouse.all(
    "SELECT definition_id, version, spec FROM local_definitions WHERE institution_id = ? ORDER BY definition_id, version", [institutionId]);
  const locations = await warehouse.all(
    "SELECT supplier_id, basis, postcode_as_given FROM supplier_locations WHERE institution_id = ? ORDER BY ALL", [institutionId]);
  const facts = await warehouse.all(
    "SELECT supplier_id, company_number, is_sme, is_vcse FROM supplier_facts WHERE institution_id = ? ORDER BY ALL", [institutionId]);
  return { byDefinition, sme: Math.round(sme * 100), vcse: Math.round(vcse * 100), definitions, locations, facts };
}

const load = (paths: string[]) => withWarehouse(warehousePath, "write", (w) => loadInputs(w, paths));
const refused = (results: FileResult[]) => results.filter((r) => r.status === "refused");

let demoBefore: Awaited<ReturnType<typeof figuresOf>>;

beforeAll(async () => {
  cpSync("data/demo", demo, { recursive: true });
  expect(refused(await load([demo]))).toEqual([]);
  demoBefore = await withWarehouse(warehousePath, "read", (w) => figuresOf(w, "DEMO"));
  // The demo holds its seven definitions, its register's locations and its flags, as its own.
  expect(demoBefore.definitions.length).toBe(readdirSync(join(demo, "definitions")).filter((f) => f.endsWith(".json")).length);
  expect(demoBefore.locations.length).toBeGreaterThan(100);
  expect(demoBefore.facts.length).toBe(register.length);
});
afterAll(() => folder.cleanup());

describe("a second institution's register repeating the demo's supplier names", () => {
  it("gives the second trust its own facts and leaves every figure of the demo where it was", async () => {
    const second = join(folder.path, "second");
    cpSync(join(demo, "definitions"), join(second, "definitions"), { recursive: true });
    writeFileSync(join(second, "institution.json"), JSON.stringify({ id: "SECOND", name: "Second Trust", kind: "nhs-trust" }));
    // The demo's first two suppliers, each given the other's postcode and the opposite flags; two of the second's own.
    const flip = (flag: string | undefined) => (flag === "Y" ? "N" : "Y");
    writeFileSync(join(second, "suppliers.csv"), [
      "Supplier Name,Postcode,SME,VCSE",
      `${repeated[0]!["Supplier Name"]},${repeated[1]!.Postcode},${flip(repeated[0]!.SME)},${flip(repeated[0]!.VCSE)}`,
      `${repeated[1]!["Supplier Name"]},${repeated[0]!.Postcode},${flip(repeated[1]!.SME)},${flip(repeated[1]!.VCSE)}`,
      "Second Own Cleaning Ltd,E1 8DE,Y,Y",
      "Second Own Catering Ltd,E1 8DE,Y,N",
    ].join("\n"));
    writeFileSync(join(second, "spend.csv"), [
      "Date,Supplier,Amount",
      `01/05/2024,${repeated[0]!["Supplier Name"]},1000000.00`,
      `01/05/2024,${repeated[1]!["Supplier Name"]},2000000.00`,
      "02/05/2024,Second Own Cleaning Ltd,300.00",
    ].join("\n"));
    expect(refused(await load([second]))).toEqual([]);
    await withWarehouse(warehousePath, "read", async (w) => {
      expect(await figuresOf(w, "DEMO")).toEqual(demoBefore);
      const facts = await w.all<{ name: string; is_sme: boolean; postcode: string }>(
        `SELECT s.name, f.is_sme, l.postcode_as_given AS postcode FROM supplier_facts f JOIN suppliers s USING (supplier_id)
         JOIN supplier_locations l ON l.supplier_id = f.supplier_id AND l.institution_id = f.institution_id
         WHERE f.institution_id = 'SECOND' ORDER BY s.name`);
      const first = facts.find((row) => row.name === repeated[0]!["Supplier Name"])!;
      expect(first).toEqual({ name: repeated[0]!["Supplier Name"], is_sme: repeated[0]!.SME !== "Y", postcode: repeated[1]!.Postcode });
      // The second trust's spend is classified from its register: the first supplier by the second's postcode.
      const reasons = await w.all<{ institution_id: string; reason: string }>(
        `SELECT l.institution_id, l.reason FROM supplier_locality l JOIN suppliers s USING (supplier_id)
         WHERE s.name = ? AND l.definition_id = 'own-local-authorities' ORDER BY l.institution_id`, [repeated[0]!["Supplier Name"]!]);
      expect(reasons.map((r) => [r.institution_id, r.reason.includes(repeated[0]!.Postcode!), r.reason.includes(repeated[1]!.Postcode!)]))
        .toEqual([["DEMO", true, false], ["SECOND", false, true]]);
    });
  }, 300_000); // loads in the test itself: minutes, not the 60 s default, on 2 busy cores
});

describe("the demo's public export loaded back as a partner into the demo's warehouse (issue 18.2)", () => {
  it("gives the partner its own definitions, register and classes, and changes nothing of the demo's", async () => {
    const exported = join(folder.path, "exported");
    await withWarehouse(warehousePath, "read", (w) => exportInstitution(w, "DEMO", "public", exported));
    writeFileSync(join(exported, "institution.json"), JSON.stringify({ id: "PARTNER", name: "Partner Trust", kind: "nhs-trust" }));
    // The partner's definitions are byte-identical to the demo's files: the same content in another institution's folder is its own.
    for (const file of readdirSync(join(demo, "definitions"))) cpSync(join(demo, "definitions", file), join(exported, "definitions", file));
    for (const file of readdirSync(join(exported, "definitions")).filter((f) => /-v\d+\.(json|geojson)$/.test(f))) rmSync(join(exported, "definitions", file));
    const results = await load([exported]);
    expect(refused(results)).toEqual([]);
    expect(results.filter((r) => r.status === "already loaded")).toEqual([]);
    await withWarehouse(warehousePath, "read", async (w) => {
      expect(await figuresOf(w, "DEMO")).toEqual(demoBefore);
      const partner = await figuresOf(w, "PARTNER");
      expect(partner.definitions).toEqual(demoBefore.definitions);
      expect(partner.locations).toEqual([]); // a public export carries no postcodes
      // The partner's classes come from the export's locality: its figures are the demo's, definition by definition.
      expect(partner.byDefinition).toEqual(demoBefore.byDefinition);
    });
  }, 300_000); // loads in the test itself: minutes, not the 60 s default, on 2 busy cores

  it("loads the same definition file, re-indented, for a third institution without moving it from the demo", async () => {
    const third = join(folder.path, "third");
    cpSync(join(demo, "definitions", "own-local-authorities.json"), join(third, "definitions.json"));
    const text = readFileSync(join(third, "definitions.json"), "utf-8");
    writeFileSync(join(third, "definitions.json"), JSON.stringify(JSON.parse(text), null, 4));
    writeFileSync(join(third, "institution.json"), JSON.stringify({ id: "THIRD", name: "Third Council", kind: "council" }));
    expect(refused(await load([third]))).toEqual([]);
    await withWarehouse(warehousePath, "read", async (w) => {
      const holders = await w.all<{ institution_id: string }>(
        "SELECT institution_id FROM local_definitions WHERE definition_id = 'own-local-authorities' ORDER BY 1");
      expect(holders.map((h) => h.institution_id)).toEqual(["DEMO", "PARTNER", "SECOND", "THIRD"]);
      expect((await figuresOf(w, "DEMO")).definitions).toEqual(demoBefore.definitions);
    });
  });
});

describe("a supplier register outside every institution's folder", () => {
  it("is refused unless a partnership.json says it is shared, and then applies to every institution", async () => {
    const shared = join(folder.path, "shared");
    mkdirSync(shared);
    // A demo supplier with another postcode and flags: the demo's own register row wins, whole.
    const demoSupplier = repeated[1]!;
    writeFileSync(join(shared, "suppliers.csv"), [
      "Supplier Name,Postcode,SME,VCSE",
      "Second Own Catering Ltd,E14 7LY,N,N",
      `${demoSupplier["Supplier Name"]},${repeated[0]!.Postcode},${demoSupplier.SME === "Y" ? "N" : "Y"},N`,
      "Shared Only Ltd,E1 8DE,Y,Y",
    ].join("\n"));
    const [alone] = await load([join(shared, "suppliers.csv")]);
    expect(alone).toMatchObject({ status: "refused" });
    expect((alone as { error: string }).error).toContain("partnership.json");
    writeFileSync(join(shared, "partnership.json"), JSON.stringify({ name: "East London anchors" }));
    const results = await load([shared]);
    expect(results.find((r) => r.path.endsWith("suppliers.csv"))).toMatchObject({ status: "loaded", scope: { shared: "East London anchors" } });
    await withWarehouse(warehousePath, "read", async (w) => {
      expect(await figuresOf(w, "DEMO")).toEqual(demoBefore);
      // The second trust's own register row wins over the shared one for the same supplier.
      const second = await w.all<{ is_sme: boolean }>(
        `SELECT f.is_sme FROM supplier_facts f JOIN suppliers s USING (supplier_id)
         WHERE s.name = 'Second Own Catering Ltd' ORDER BY f.institution_id NULLS FIRST`);
      expect(second.map((r) => r.is_sme)).toEqual([false, true]);
    });
  });
});
