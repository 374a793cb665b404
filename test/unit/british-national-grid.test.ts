import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bngToWgs84 } from "../../geo/british-national-grid.js";

/** Every 25th postcode of the independent Code-Point derivation: see test/fixtures/geo/README.md. */
const SAMPLE_PATH = join(import.meta.dirname, "../fixtures/geo/codepoint-derived-sample.csv");

interface DerivedPoint {
  postcode: string;
  easting: string;
  northing: string;
  lat: string;
  lon: string;
}

const EARTH_MEAN_RADIUS_METRES = 6_371_008.8;

/** Great-circle distance in metres between two WGS84 points (haversine on a sphere of the Earth's mean radius). */
function haversineMetres(latitudeA: number, longitudeA: number, latitudeB: number, longitudeB: number): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const halfChord =
    Math.sin(radians(latitudeB - latitudeA) / 2) ** 2 +
    Math.cos(radians(latitudeA)) * Math.cos(radians(latitudeB)) * Math.sin(radians(longitudeB - longitudeA) / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_METRES * Math.asin(Math.sqrt(halfChord));
}

describe("bngToWgs84", () => {
  it("places every sampled Code-Point postcode within 10 m of the independent derivation", () => {
    const sample = Papa.parse<DerivedPoint>(readFileSync(SAMPLE_PATH, "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(sample.length).toBeGreaterThan(2_000);

    let maxErrorMetres = 0;
    let worstPostcode = "";
    for (const point of sample) {
      const { latitude, longitude } = bngToWgs84(Number(point.easting), Number(point.northing));
      const errorMetres = haversineMetres(latitude, longitude, Number(point.lat), Number(point.lon));
      if (!(errorMetres <= maxErrorMetres)) {
        maxErrorMetres = errorMetres;
        worstPostcode = point.postcode;
      }
    }
    expect(maxErrorMetres, `max error ${maxErrorMetres.toFixed(3)} m (at ${worstPostcode}) over ${sample.length} postcodes`).toBeLessThan(10);
  });

  it("returns latitude and longitude, not longitude and latitude", () => {
    // "E1 0AA",10,535267,181084 in Code-Point Open: Whitechapel, east London, just west of the prime meridian.
    const { latitude, longitude } = bngToWgs84(535_267, 181_084);
    expect(latitude).toBeCloseTo(51.5125, 3);
    expect(longitude).toBeCloseTo(-0.0521, 3);
  });

  it("refuses points off the grid with a RangeError", () => {
    expect(() => bngToWgs84(-1, 181_084)).toThrow(RangeError);
    expect(() => bngToWgs84(700_001, 181_084)).toThrow(RangeError);
    expect(() => bngToWgs84(535_267, -1)).toThrow(RangeError);
    expect(() => bngToWgs84(535_267, 1_300_001)).toThrow(RangeError);
    expect(() => bngToWgs84(Number.NaN, 181_084)).toThrow(RangeError);
    expect(() => bngToWgs84(535_267, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("refuses 0,0 — Code-Point's 'no position' — with a RangeError naming the coordinates", () => {
    expect(() => bngToWgs84(0, 0)).toThrow(RangeError);
    expect(() => bngToWgs84(0, 0)).toThrow(/easting 0, northing 0/);
  });

  it("accepts the grid's edges", () => {
    expect(() => bngToWgs84(700_000, 1_300_000)).not.toThrow();
    expect(() => bngToWgs84(0, 1)).not.toThrow();
  });
});
