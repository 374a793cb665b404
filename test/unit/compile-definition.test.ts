// Each kind of area against answers worked out by hand. Points are synthetic; distances come from turf's
// destination (a point a known distance and bearing from a site), independently of the code under test.
import { destination, point } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { compileArea, type DefinitionResources } from "../../geo/compile-definition.js";
import type { LocatedPoint } from "../../geo/located-point.js";
import { preparePolygonArea } from "../../geo/polygon-area.js";

const site = { latitude: 51.5166, longitude: -0.0699 };
// Made-up deciles: one LSOA code per decile for each edition, with E01000001 in both (at different deciles),
// so that a test can tell which vintage's LSOA a definition read.
const deciles = {
  IoD2025: new Map([["E01000001", 9], ["E01035001", 1], ["E01035002", 2], ["E01035003", 3]]),
  IoD2019: new Map([["E01000001", 1], ["E01032001", 2]]),
};
const resources: DefinitionResources = {
  siteLocation: (postcode) => (postcode === "E1 8DE" ? site : null),
  polygon: ({ geojson }) => preparePolygonArea(geojson).area!,
  deprivationDeciles: (index, domain) => {
    if (domain !== "imd" && domain !== "health") throw new Error(`no ${index} ${domain} deciles are loaded`);
    return deciles[index];
  },
};

function at(overrides: Partial<LocatedPoint>): LocatedPoint {
  return { postcode: "E1 6AN", sector: "E1 6", district: "E1", precision: "unit", latitude: site.latitude, longitude: site.longitude, ladCode: "E09000030", icbCode: "E54000029", lsoa11Code: null, lsoa21Code: null, ...overrides };
}

function kilometresFromSite(km: number, bearing: number): LocatedPoint {
  const [longitude, latitude] = destination(point([site.longitude, site.latitude]), km, bearing, { units: "kilometers" }).geometry.coordinates as [number, number];
  return at({ latitude, longitude });
}

