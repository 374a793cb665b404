// Measured matching precision (issue 15): the labelled sample of test/fixtures/match-sample/ (real supplier names of
// the real spend files, made-up register rows written for them, labels true by construction: README there). Prints
// precision and recall of accepted automatic matches, and the share sent to review, at each fuzzy threshold, and fails
// when accepted-automatic precision at the chosen threshold (MATCH_THRESHOLD) is under 99%. The labels are read from
// labels.csv, never computed by the matcher.
import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { matchSuppliers } from "../../src/model/suppliers/match-suppliers.js";
import { MATCH_THRESHOLD } from "../../src/model/suppliers/match-threshold.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const SAMPLE = "test/fixtures/match-sample";
type Label = { supplier: string; stratum: string; register: string; register_id: string };
const labels = Papa.parse<Label>(readFileSync(join(SAMPLE, "labels.csv"), "utf-8"), { header: true, skipEmptyLines: true }).data;

interface Measure { threshold: number; accepted: number; correct: number; precision: number; recall: number; review: number; byStratum: Record<string, string> }

describe("matching precision on the labelled sample", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  const curve: Measure[] = [];

  async function measure(threshold: number): Promise<Measure> {
    await matchSuppliers(warehouse, { institution: "MATCHSAMPLE", threshold });
    const rows = await warehouse.all<{ name: string; register: string | null; register_id: string | null; accepted: boolean | null; candidates: number }>(
      `SELECT s.name, m.register, m.register_id, m.accepted, (SELECT count(*) FROM supplier_matches c WHERE c.institution_id = 'MATCHSAMPLE' AND c.supplier_id = s.supplier_id)::INTEGER AS candidates
       FROM suppliers s JOIN (SELECT DISTINCT supplier_id FROM spend WHERE institution_id = 'MATCHSAMPLE') p USING (supplier_id)
       LEFT JOIN supplier_matches m ON m.institution_id = 'MATCHSAMPLE' AND m.supplier_id = s.supplier_id AND m.rank = 1 AND m.accepted`);
    const byName = new Map(rows.map((row) => [row.name, row]));
    // A charitable company is one body in both registers: its company entry is as right as its charity entry.
    const companyOfCharity = new Map((await warehouse.all<{ charity_number: string; company_number: string }>(
      "SELECT charity_number, company_number FROM charities WHERE company_number IS NOT NULL")).map((row) => [row.charity_number, row.company_number]));
    let accepted = 0, correct = 0, review = 0;
    const truePositives = labels.filter((label) => label.register_id !== "").length;
    const strata: Record<string, { accepted: number; wrong: number }> = {};
    for (const label of labels) {
      const row = byName.get(label.supplier);
      const stratum = (strata[label.stratum] ??= { accepted: 0, wrong: 0 });
      if (row?.register_id) {
        accepted++;
        stratum.accepted++;
        const same = (row.register === label.register && row.register_id === label.register_id)
          || (label.register === "charity-commission" && row.register === "companies-house" && companyOfCharity.get(label.register_id) === row.register_id);
        if (same) correct++;
        else stratum.wrong++;
      } else if ((row?.candidates ?? 0) > 0) review++;
    }
    return {
      threshold, accepted, correct, precision: accepted === 0 ? 1 : correct / accepted, recall: correct / truePositives, review: review / labels.length,
      byStratum: Object.fromEntries(Object.entries(strata).map(([name, s]) => [name, `${s.accepted - s.wrong}/${s.accepted}`])),
    };
  }

  beforeAll(async () => {
    warehouse = await Warehouse.inMemory(folder.path);
    const results = await loadInputs(warehouse, [join(SAMPLE, "BasicCompanyDataAsOneFile-2025-11-01.csv"), join(SAMPLE, "charity-2025-11-01"), join(SAMPLE, "council")]);
    expect(results.filter((result) => result.status !== "loaded")).toEqual([]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("every labelled name is a supplier of the sample's spend", async () => {
    const { n } = await warehouse.one<{ n: number }>("SELECT count(DISTINCT supplier_id)::INTEGER AS n FROM spend WHERE institution_id = 'MATCHSAMPLE'");
    // Redacted payees (the files' own markers: the individuals not shaped "SURNAME, I") are one supplier.
    const redacted = labels.filter((label) => label.stratum === "individual" && !label.supplier.includes(",")).length;
    expect(n).toBe(labels.length - redacted + (redacted > 0 ? 1 : 0));
  });

  it(`prints the curve; accepted automatic matches are at least 99% precise at the chosen threshold (${MATCH_THRESHOLD})`, async () => {
    for (const threshold of [0.85, 0.9, 0.94, 0.96, 0.97, 0.98, 1.0, MATCH_THRESHOLD]) curve.push(await measure(threshold));
    const chosen = curve[curve.length - 1]!;
    console.log(`matching on ${labels.length} labelled names (${labels.filter((l) => l.register_id).length} with a true entry):\n`
      + curve.slice(0, -1).map((m) => `  threshold ${m.threshold.toFixed(2)}: accepted ${m.accepted}, precision ${(100 * m.precision).toFixed(1)}%, `
        + `recall ${(100 * m.recall).toFixed(1)}%, to review ${(100 * m.review).toFixed(1)}%`).join("\n")
      + `\n  chosen ${MATCH_THRESHOLD}: precision ${(100 * chosen.precision).toFixed(1)}%, recall ${(100 * chosen.recall).toFixed(1)}%, `
      + `to review ${(100 * chosen.review).toFixed(1)}%; correct/accepted by stratum ${JSON.stringify(chosen.byStratum)}`);
    expect(chosen.precision).toBeGreaterThanOrEqual(0.99);
  });
});
