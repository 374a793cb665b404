// Pure geometry for the site's maps of a local area: bounding boxes, clusters of authorities that lie together,
// a map frame around each cluster, and rings clipped to a frame. Longitude/latitude (WGS84) throughout;
// distances in km on a local equirectangular approximation (good to well under 1% at these scales).
import type { Position } from "geojson";

/** [west, south, east, north] in degrees. */
export type Box = [number, number, number, number];

const KM_PER_DEGREE_LATITUDE = 111.32;

/** The bounding box of every position of some polygons (each a list of rings). */
export function boxOf(polygons: readonly Position[][][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) for (const ring of polygon) for (const [x, y] of ring) {
    box[0] = Math.min(box[0], x!); box[1] = Math.min(box[1], y!); box[2] = Math.max(box[2], x!); box[3] = Math.max(box[3], y!);
  }
  return box;
}

/** Boxes together: the box around both. */
export function unionBox(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** The gap in km between two boxes (0 when they touch or overlap). */
export function boxGapKm(a: Box, b: Box): number {
  const latitude = ((a[1] + a[3] + b[1] + b[3]) / 4) * (Math.PI / 180);
  const dx = Math.max(0, b[0] - a[2], a[0] - b[2]) * KM_PER_DEGREE_LATITUDE * Math.cos(latitude);
  const dy = Math.max(0, b[1] - a[3], a[1] - b[3]) * KM_PER_DEGREE_LATITUDE;
  return Math.hypot(dx, dy);
}

/**
 * Groups items whose boxes lie within `gapKm` of each other, directly or through others (single linkage): the
 * authorities of a local area that is in two places (East London and Bedfordshire) fall in two groups, and
 * neighbouring authorities in one. Groups keep the items' order; the largest group (by items) comes first.
 */
export function clusterByGap<T>(items: readonly T[], box: (item: T) => Box, gapKm: number): T[][] {
  const group = items.map((_, index) => index);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i]!)));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (boxGapKm(box(items[i]!), box(items[j]!)) <= gapKm) group[find(j)] = find(i);
    }
  }
  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), item]);
  });
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

const mercatorY = (latitude: number) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360));
const inverseMercatorY = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/** A box's height over its width as a Mercator map draws it. */
export function mercatorAspect(box: Box): number {
  return (mercatorY(box[3]) - mercatorY(box[1])) / (((box[2] - box[0]) * Math.PI) / 180);
}

/**
 * A map frame around a box: a margin of `marginShare` of its larger side on every side, then widened or heightened
 * about its centre so that a Mercator map of it is between `minAspect` and `maxAspect` times as high as wide
 * (readable on a phone and on a desktop).
 */
export function frameAround(box: Box, { marginShare = 0.12, minAspect = 0.6, maxAspect = 1.1 } = {}): Box {
  const latitude = ((box[1] + box[3]) / 2) * (Math.PI / 180);
  const widthKm = (box[2] - box[0]) * KM_PER_DEGREE_LATITUDE * Math.cos(latitude);
  const heightKm = (box[3] - box[1]) * KM_PER_DEGREE_LATITUDE;
  const marginKm = Math.max(widthKm, heightKm, 4) * marginShare;
  const dx = marginKm / (KM_PER_DEGREE_LATITUDE * Math.cos(latitude));
  const dy = marginKm / KM_PER_DEGREE_LATITUDE;
  let frame: Box = [box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy];
  const aspect = mercatorAspect(frame);
  if (aspect > maxAspect) {
    const half = ((frame[2] - frame[0]) * aspect) / maxAspect / 2;
    const centre = (frame[0] + frame[2]) / 2;
    frame = [centre - half, frame[1], centre + half, frame[3]];
  } else if (aspect < minAspect) {
    const halfY = (((frame[2] - frame[0]) * Math.PI) / 180) * minAspect / 2;
    const centreY = (mercatorY(frame[1]) + mercatorY(frame[3])) / 2;
    frame = [frame[0], inverseMercatorY(centreY - halfY), frame[2], inverseMercatorY(centreY + halfY)];
  }
  return frame;
}

/** Whether a point lies in a box. */
export function inBox([x, y]: Position, box: Box): boolean {
  return x! >= box[0] && x! <= box[2] && y! >= box[1] && y! <= box[3];
}

/**
 * A closed ring clipped to a box (Sutherland–Hodgman: the box is convex), closed again; the ring's winding is kept.
 * A ring wholly outside gives an empty list.
 */
export function clipRing(ring: readonly Position[], box: Box): Position[] {
  const edges: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
    [(p) => p[0]! >= box[0], (a, b) => atX(a, b, box[0])],
    [(p) => p[0]! <= box[2], (a, b) => atX(a, b, box[2])],
    [(p) => p[1]! >= box[1], (a, b) => atY(a, b, box[1])],
    [(p) => p[1]! <= box[3], (a, b) => atY(a, b, box[3])],
  ];
  let points = ring.slice(0, -1);
  for (const [inside, cross] of edges) {
    const next: Position[] = [];
    points.forEach((current, index) => {
      const previous = points[(index + points.length - 1) % points.length]!;
      if (inside(current)) {
        if (!inside(previous)) next.push(cross(previous, current));
        next.push(current);
      } else if (inside(previous)) next.push(cross(previous, current));
    });
    points = next;
    if (points.length === 0) return [];
  }
  return points.length < 3 ? [] : [...points, points[0]!];
}

function atX(a: Position, b: Position, x: number): Position {
  return [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
}

function atY(a: Position, b: Position, y: number): Position {
  return [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];
}

/** Positions rounded to `digits` decimal places (3: about 70–110 m), with repeats in a row dropped. */
export function roundRing(ring: readonly Position[], digits: number): Position[] {
  const scale = 10 ** digits;
  const rounded = ring.map(([x, y]) => [Math.round(x! * scale) / scale, Math.round(y! * scale) / scale]);
  return rounded.filter((p, i) => i === 0 || p[0] !== rounded[i - 1]![0] || p[1] !== rounded[i - 1]![1]);
}

/** Twice the signed planar area of a ring (negative when clockwise, as d3-geo wants an outer ring). */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return sum;
}

/** The centre of mass of a polygon's outer ring (where its name goes). */
export function ringCentroid(ring: readonly Position[]): Position {
  let x = 0, y = 0, area = 0;
  for (let i = 1; i < ring.length; i++) {
    const cross = ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
    area += cross;
    x += (ring[i - 1]![0]! + ring[i]![0]!) * cross;
    y += (ring[i - 1]![1]! + ring[i]![1]!) * cross;
  }
  return area === 0 ? ring[0]! : [x / (3 * area), y / (3 * area)];
}
