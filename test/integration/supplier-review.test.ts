// The review round trip of supplier matches (issue 15): suppliers-to-review.csv written from the candidates in the
// warehouse, edited as an analyst would, loaded back as decisions that persist across reloads and re-matching, and
// what they do to the figures and to coverage. Fixtures: the made-up council of test/fixtures/review/ (README) and the
// made-up register fixtures of test/fixtures/registers/. The candidates are inserted directly (made up: what automatic
// matching might give). Every expected figure is written out by hand from the fixture's lines.
import Papa from "papaparse";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { loadReviewDecisions } from "../../loaders/suppliers/load-review-decisions.js";
import { writeReviewFile } from "../../src/share/write-review-file.js";
import { supplierCoverage } from "../../src/model/supplier-coverage.js";
import { classEvidence } from "../../src/model/class-evidence.js";
import { dataQualitySnapshot, methodologySnapshot } from "../../src/site/page-data/site-snapshots.js";
import { refreshSupplierLocality } from "../../src/model/refresh-locality.js";
import { compareDefinitions, resolveScope } from "../../src/model/metrics.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const INPUTS = ["test/fixtures/review/council", "test/fixtures/review/reference",
  "test/fixtures/registers/BasicCompanyDataAsOneFile-2025-11-01.csv", "test/fixtures/registers/charity-2025-11-01"];

/** Made-up candidates, as a matching run would write them: [supplier name, register, id, method, score, rank, accepted]. */
type Candidate = [string, "companies-house" | "charity-commission", string, "identifier" | "name" | "fuzzy", number, number, boolean];
const FIRST_RUN: Candidate[] = [
  ["Made Up Cleaning Services", "companies-house", "07687209", "fuzzy", 0.82, 1, false],
  ["Made Up Cleaning Services", "companies-house", "10000003", "fuzzy", 0.51, 2, false],
  ["Fictional Logistics Two", "companies-house", "10000002", "fuzzy", 0.7, 1, false],
  ["Pretend Printing", "companies-house", "10000004", "fuzzy", 0.6, 1, false],
  ["Pretend Printing", "charity-commission", "1100002", "fuzzy", 0.4, 2, false],
  ["Automatic Gardens Ltd", "companies-house", "10000001", "name", 1, 1, true],
  ["=1+2 Trading Ltd", "companies-house", "10000005", "fuzzy", 0.55, 1, false],
  ["=1+2 Trading Ltd", "charity-commission", "1100001", "fuzzy", 0.45, 2, false],
  ["Mr John Smith", "companies-house", "10000003", "fuzzy", 0.5, 1, false],
];

type Row = Record<string, string>;

function readReviewFile(path: string): { note: string; rows: Row[] } {
  const [noteLine, ...rest] = readFileSync(path, "utf-8").split("\r\n");
  const parsed = Papa.parse<Row>(rest.join("\r\n"), { header: true, skipEmptyLines: true });
  return { note: (Papa.parse<string[]>(noteLine!).data[0] ?? [])[0] ?? "", rows: parsed.data };
}

/** The file as an analyst saves it after editing: the note, the heading, each row with its Decision filled in. */
function writeEdited(path: string, rows: Row[]): void {
  const lines = [["INTERNAL: edited by hand"], Object.keys(rows[0]!), ...rows.map((row) => Object.values(row))];
  writeFileSync(path, Papa.unparse(lines, { newline: "\r\n" }));
}

