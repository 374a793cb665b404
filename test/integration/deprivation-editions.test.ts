// The English Indices of Deprivation 2025 (on 2021 LSOAs) and 2019 (on 2011 LSOAs) loaded side by side from the
// shared reference copies (test/fixtures/deprivation). Expected values come from the files themselves, read here with papaparse: never from
// the code under test.
import Papa from "papaparse";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { resolvePostcodes } from "../../src/model/locate-postcodes.js";
import { compileStoredDefinitions } from "../../src/model/refresh-locality.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const fixtures = "test/fixtures/deprivation";
const IOD2025 = join(fixtures, "iod2025-lsoa21.csv.gz");
const IMD2019 = join(fixtures, "imd2019-file1-lsoa.csv.gz");
const DIRECTORY = "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz";
const DECILE_2025 = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)";
const HEALTH_2025 = "Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)";

const readGz = (path: string) => Papa.parse<Record<string, string>>(gunzipSync(readFileSync(path)).toString("utf-8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
const iod2025 = new Map(readGz(IOD2025).map((row) => [row["LSOA code (2021)"]!, row]));
const imd2019 = new Map(readGz(IMD2019).map((row) => [row["LSOA code (2011)"]!, Number(row["Index of Multiple Deprivation (IMD) Decile"])]));
const directory = readGz(DIRECTORY);

describe("IoD 2025 beside IMD 2019", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;
  let results: FileResult[];

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "warehouse.duckdb"));
    results = await loadInputs(warehouse, [IOD2025, IMD2019, DIRECTORY]);
  });
  afterAll(async () => {
    await warehouse.close();
    folder.cleanup();
  });

  it("loads both editions whole, each keyed on its own LSOAs", async () => {
    expect(results.map((result) => result.status)).toEqual(["loaded", "loaded", "loaded"]);
    const counts = await warehouse.all<{ index_edition: string; rows: number }>(
      "SELECT index_edition, count(*)::INTEGER AS rows FROM deprivation GROUP BY ALL ORDER BY index_edition");
    expect(counts).toEqual([{ index_edition: "IoD2019", rows: imd2019.size }, { index_edition: "IoD2025", rows: iod2025.size }]);
    expect([imd2019.size, iod2025.size]).toEqual([32_844, 33_755]);
  });

  it("holds the IoD 2025 deciles (and a domain's) of three LSOAs as the shared file gives them", async () => {
    // City of London 001A, a Tower Hamlets LSOA (Isle of Dogs) and a Luton LSOA.
    for (const lsoa of ["E01000001", "E01004286", "E01015693"]) {
      const row = await warehouse.one<{ imd_decile: number; health_decile: number; imd_rank: number }>(
        "SELECT imd_decile, health_decile, imd_rank FROM deprivation WHERE index_edition = 'IoD2025' AND lsoa_code = ?", [lsoa]);
      const expected = iod2025.get(lsoa)!;
      expect({ imd: Number(row.imd_decile), health: Number(row.health_decile), rank: Number(row.imd_rank) }, lsoa).toEqual({
        imd: Number(expected[DECILE_2025]), health: Number(expected[HEALTH_2025]),
        rank: Number(expected["Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"]),
      });
    }
  });

  it("reads each edition by the postcode's LSOA of that edition's vintage, never mixed", async () => {
    // Postcodes whose 2021 LSOA differs from their 2011 one (LSOAs split or merged in 2021): the first three.
    const moved = directory.filter((row) => row.lsoa21cd_pip !== row.lsoa11cd_pip && row.lsoa21cd_pip && row.lsoa11cd_pip).slice(0, 3);
    expect(moved).toHaveLength(3);
    const located = await resolvePostcodes(warehouse, moved.map((row) => row.postcode!));
    for (const [index, row] of moved.entries()) {
      const place = located[index]!;
      expect({ lsoa21: place.lsoa21_code, lsoa11: place.lsoa11_code, iod2025: Number(place.iod2025_decile), iod2019: Number(place.iod2019_decile) }, row.postcode).toEqual({
        lsoa21: row.lsoa21cd_pip, lsoa11: row.lsoa11cd_pip,
        iod2025: Number(iod2025.get(row.lsoa21cd_pip!)![DECILE_2025]), iod2019: imd2019.get(row.lsoa11cd_pip!),
      });
    }
    console.info(`postcodes on a changed LSOA: ${moved.map((row) => `${row.postcode} (2021 ${row.lsoa21cd_pip}, 2011 ${row.lsoa11cd_pip})`).join("; ")}`);
  });
});

describe("mixing vintages is refused in words", () => {
  const folder = tempFolder();
  afterAll(() => folder.cleanup());

  it("refuses a file named IoD 2025 whose LSOA column is 2011's", async () => {
    const path = join(folder.path, "iod2025-by-lsoa.csv");
    writeFileSync(path, "LSOA code (2011),Index of Multiple Deprivation (IMD) Decile\nE01000001,9\n");
    const warehouse = await Warehouse.openForWriting(join(folder.path, "mixed.duckdb"));
    try {
      const [result] = await loadInputs(warehouse, [path]);
      expect(result).toMatchObject({ status: "refused" });
      expect((result as { error: string }).error).toMatch(/says IoD 2025, which is published on 2021 LSOAs, but its LSOA column is "LSOA code \(2011\)".*mix vintages/);
      expect((await warehouse.one<{ n: number }>("SELECT count(*)::INTEGER AS n FROM deprivation")).n).toBe(0);
    } finally {
      await warehouse.close();
    }
  });

  it("an IoD 2025 definition over a directory with only 2011 LSOAs cannot be applied, and says why", async () => {
    const definitions = join(folder.path, "definitions");
    mkdirSync(definitions);
    writeFileSync(join(definitions, "deprived.json"), JSON.stringify({
      id: "deprived", version: 1, name: "Deprived", description: "IoD 2025 deciles 1–2", kind: "deprivation", index: "IoD2025", maxDecile: 2,
    }));
    copyFileSync("data/demo/reference/nspl-nov2021-wc.csv.gz", join(folder.path, "nspl-nov2021-wc.csv.gz"));
    const warehouse = await Warehouse.openForWriting(join(folder.path, "old-directory.duckdb"));
    try {
      const results = await loadInputs(warehouse, [IOD2025, join(folder.path, "nspl-nov2021-wc.csv.gz"), definitions]);
      expect(results.map((result) => result.status)).toEqual(["loaded", "loaded", "loaded"]);
      const [compiled] = await compileStoredDefinitions(warehouse);
      expect(compiled!.problem).toMatch(/IoD 2025 is on 2021 LSOAs and the loaded postcode directory gives no 2021 LSOA/);
    } finally {
      await warehouse.close();
    }
  });
});