describe("compileArea", () => {
  it("local-authorities and icb test the point's codes", () => {
    const boroughs = compileArea({ kind: "local-authorities", codes: ["E09000030", "E06000032"] }, resources);
    expect([boroughs(at({})), boroughs(at({ ladCode: "E06000032" })), boroughs(at({ ladCode: "E09000007" })), boroughs(at({ ladCode: null }))]).toEqual([true, true, false, false]);
    const icb = compileArea({ kind: "icb", codes: ["E54000029"] }, resources);
    expect([icb(at({})), icb(at({ icbCode: "E54000028" }))]).toEqual([true, false]);
  });

  it("radius: 4.9 km from a site is within 5 km, 5.1 km is not, in every direction", () => {
    const fiveKm = compileArea({ kind: "radius", sites: ["E1 8DE"], distance: 5, unit: "km" }, resources);
    for (const bearing of [0, 45, 90, 180, 270]) {
      expect(fiveKm(kilometresFromSite(4.9, bearing)), `4.9 km at ${bearing}°`).toBe(true);
      expect(fiveKm(kilometresFromSite(5.1, bearing)), `5.1 km at ${bearing}°`).toBe(false);
    }
    const fiveMiles = compileArea({ kind: "radius", sites: ["E1 8DE"], distance: 5, unit: "miles" }, resources);
    expect([fiveMiles(kilometresFromSite(8.0, 90)), fiveMiles(kilometresFromSite(8.1, 90))]).toEqual([true, false]);
  });

  it("radius refuses a site the directory cannot place", () => {
    expect(() => compileArea({ kind: "radius", sites: ["ZZ1 1ZZ"], distance: 1, unit: "km" }, resources)).toThrow(/ZZ1 1ZZ is not in the loaded postcode directory/);
  });

  it("postcode-prefixes match areas, districts and sectors; a district-precision point never matches a sector", () => {
    const prefixes = compileArea({ kind: "postcode-prefixes", prefixes: ["LU", "E1", "EC1A 1"] }, resources);
    expect(prefixes(at({}))).toBe(true);
    expect(prefixes(at({ postcode: "LU4 9SA", sector: "LU4 9", district: "LU4" }))).toBe(true);
    expect(prefixes(at({ postcode: "E14 7LY", sector: "E14 7", district: "E14" }))).toBe(false);
    expect(prefixes(at({ postcode: "EC1A 1BB", sector: "EC1A 1", district: "EC1A" }))).toBe(true);
    expect(prefixes(at({ postcode: null, sector: null, district: "EC1A", precision: "district" }))).toBe(false);
  });

  it("deprivation: deciles up to the maximum, within another area when given", () => {
    const deprived = compileArea({ kind: "deprivation", index: "IoD2025", domain: "imd", maxDecile: 2, within: { kind: "local-authorities", codes: ["E09000030"] } }, resources);
    const lsoa = (code: string | null, overrides: Partial<LocatedPoint> = {}) => at({ lsoa21Code: code, ...overrides });
    expect([deprived(lsoa("E01035001")), deprived(lsoa("E01035002")), deprived(lsoa("E01035003")), deprived(lsoa("E01035001", { ladCode: "E09000007" })), deprived(lsoa(null)), deprived(lsoa("E01099999"))])
      .toEqual([true, true, false, false, false, false]);
  });

  it("deprivation reads each index by the LSOA of its own vintage, never the other's", () => {
    const by2025 = compileArea({ kind: "deprivation", index: "IoD2025", domain: "imd", maxDecile: 2 }, resources);
    const by2019 = compileArea({ kind: "deprivation", index: "IoD2019", domain: "imd", maxDecile: 2 }, resources);
    // E01000001 is decile 9 in the made-up 2025 table and decile 1 in the 2019 one.
    const both = at({ lsoa21Code: "E01000001", lsoa11Code: "E01000001" });
    expect([by2025(both), by2019(both)]).toEqual([false, true]);
    // Only a 2011 LSOA known: IoD 2025 cannot place it (not read by the 2011 code), IoD 2019 can.
    const only2011 = at({ lsoa11Code: "E01032001" });
    expect([by2025(only2011), by2019(only2011)]).toEqual([false, true]);
    const only2021 = at({ lsoa21Code: "E01035001" });
    expect([by2025(only2021), by2019(only2021)]).toEqual([true, false]);
  });

  it("deprivation by a domain asks for that domain's deciles, and a domain not loaded is an error in words", () => {
    expect(compileArea({ kind: "deprivation", index: "IoD2025", domain: "health", maxDecile: 1 }, resources)(at({ lsoa21Code: "E01035001" }))).toBe(true);
    expect(() => compileArea({ kind: "deprivation", index: "IoD2025", domain: "crime", maxDecile: 1 }, resources)).toThrow(/no IoD2025 crime deciles are loaded/);
  });

  it("union and intersection combine their parts", () => {
    const parts = [{ kind: "local-authorities" as const, codes: ["E09000030"] }, { kind: "deprivation" as const, index: "IoD2025" as const, domain: "imd" as const, maxDecile: 3 }];
    const union = compileArea({ kind: "union", of: parts }, resources);
    const intersection = compileArea({ kind: "intersection", of: parts }, resources);
    const cases = [at({ lsoa21Code: "E01035001" }), at({ lsoa21Code: "E01000001" }), at({ ladCode: "E09000007", lsoa21Code: "E01035001" }), at({ ladCode: "E09000007", lsoa21Code: "E01000001" })];
    expect(cases.map(union)).toEqual([true, true, true, false]);
    expect(cases.map(intersection)).toEqual([true, false, false, false]);
  });

  it("polygon: inside, outside, and a hole", () => {
    const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
    const geojson = { type: "Polygon", coordinates: [square(-0.1, 51.5, 0.1), square(-0.06, 51.54, 0.02)] };
    const inside = compileArea({ kind: "polygon", file: "square.geojson", geojson }, resources);
    expect([inside(at({ longitude: -0.09, latitude: 51.51 })), inside(at({ longitude: -0.05, latitude: 51.55 })), inside(at({ longitude: 0.05, latitude: 51.55 }))]).toEqual([true, false, false]);
  });
});

describe("preparePolygonArea", () => {
  const ring = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
  it("refuses unclosed rings, self-intersections and non-polygons, saying which", () => {
    expect(preparePolygonArea({ type: "Polygon", coordinates: [ring.slice(0, 4)] }).problems[0]).toMatch(/ring 1: not closed/);
    expect(preparePolygonArea({ type: "Polygon", coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] }).problems[0]).toMatch(/crosses itself/);
    expect(preparePolygonArea({ type: "Point", coordinates: [0, 0] }).problems[0]).toMatch(/expected a GeoJSON FeatureCollection/);
    expect(preparePolygonArea({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 0]]] }).problems[0]).toMatch(/at least 4 positions/);
  });
  it("accepts a ring wound clockwise, rewinding it", () => {
    const clockwise = [...ring].reverse();
    const { area, problems } = preparePolygonArea({ type: "Polygon", coordinates: [clockwise] });
    expect(problems).toEqual([]);
    expect(area?.features).toHaveLength(1);
  });
});