describe("the supplier review round trip", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let ids: Map<string, string>;
  const reviewPath = join(folder.path, "suppliers-to-review.csv");
  const editedPath = join(folder.path, "suppliers-reviewed.csv");

  const rematch = async (candidates: Candidate[]) => {
    await warehouse.run("DELETE FROM supplier_matches");
    for (const [name, register, id, method, score, rank, accepted] of candidates) {
      await warehouse.run("INSERT INTO supplier_matches VALUES ('REVIEWCO', ?, ?, ?, ?, ?, ?, ?, DATE '2025-11-01')",
        [ids.get(name)!, register, id, method, score, rank, accepted]);
    }
    // The load matched automatically already (src/model/suppliers/): locality follows these candidates instead.
    await refreshSupplierLocality(warehouse, "all");
  };
  const matches = async () => warehouse.all<{ name: string; register: string; register_id: string; method: string }>(
    `SELECT s.name, m.register, m.register_id, m.method FROM int_supplier_matches m JOIN suppliers s USING (supplier_id) ORDER BY s.name`);
  /** The headline local spend under Tower Hamlets (the model's figure, April 2025's year). */
  const localSpend = async () => {
    const scope = await resolveScope(warehouse, { institutionId: "REVIEWCO" });
    return (await compareDefinitions(warehouse, scope)).find((d) => d.definition.id === "tower-hamlets")!.headline.localSpend;
  };
  const locality = async (name: string) => (await warehouse.one<{ status: string }>(
    `SELECT l.status FROM supplier_locality l JOIN suppliers s USING (supplier_id)
     WHERE l.institution_id = 'REVIEWCO' AND s.name = ? AND l.definition_id = 'tower-hamlets'`, [name])).status;

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    const loaded = await loadInputs(warehouse, INPUTS);
    expect(loaded.filter((r) => r.status === "refused")).toEqual([]);
    ids = new Map((await warehouse.all<{ name: string; supplier_id: string }>("SELECT name, supplier_id FROM suppliers")).map((r) => [r.name, r.supplier_id]));
    await rematch(FIRST_RUN);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("writes the review file: the note first, a row per candidate of each supplier with no accepted match, spend and period", async () => {
    expect(await writeReviewFile(warehouse, reviewPath)).toEqual({ rows: 7, suppliers: 4 });
    const { note, rows } = readReviewFile(reviewPath);
    expect(note).toMatch(/^INTERNAL: for analysts only, never to be published/);
    // Largest spend first; the automatically accepted match (Automatic Gardens), the redacted payee and the withheld
    // individual (the council withholds individuals) are not listed; a name starting with = is neutralised.
    expect(rows.map((r) => [r.Supplier, r["Spend (£)"], r.Lines, r["First payment"], r["Last payment"], r.Rank, r.Register, r["Register id"], r["Registered name"], r["Registered postcode"], r.Score, r.Decision])).toEqual([
      ["Made Up Cleaning Services", "1000.00", "2", "2025-04-01", "2025-04-15", "1", "companies-house", "07687209", "MADE UP CLEANING SERVICES LIMITED", "E1 0JL", "0.82", ""],
      ["Made Up Cleaning Services", "1000.00", "2", "2025-04-01", "2025-04-15", "2", "companies-house", "10000003", "MADE UP CONSULTING 3 LIMITED", "E1 0JL", "0.51", ""],
      ["Fictional Logistics Two", "500.00", "1", "2025-04-02", "2025-04-02", "1", "companies-house", "10000002", "FICTIONAL LOGISTICS 2 LIMITED", "RM3 7DU", "0.7", ""],
      ["Pretend Printing", "250.00", "1", "2025-04-03", "2025-04-03", "1", "companies-house", "10000004", "PRETEND PRINTING 4 LIMITED", "MK10 9QD", "0.6", ""],
      ["Pretend Printing", "250.00", "1", "2025-04-03", "2025-04-03", "2", "charity-commission", "1100002", "PRETEND FOUNDATION 2", "E10 7FG", "0.4", ""],
      ["'=1+2 Trading Ltd", "50.00", "1", "2025-04-07", "2025-04-07", "1", "companies-house", "10000005", "PRETEND CONSULTING 5 LIMITED", "RM3 7DU", "0.55", ""],
      ["'=1+2 Trading Ltd", "50.00", "1", "2025-04-07", "2025-04-07", "2", "charity-commission", "1100001", "FICTIONAL TRUST 1", "RM3 7DU", "0.45", ""],
    ]);
    expect(new Set(rows.map((r) => r.Institution))).toEqual(new Set(["REVIEWCO"]));
  });

  it("quarantines bad rows with row, column, raw value and code, and stores no decision of theirs", async () => {
    const { rows } = readReviewFile(reviewPath);
    const [cleaning1, , logistics, , , trading1, trading2] = rows;
    const bad = join(folder.path, "bad-review.csv");
    writeEdited(bad, [
      { ...trading1!, Decision: "maybe" },
      { ...trading1!, "Supplier id": "s-000000000000", Decision: "accept" },
      { ...cleaning1!, "Register id": "99999999", Decision: "accept" },
      { ...trading1!, Decision: "accept" },
      { ...trading2!, Decision: "Accept" },
      { ...logistics!, Decision: "accept" },
      { ...logistics!, Decision: "none of these" },
    ]);
    const before = await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM supplier_match_decisions");
    const result = await loadReviewDecisions(warehouse, bad);
    expect(result.outcome).toEqual({ rowsRead: 7, rowsLoaded: 0, rowsQuarantined: 7, decisions: 0, undecided: 0 });
    expect(await warehouse.all("SELECT row_number, column_name, raw_value, code FROM quarantine WHERE path = ? ORDER BY row_number", [bad])).toEqual([
      { row_number: 3, column_name: "Decision", raw_value: "maybe", code: "not-a-decision" },
      { row_number: 4, column_name: "Supplier id", raw_value: "s-000000000000", code: "unknown-supplier" },
      { row_number: 5, column_name: "Register id", raw_value: "99999999", code: "unknown-candidate" },
      { row_number: 6, column_name: "Decision", raw_value: "accept", code: "two-accepts" },
      { row_number: 7, column_name: "Decision", raw_value: "Accept", code: "two-accepts" },
      { row_number: 8, column_name: "Decision", raw_value: "accept", code: "conflicting-decision" },
      { row_number: 9, column_name: "Decision", raw_value: "none of these", code: "conflicting-decision" },
    ]);
    expect(await warehouse.one("SELECT count(*)::INTEGER AS n FROM supplier_match_decisions")).toEqual(before);
    expect(await warehouse.one("SELECT rows_read, rows_loaded, rows_quarantined FROM source_files WHERE path = ?", [bad]))
      .toEqual({ rows_read: 7, rows_loaded: 0, rows_quarantined: 7 });
  });

  it("loads decisions (a company number a spreadsheet shortened is read as the register's); an accept places the supplier by review", async () => {
    expect(await locality("Made Up Cleaning Services")).toBe("unlocated");
    // Local before: Register Placed Supplies Ltd (E1 8DE, £2,000.00) and Automatic Gardens Ltd (matched automatically, E1 0JL, £300.00).
    expect(await localSpend()).toBeCloseTo(2300, 6);
    const { rows } = readReviewFile(reviewPath);
    const decisions = ["accept", "", "reject", "none", "", "", ""];
    writeEdited(editedPath, rows.map((row, index) => ({ ...row, "Register id": row["Register id"]!.replace(/^0+/, ""), Decision: decisions[index]! })));
    const result = await loadReviewDecisions(warehouse, editedPath);
    expect(result.outcome).toEqual({ rowsRead: 7, rowsLoaded: 7, rowsQuarantined: 0, decisions: 3, undecided: 4 });
    expect(await warehouse.all(
      `SELECT s.name, d.register, d.register_id, d.decision, d.row_number FROM supplier_match_decisions d JOIN suppliers s USING (supplier_id) ORDER BY d.row_number`)).toEqual([
      { name: "Made Up Cleaning Services", register: "companies-house", register_id: "07687209", decision: "accept", row_number: 3 },
      { name: "Fictional Logistics Two", register: "companies-house", register_id: "10000002", decision: "reject", row_number: 5 },
      { name: "Pretend Printing", register: null, register_id: null, decision: "reject", row_number: 6 },
    ]);
    expect(await matches()).toEqual([
      { name: "Automatic Gardens Ltd", register: "companies-house", register_id: "10000001", method: "name" },
      { name: "Made Up Cleaning Services", register: "companies-house", register_id: "07687209", method: "review" },
    ]);
    // The figures move at once: 07687209's registered office, E1 0JL, is in Tower Hamlets: £1,000.00 more local spend.
    expect(await locality("Made Up Cleaning Services")).toBe("local");
    expect(await locality("Fictional Logistics Two")).toBe("unlocated");
    expect(await localSpend()).toBeCloseTo(3300, 6);
  });

  it("loading the same file again changes nothing", async () => {
    const before = await tableChecksums(warehouse);
    expect((await loadReviewDecisions(warehouse, editedPath)).status).toBe("already loaded");
    expect(await tableChecksums(warehouse)).toEqual(before);
  });

  it("decisions survive a re-match: a rejected candidate and 'none of these' stay unmatched even when matching accepts them", async () => {
    await rematch(FIRST_RUN.map(([name, register, id, method, score, rank]) => [name, register, id, method, score, rank, rank === 1]));
    expect(await matches()).toEqual([
      { name: "=1+2 Trading Ltd", register: "companies-house", register_id: "10000005", method: "fuzzy" },
      { name: "Automatic Gardens Ltd", register: "companies-house", register_id: "10000001", method: "name" },
      { name: "Made Up Cleaning Services", register: "companies-house", register_id: "07687209", method: "review" },
      { name: "Mr John Smith", register: "companies-house", register_id: "10000003", method: "fuzzy" },
    ]);
    await rematch(FIRST_RUN);
    // The next review file lists only what is still undecided.
    const next = join(folder.path, "next-review.csv");
    expect(await writeReviewFile(warehouse, next)).toEqual({ rows: 2, suppliers: 1 });
    expect(readReviewFile(next).rows.map((r) => r["Register id"])).toEqual(["10000005", "1100001"]);
  });

  it("a later file's decision wins: rejecting the accepted candidate unplaces it again, accepting it again places it", async () => {
    const { rows } = readReviewFile(reviewPath);
    const undo = join(folder.path, "undo.csv");
    writeEdited(undo, [{ ...rows[0]!, Decision: "reject" }]);
    await loadReviewDecisions(warehouse, undo);
    expect((await matches()).map((m) => m.name)).toEqual(["Automatic Gardens Ltd"]);
    const redo = join(folder.path, "redo.csv");
    writeEdited(redo, [{ ...rows[0]!, Decision: "accept" }]);
    await loadReviewDecisions(warehouse, redo);
    expect((await matches()).map((m) => [m.name, m.method])).toEqual([["Automatic Gardens Ltd", "name"], ["Made Up Cleaning Services", "review"]]);
  });

  it("an analyst may accept an entry of the loaded register that matching did not offer (one with no registered postcode places nothing)", async () => {
    const { rows } = readReviewFile(reviewPath);
    const typed = join(folder.path, "typed.csv");
    writeEdited(typed, [{ ...rows[5]!, "Register id": "12345678", "Registered name": "", Decision: "accept" }]);
    expect((await loadReviewDecisions(warehouse, typed)).outcome).toMatchObject({ rowsLoaded: 1, rowsQuarantined: 0, decisions: 1 });
    expect((await matches()).map((m) => [m.name, m.register_id, m.method])).toEqual([
      ["=1+2 Trading Ltd", "12345678", "review"], ["Automatic Gardens Ltd", "10000001", "name"], ["Made Up Cleaning Services", "07687209", "review"],
    ]);
    expect(await locality("=1+2 Trading Ltd")).toBe("unlocated");
  });

  it("coverage by source, by hand: of £4,275.00, register £2,000.00, review £1,000.00, Companies House £300.00, unplaced £975.00", async () => {
    // A re-match (the rows inserted again) and a full locality refresh leave the review's placement standing.
    await rematch(FIRST_RUN);
    const [coverage] = await supplierCoverage(warehouse);
    expect(coverage!.institution).toBe("REVIEWCO");
    expect(coverage!.spend).toBeCloseTo(4275, 6);
    expect(coverage!.suppliers).toBe(8);
    // Unplaced: Fictional Logistics Two 500 (rejected), Pretend Printing 250 (none of these), REDACTED 100,
    // =1+2 Trading Ltd 50 (accepted, but its company gives no postcode) and Mr John Smith 75 (undecided).
    expect(coverage!.sources.map((s) => [s.source, s.suppliers, s.spend])).toEqual([
      ["register", 1, 2000], ["review", 1, 1000], ["companies-house", 1, 300], ["charity-commission", 0, 0], ["unplaced", 5, 975],
    ]);
    expect(coverage!.sources.map((s) => s.share)).toEqual([2000 / 4275, 1000 / 4275, 300 / 4275, 0, 975 / 4275]);
    expect(await localSpend()).toBeCloseTo(3300, 6);
  });

  it("the Data quality page's panels and the Methodology page's 'placed by review' carry the same figures", async () => {
    const quality = await dataQualitySnapshot(warehouse);
    expect(quality.coverage).toEqual(await supplierCoverage(warehouse));
    const levels = (klass: "sme" | "vcse") => quality.classEvidence.filter((row) => row.class === klass).map((row) => [row.evidence, row.suppliers, row.spend, row.classSpend]);
    // SME: the register says Register Placed Supplies Ltd is one; the matched companies of Made Up Cleaning Services
    // (07687209) and Automatic Gardens Ltd (10000001) filed micro-entity accounts; the rest are not known.
    expect(levels("sme")).toEqual([
      ["register", 1, 2000, 2000], ["companies-house", 2, 1300, 1300], ["charity-commission", 0, 0, 0], ["name", 0, 0, 0], ["unknown", 5, 975, 0],
    ]);
    // VCSE: the register says Register Placed Supplies Ltd is not one; 12345678, accepted for =1+2 Trading Ltd (£50.00),
    // is a community interest company; no other matched entry or name says anything.
    expect(levels("vcse")).toEqual([
      ["register", 1, 2000, 0], ["companies-house", 1, 50, 50], ["charity-commission", 0, 0, 0], ["name", 0, 0, 0], ["unknown", 6, 2225, 0],
    ]);
    expect(quality.classEvidence).toEqual(await classEvidence(warehouse));
    const methodology = await methodologySnapshot(warehouse);
    const review = quality.coverage[0]!.sources.find((s) => s.source === "review")!;
    expect(review).toMatchObject({ suppliers: 1, spend: 1000 });
    expect(methodology.placedByReview).toEqual([{ institution: "REVIEWCO", name: "Made-up Borough Council (review round trip test)", suppliers: 1, spend: 1000, share: 1000 / 4275 }]);
  });
});
