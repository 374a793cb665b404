import { describe, expect, it } from "vitest";
import { pointInPolygonArea, preparePolygonArea, withoutRepeatedVertices } from "../../geo/polygon-area.js";

const polygon = (ring: number[][]) => ({ type: "Polygon", coordinates: [ring] });
const SQUARE = [[-0.08, 51.51], [-0.06, 51.51], [-0.06, 51.53], [-0.08, 51.53], [-0.08, 51.51]];

describe("preparePolygonArea", () => {
  it("drops a vertex repeated in a row instead of calling it a crossing", () => {
    const repeated = [SQUARE[0]!, SQUARE[1]!, SQUARE[1]!, SQUARE[2]!, SQUARE[3]!, SQUARE[3]!, SQUARE[4]!];
    expect(withoutRepeatedVertices(repeated)).toEqual(SQUARE);
    const { area, problems } = preparePolygonArea(polygon(repeated));
    expect(problems).toEqual([]);
    expect([pointInPolygonArea(area!, -0.07, 51.52), pointInPolygonArea(area!, -0.05, 51.52)]).toEqual([true, false]);
  });

  it("still refuses a ring that really crosses itself, and one with fewer than three corners once repeats are dropped", () => {
    const bowtie = [[-0.08, 51.51], [-0.06, 51.53], [-0.06, 51.53], [-0.06, 51.51], [-0.08, 51.53], [-0.08, 51.51]];
    expect(preparePolygonArea(polygon(bowtie)).problems).toEqual(["feature 1: its boundary crosses itself at 1 point(s) (expected a simple polygon)"]);
    const line = [[-0.08, 51.51], [-0.06, 51.51], [-0.06, 51.51], [-0.08, 51.51]];
    expect(preparePolygonArea(polygon(line)).problems[0]).toMatch(/^feature 1, ring 1: expected at least 4 positions \(3 distinct corners\)/);
  });
});
