// Coverage before and after (issue 15, "done when"): a council file with company and charity numbers and the register
// fixtures place those suppliers by exact number; unplaced spend falls and the Data quality panel shows it. Fixtures:
// the made-up council of test/fixtures/registers/council (README there), the made-up register fixtures beside it, and
// five real postcode rows (test/fixtures/review/reference, README there). Expected figures by hand from the spend file:
// £7,600.00 in all; 07687209 (E1 0JL) £1,500.00 and SC123456 (E10 7FG) £650.00 by Companies House; charity 1123456
// (E1 0JL) £2,500.00 by the Charity Commission; the rest (£800.00, £540.00 redacted, £700.00, £910.00) unplaced.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { supplierCoverage } from "../../src/model/supplier-coverage.js";
import { dataQualitySnapshot } from "../../src/site/page-data/site-snapshots.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/registers";

describe("coverage before and after the national registers load", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  const bySource = async () => (await supplierCoverage(warehouse, "MADEUPCC"))[0]!.sources.map((s) => [s.source, s.suppliers, s.spend]);

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    await loadInputs(warehouse, ["test/fixtures/review/reference", join(fixtures, "council")]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("before: every pound unplaced (no register gives a location)", async () => {
    expect(await bySource()).toEqual([["register", 0, 0], ["review", 0, 0], ["companies-house", 0, 0], ["charity-commission", 0, 0], ["unplaced", 7, 7600]]);
  });

  it("after: the suppliers the file numbers are placed by exact number, and unplaced spend falls to £2,950.00", async () => {
    await loadInputs(warehouse, [join(fixtures, "BasicCompanyDataAsOneFile-2025-11-01.csv"), join(fixtures, "charity-2025-11-01")]);
    expect(await bySource()).toEqual([["register", 0, 0], ["review", 0, 0], ["companies-house", 2, 2150], ["charity-commission", 1, 2500], ["unplaced", 4, 2950]]);
    const [coverage] = (await dataQualitySnapshot(warehouse)).coverage;
    expect(coverage!.sources.find((s) => s.source === "unplaced")!.share).toBeCloseTo(2950 / 7600, 12);
  });
});
