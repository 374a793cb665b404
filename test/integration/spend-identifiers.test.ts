// Company, charity and VAT registration numbers a spend file gives (test/fixtures/registers/council/: made up),
// captured for both readers: the same file read by DuckDB (council/) and streamed (council-streamed/: a title line
// and a blank line above the heading send it to the streaming reader). Expected values are written out by hand.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tableChecksums, tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/registers";
const EXPECTED = [
  { supplier: "Fictional Roofing Limited", scheme: "GB-VAT", identifier: "999999973" },
  { supplier: "Invented Catering (Scotland) Ltd", scheme: "GB-COH", identifier: "SC123456" },
  { supplier: "Made Up Cleaning Services Ltd", scheme: "GB-COH", identifier: "07687209" },
  { supplier: "Made Up Cleaning Services Ltd", scheme: "GB-VAT", identifier: "123456782" },
  { supplier: "Made Up Community Trust", scheme: "GB-CHC", identifier: "1123456" },
];
const REPORTED = "identifiers (distinct supplier and value): company number 3 kept, 1 not a company number (not kept; the lines stand); "
  + "charity number 1 kept, 1 not a charity number (not kept; the lines stand); VAT number 2 kept, 1 not a VAT number (not kept; the lines stand)";

describe("identifiers from spend files", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let results: FileResult[];

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    results = await loadInputs(warehouse, [join(fixtures, "council"), join(fixtures, "council-streamed")]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  const identifiers = (institution: string) => warehouse.all<Record<string, string>>(
    `SELECT s.name AS supplier, i.scheme, i.identifier FROM spend_supplier_identifiers i JOIN suppliers s USING (supplier_id)
     WHERE i.institution_id = ? ORDER BY s.name, i.scheme`, [institution]);

  for (const [institution, reader] of [["MADEUPCC", "duckdb"], ["MADEUPCS", "stream"]] as const) {
    it(`${reader} reader: every line loads (a bad identifier is not a bad row); the numbers are kept normalised, a redacted payee's never`, async () => {
      const spend = results.find((result) => result.status === "loaded" && result.kind === "spend" && result.path.includes(institution === "MADEUPCC" ? "council/" : "council-streamed/"));
      expect(spend?.status).toBe("loaded");
      if (spend?.status !== "loaded") return;
      expect({ read: spend.outcome.rowsRead, loaded: spend.outcome.rowsLoaded, quarantined: spend.outcome.rowsQuarantined }).toEqual({ read: 8, loaded: 8, quarantined: 0 });
      expect((spend.outcome as { reader?: string }).reader).toBe(reader);
      expect(await identifiers(institution)).toEqual(EXPECTED);
      const { reading } = await warehouse.one<{ reading: string }>("SELECT reading FROM source_files WHERE file_id = (SELECT max(file_id) FROM spend_supplier_identifiers WHERE institution_id = ?)", [institution]);
      expect(reading).toContain(REPORTED);
      expect(await warehouse.all("SELECT * FROM quarantine WHERE path LIKE ?", [`%${institution === "MADEUPCC" ? "council/" : "council-streamed/"}%`])).toEqual([]);
    });
  }

  it("re-loading the same files changes nothing", async () => {
    const before = await tableChecksums(warehouse);
    await loadInputs(warehouse, [join(fixtures, "council"), join(fixtures, "council-streamed")]);
    expect(await tableChecksums(warehouse)).toEqual(before);
  });
});
