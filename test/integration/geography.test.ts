// Postcode geography against answers known from the reference data: districts resolve to the authority that
// holds most of their postcodes, a terminated postcode in an ONSPD-layout file resolves, and the polygon kind
// agrees with the local-authority kind on every shipped reference postcode not near a boundary.
import Papa from "papaparse";
import { polygonToLine, pointToLineDistance, point } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileArea, type DefinitionResources } from "../../geo/compile-definition.js";
import { preparePolygonArea } from "../../geo/polygon-area.js";
import { loadInputs } from "../../loaders/load-inputs.js";
import { resolvePostcodes } from "../../src/model/locate-postcodes.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const demo = "data/demo";
const NO_RESOURCES: DefinitionResources = {
  siteLocation: () => null,
  polygon: () => { throw new Error("unused"); },
  deprivationDeciles: () => { throw new Error("unused"); },
};
const OWN_AUTHORITIES = ["E09000001", "E09000012", "E09000025", "E09000030", "E06000055", "E06000056", "E06000032"];

describe("postcode geography", () => {
  const folder = tempFolder();
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await Warehouse.openForWriting(join(folder.path, "w.duckdb"));
    const results = await loadInputs(warehouse, [join(demo, "reference"), "test/fixtures/geo/onspd-ab1-sample.csv"]);
    const refused = results.filter((result) => result.status === "refused");
    if (refused.length > 0) throw new Error(JSON.stringify(refused));
  });
  afterAll(() => {
    warehouse?.close();
    folder.cleanup();
  });

  it("places districts in the authority holding most of their postcodes: E1 Tower Hamlets, LU1 Luton, MK40 Bedford", async () => {
    const rows = await resolvePostcodes(warehouse, ["E1", "LU1", "MK40"]);
    expect(rows.map((row) => [row.postcode_as_given, row.precision, row.lad_code])).toEqual([
      ["E1", "district", "E09000030"], ["LU1", "district", "E06000032"], ["MK40", "district", "E06000055"],
    ]);
  });

  it("falls back from an unknown unit postcode to its sector, and says so", async () => {
    const [row] = await resolvePostcodes(warehouse, ["M1 1AE"]);
    expect(row).toMatchObject({ postcode: "M1 1AE", precision: "sector", lad_code: "E08000003" });
    expect(row!.reason).toContain("sector");
  });

  it("resolves a terminated postcode from an ONSPD-layout file by its last known position", async () => {
    const [row] = await resolvePostcodes(warehouse, ["ab1 0aa"]);
    expect(row).toMatchObject({ postcode: "AB1 0AA", precision: "unit", terminated: true, lad_code: "S12000033" });
    expect(row!.latitude).toBeCloseTo(57.101474, 5);
    expect(row!.reason).toContain("terminated");
  });

  it("says a text that is not a postcode is not one", async () => {
    const [row] = await resolvePostcodes(warehouse, ["not a postcode"]);
    expect(row).toMatchObject({ precision: "none", reason: "not a valid UK postcode" });
  });

  it("agrees, polygon against authority codes, on every reference postcode not within 300 m of a boundary", () => {
    const text = gunzipSync(readFileSync(join(demo, "reference", "postcodes-nel-blmk-codepoint2025.csv.gz"))).toString("utf-8");
    const postcodes = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const geojson = JSON.parse(readFileSync(join(demo, "definitions", "own-local-authorities-2024.geojson"), "utf-8"));
    const polygon = compileArea({ kind: "polygon", file: "own", geojson }, { ...NO_RESOURCES, polygon: ({ geojson: g }) => preparePolygonArea(g).area! });
    const codes = compileArea({ kind: "local-authorities", codes: OWN_AUTHORITIES }, NO_RESOURCES);
    const outlines = (geojson.features as Feature<Polygon | MultiPolygon>[]).map((feature) => polygonToLine(feature));
    const distanceToBoundary = (longitude: number, latitude: number) => Math.min(...outlines.flatMap((outline) =>
      ("features" in outline ? outline.features : [outline]).map((line) => pointToLineDistance(point([longitude, latitude]), line as Feature<never>, { units: "meters" }))));
    let disagreements = 0;
    let farDisagreements = 0;
    for (const row of postcodes) {
      const located = { postcode: row.postcode!, sector: row.sector!, district: row.district!, precision: "unit" as const, latitude: Number(row.lat), longitude: Number(row.lon), ladCode: row.lad_cd!, icbCode: row.icb23cd!, lsoa11Code: null, lsoa21Code: null };
      if (polygon(located) !== codes(located)) {
        disagreements++;
        if (distanceToBoundary(located.longitude, located.latitude) > 300) farDisagreements++;
      }
    }
    console.info(`polygon vs codes: ${disagreements} of ${postcodes.length} disagree, ${farDisagreements} farther than 300 m from a boundary`);
    expect(postcodes.length).toBe(55_618);
    expect(farDisagreements, `${disagreements} disagreements in all`).toBe(0);
    expect(disagreements / postcodes.length).toBeLessThan(0.01);
  });
});
