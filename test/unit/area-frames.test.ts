// The maps' geometry (geo/area-frames.ts), on boxes and rings worked out by hand.
import { describe, expect, it } from "vitest";
import { boxGapKm, clipRing, clusterByGap, frameAround, mercatorAspect, ringCentroid, roundRing, signedArea, type Box } from "../../geo/area-frames.js";

describe("boxGapKm", () => {
  it("is 0 for touching boxes and the straight-line gap otherwise", () => {
    expect(boxGapKm([0, 51, 1, 52], [1, 51, 2, 52])).toBe(0);
    // 0.1° of latitude is 11.132 km whatever the longitude.
    expect(boxGapKm([0, 51, 1, 51.4], [0, 51.5, 1, 52])).toBeCloseTo(11.132, 3);
    // 0.1° of longitude at 51.5° N: 11.132 × cos(51.5°) = 6.930 km.
    expect(boxGapKm([0, 51, 0.1, 52], [0.2, 51, 0.3, 52])).toBeCloseTo(6.930, 2);
  });
});

describe("clusterByGap", () => {
  it("puts authorities that touch in one group and a far one in another, the largest group first", () => {
    const boxes: Record<string, Box> = { luton: [-0.5, 51.85, -0.35, 51.93], hackney: [-0.1, 51.52, -0.02, 51.58], newham: [-0.02, 51.5, 0.1, 51.56], city: [-0.12, 51.5, -0.07, 51.52] };
    const groups = clusterByGap(Object.keys(boxes), (name) => boxes[name]!, 3);
    expect(groups).toEqual([["hackney", "newham", "city"], ["luton"]]);
  });

  it("joins through a chain (single linkage)", () => {
    const boxes: Box[] = [[0, 0, 1, 1], [1, 0, 2, 1], [2, 0, 3, 1]];
    expect(clusterByGap([0, 1, 2], (i) => boxes[i]!, 0)).toEqual([[0, 1, 2]]);
  });
});

describe("frameAround", () => {
  it("adds a margin and keeps a Mercator aspect between 0.6 and 1.1", () => {
    const tall: Box = [-0.1, 51.4, 0, 52.4];
    const frame = frameAround(tall);
    expect(mercatorAspect(frame)).toBeCloseTo(1.1, 6);
    expect(frame[1]).toBeLessThan(51.4);
    expect(frame[3]).toBeGreaterThan(52.4);
    const wide = frameAround([-1, 51.5, 1, 51.55]);
    expect(mercatorAspect(wide)).toBeCloseTo(0.6, 6);
  });
});

describe("clipRing", () => {
  it("cuts a square to the box, keeping its winding, and drops one wholly outside", () => {
    // A clockwise square from (0,0) to (2,2), cut by the box x ≤ 1: the rectangle (0,0)–(1,2).
    const square = [[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]];
    const clipped = clipRing(square, [-5, -5, 1, 5]);
    expect(Math.abs(signedArea(clipped))).toBeCloseTo(2 * 2, 9); // twice the area of 1 × 2
    expect(Math.sign(signedArea(clipped))).toBe(Math.sign(signedArea(square)));
    expect(clipRing(square, [5, 5, 6, 6])).toEqual([]);
  });
});

describe("roundRing, ringCentroid", () => {
  it("rounds to 3 places, drops repeats, and finds a square's centre", () => {
    expect(roundRing([[0.00011, 1.00049], [0.00012, 1.0004], [0.5, 1]], 3)).toEqual([[0, 1], [0.5, 1]]);
    expect(ringCentroid([[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]])).toEqual([1, 1]);
  });
});
