import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codePointRecord, isCodePointRow, type CodePointRecord } from "../../loaders/reference/read-codepoint.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/geo");

/** The first 300 lines of Code-Point Open's e.csv and the first 100 of lu.csv, unchanged (headerless). */
const codePointRows = Papa.parse<string[]>(readFileSync(join(FIXTURES, "codepoint-e-sample.csv"), "utf8"), { skipEmptyLines: true }).data;

/** Every 25th postcode of the independent derivation, with its lat/lon and district. */
const derivedByPostcode = new Map(
  Papa.parse<{ postcode: string; lat: string; lon: string; lad_cd: string }>(readFileSync(join(FIXTURES, "codepoint-derived-sample.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data.map((point) => [point.postcode, point]),
);

/** Real rows quoted from Code-Point Open 2025 (en.csv and e.csv), outside the fixture's first lines. */
const NO_POSITION_ROW = ["EN77 1AA", "90", "0", "0", "E92000001", "", "", "", "", ""];
const SECTOR_MEAN_ROW = ["E1W 1BQ", "60", "534205", "180306", "E92000001", "", "", "", "", ""];
const E1_0AA_ROW = ["E1 0AA", "10", "535267", "181084", "E92000001", "E19000003", "E18000007", "", "E09000030", "E05009332"];

function withCell(cells: readonly string[], index: number, value: string): string[] {
  return cells.map((cell, at) => (at === index ? value : cell));
}

function expectRecord(result: ReturnType<typeof codePointRecord>): CodePointRecord {
  if ("problem" in result) throw new Error(`expected a record, got ${result.column}: ${result.problem}`);
  return result;
}

describe("isCodePointRow", () => {
  it("recognises every row of real Code-Point files", () => {
    expect(codePointRows).toHaveLength(400);
    expect(codePointRows.filter((cells) => !isCodePointRow(cells))).toEqual([]);
  });

  it("recognises rows with no position or no district", () => {
    expect(isCodePointRow(NO_POSITION_ROW)).toBe(true);
    expect(isCodePointRow(SECTOR_MEAN_ROW)).toBe(true);
  });

  it("rejects heading rows", () => {
    expect(isCodePointRow(["pcds", "lat", "long"])).toBe(false);
    expect(isCodePointRow(["PC", "PQ", "EA", "NO", "CY", "RH", "LH", "CC", "DC", "WC"])).toBe(false);
    expect(
      isCodePointRow([
        "Postcode",
        "Positional_quality_indicator",
        "Eastings",
        "Northings",
        "Country_code",
        "NHS_regional_HA_code",
        "NHS_HA_code",
        "Admin_county_code",
        "Admin_district_code",
        "Admin_ward_code",
      ]),
    ).toBe(false);
  });

  it("rejects a spend row", () => {
    const spendRow = ["Department of Health", "Barts Health NHS Trust", "01/04/2020", "Drugs", "Pharmacy", "ACME HEALTHCARE LTD", "1234", "27540.00", "E1 1BB", "GB123456789"];
    expect(isCodePointRow(spendRow)).toBe(false);
  });

  it("rejects rows of the wrong width, non-numeric coordinates or a district that is not a GSS code", () => {
    expect(isCodePointRow(E1_0AA_ROW.slice(0, 9))).toBe(false);
    expect(isCodePointRow([...E1_0AA_ROW, ""])).toBe(false);
    expect(isCodePointRow(withCell(E1_0AA_ROW, 2, "535267.5"))).toBe(false);
    expect(isCodePointRow(withCell(E1_0AA_ROW, 3, "51.51"))).toBe(false);
    expect(isCodePointRow(withCell(E1_0AA_ROW, 8, "Tower Hamlets"))).toBe(false);
  });
});

describe("codePointRecord", () => {
  it("reads a row into a postcode, WGS84 position, district and quality", () => {
    const record = expectRecord(codePointRecord(E1_0AA_ROW));
    expect(record).toMatchObject({ postcode: "E1 0AA", ladCode: "E09000030", quality: 10 });
    expect(record.latitude).toBeCloseTo(51.5125, 3);
    expect(record.longitude).toBeCloseTo(-0.0521, 3);
  });

  it("normalises the postcode to upper case with one space before the inward code", () => {
    for (const written of ["E1W1AA", "e1w 1aa", " e1w  1AA ", "E1W1aa"]) {
      expect(expectRecord(codePointRecord(withCell(E1_0AA_ROW, 0, written))).postcode).toBe("E1W 1AA");
    }
  });

  it("agrees with the independent derivation on postcodes present in both samples", () => {
    const shared = codePointRows.filter((cells) => derivedByPostcode.has(cells[0] ?? ""));
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const cells of shared) {
      const record = expectRecord(codePointRecord(cells));
      const derived = derivedByPostcode.get(record.postcode);
      expect(derived, record.postcode).toBeDefined();
      expect(record.ladCode, record.postcode).toBe(derived?.lad_cd);
      expect(record.latitude, record.postcode).toBeCloseTo(Number(derived?.lat), 4);
      expect(record.longitude, record.postcode).toBeCloseTo(Number(derived?.lon), 4);
    }
  });

  it("gives each file's district: Tower Hamlets for E1, Luton for LU1", () => {
    const districts = new Set(codePointRows.map((cells) => `${(cells[0] ?? "").slice(0, 2)} ${expectRecord(codePointRecord(cells)).ladCode}`));
    expect([...districts].sort()).toEqual(["E1 E09000030", "LU E06000032"]);
  });

  it("reads an empty district as null (quality 60: a sector-mean position)", () => {
    expect(expectRecord(codePointRecord(SECTOR_MEAN_ROW))).toMatchObject({ postcode: "E1W 1BQ", ladCode: null, quality: 60 });
  });

  it("names Eastings when Code-Point has no position (0,0, quality 90)", () => {
    const result = codePointRecord(NO_POSITION_ROW);
    expect(result).toMatchObject({ column: "Eastings", value: "0" });
    expect("problem" in result && result.problem).toMatch(/no position for EN77 1AA/);
  });

  it("names Postcode and keeps the raw value when the postcode is not one", () => {
    expect(codePointRecord(withCell(E1_0AA_ROW, 0, "E1 0A"))).toMatchObject({ column: "Postcode", value: "E1 0A" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 0, ""))).toMatchObject({ column: "Postcode", value: "" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 0, "Postcode"))).toMatchObject({ column: "Postcode", value: "Postcode" });
  });

  it("names the coordinate column that is missing, not a number, zero or off the grid", () => {
    expect(codePointRecord(withCell(E1_0AA_ROW, 2, ""))).toMatchObject({ column: "Eastings", value: "" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 2, "535,267"))).toMatchObject({ column: "Eastings", value: "535,267" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 2, "-535267"))).toMatchObject({ column: "Eastings", value: "-535267" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 2, "800000"))).toMatchObject({ column: "Eastings", value: "800000" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 3, "0"))).toMatchObject({ column: "Northings", value: "0" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 3, "1300001"))).toMatchObject({ column: "Northings", value: "1300001" });
    expect(codePointRecord(E1_0AA_ROW.slice(0, 3))).toMatchObject({ column: "Northings", value: "" });
  });

  it("names the quality indicator and district columns when they are malformed", () => {
    expect(codePointRecord(withCell(E1_0AA_ROW, 1, "ten"))).toMatchObject({ column: "Positional_quality_indicator", value: "ten" });
    expect(codePointRecord(withCell(E1_0AA_ROW, 8, "Tower Hamlets"))).toMatchObject({ column: "Admin_district_code", value: "Tower Hamlets" });
  });

  it("states the value found and what was expected", () => {
    const result = codePointRecord(withCell(E1_0AA_ROW, 2, "800000"));
    expect("problem" in result && result.problem).toBe(`"800000" is off the British National Grid (expected whole metres, 1–700000)`);
  });
});
