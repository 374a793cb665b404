// The polygon self-intersection check (geo/segment-crossings.ts, a grid of about one cell per segment) against
// the check it replaced, turf's quadratic `kinks` (still a dependency, as this test's reference): the same
// count on every feature of real shared boundaries (/work/shared/reference/boundaries, see its PROVENANCE.md;
// the demo's boundary files) and on crafted and seeded random crossings. A boundary of 200,000 vertices built
// here (a circle, simple; then with one crossing put in) gets its known count and reports progress. The
// 1M-vertex case runs in `npm run bench`-style timing only in scripts, never as a timed test.
import { kinks } from "@turf/kinks";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countSegmentCrossings } from "../../geo/segment-crossings.js";
import { preparePolygonArea } from "../../geo/polygon-area.js";
import { seededRandom } from "../../scripts/seeded-random.js";

type Area = Polygon | MultiPolygon;
const ringsOf = (geometry: Area): Position[][] => (geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat());
const turfCount = (geometry: Area): number => kinks({ type: "Feature", properties: {}, geometry }).features.length;
const polygon = (...rings: number[][][]): Polygon => ({ type: "Polygon", coordinates: rings });

const REFERENCE = "/work/shared/reference/boundaries";
const REAL_FILES = [
  `${REFERENCE}/lad-2024/Local_Authority_Districts_May_2024_UK_BSC.geojson`,
  `${REFERENCE}/icb/Integrated_Care_Boards_April_2023_EN_BSC.geojson`,
  `${REFERENCE}/icb/NHS_SubICB_April_2023_EN_BSC.geojson`,
  `${REFERENCE}/lsoa21/E09000030.geojson`,
  "data/demo/definitions/lad-2024-own-and-bordering.geojson",
  "data/demo/definitions/own-local-authorities-2024.geojson",
];

describe("segment crossings", () => {
  it.each(REAL_FILES.filter((file) => existsSync(file)))("gives kinks's count for every feature of %s", (file) => {
    const features = (JSON.parse(readFileSync(file, "utf-8")) as { features: Feature<Area>[] }).features.filter((f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon");
    expect(features.length).toBeGreaterThan(0);
    const mismatches = features.flatMap((feature, index) => {
      const ours = countSegmentCrossings(ringsOf(feature.geometry));
      const theirs = turfCount(feature.geometry);
      return ours === theirs ? [] : [`feature ${index + 1}: ${ours} here, ${theirs} by kinks`];
    });
    expect(mismatches).toEqual([]);
  });

  it("the real files are there (the shared reference is on this machine)", () => {
    expect(REAL_FILES.filter((file) => existsSync(file))).toHaveLength(REAL_FILES.length);
  });

  const crafted: [string, Area, number][] = [
    ["a square", polygon([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]), 0],
    ["a bow tie", polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]), 1],
    ["a figure of eight with two crossings", polygon([[0, 0], [2, 2], [2, 0], [0, 2], [1, 3], [3, 1], [0, 0]]), -1],
    ["a ring touching itself at a vertex", polygon([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]), -1],
    ["a hole crossing its outer ring", polygon([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[3, 1], [5, 1], [5, 2], [3, 2], [3, 1]]), -1],
    ["a hole sharing a corner with its outer ring", polygon([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[0, 0], [1, 1], [2, 1], [0, 0]]), -1],
    ["collinear overlapping edges", polygon([[0, 0], [3, 0], [3, 1], [2, 1], [2, 0], [1, 0], [1, 2], [0, 2], [0, 0]]), -1],
    ["a vertical and a horizontal edge crossing", polygon([[0, 0], [4, 0], [4, 2], [1, 2], [1, -1], [2, -1], [2, 3], [0, 3], [0, 0]]), -1],
    ["a MultiPolygon whose parts cross", { type: "MultiPolygon", coordinates: [[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]] }, -1],
    ["two parts with segments of the same index crossing", { type: "MultiPolygon", coordinates: [[[[0, 0], [2, 2], [2, 3], [0, 3], [0, 0]]], [[[0, 2], [2, 0], [3, 0], [3, 2], [0, 2]]]] }, -1],
    ["an open ring (its first and last segments are then compared)", { type: "Polygon", coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0.0001], [1, -1]]] }, -1],
  ];
  it.each(crafted)("gives kinks's count for %s", (_, geometry, expected) => {
    const ours = countSegmentCrossings(ringsOf(geometry));
    expect(ours).toBe(turfCount(geometry));
    if (expected >= 0) expect(ours).toBe(expected);
  });

  it("gives kinks's count on 300 seeded random rings and pairs of rings, crossings and all", () => {
    const random = seededRandom(20261202);
    const ring = (n: number, scale: number): number[][] => {
      const points = Array.from({ length: n }, () => [Math.round(random() * scale * 100) / 100, Math.round(random() * scale * 100) / 100]);
      return [...points, points[0]!];
    };
    let crossings = 0;
    for (let trial = 0; trial < 300; trial++) {
      const geometry = trial % 3 === 2 ? polygon(ring(4 + (trial % 40), 10), ring(4 + (trial % 7), 10)) : polygon(ring(4 + (trial % 60), trial % 2 === 0 ? 10 : 2));
      const theirs = turfCount(geometry);
      expect(countSegmentCrossings(ringsOf(geometry)), `trial ${trial}`).toBe(theirs);
      crossings += theirs;
    }
    expect(crossings).toBeGreaterThan(1000);
  });

  it("finds no crossing in a 200,000-vertex circle and the one put in, reporting progress", () => {
    const n = 200_000;
    const circle = Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
    const closed = [...circle, circle[0]!];
    const progress: number[] = [];
    expect(countSegmentCrossings([closed], (checked) => progress.push(checked))).toBe(0);
    expect(progress.length).toBeGreaterThan(0);
    // Swap two neighbouring vertices far from the ends: the ring's edges before and after them now cross once.
    const swapped = closed.map((p) => [...p]);
    [swapped[1000], swapped[1001]] = [swapped[1001]!, swapped[1000]!];
    expect(countSegmentCrossings([swapped])).toBe(1);
    expect(preparePolygonArea(polygon(swapped)).problems).toEqual(["feature 1: its boundary crosses itself at 1 point(s) (expected a simple polygon)"]);
  });
});
