import type { Feature, MultiPolygon, Polygon, Position } from "geojson";

/**
 * Which local authorities border others, from boundary polygons (ONS Local Authority Districts as published:
 * `LADyyCD` / `LADyyNM` properties). Published generalised boundaries (BGC, BSC) are clipped to the coast and
 * tidal rivers, so authorities facing each other across the Thames, whose legal boundary runs mid-river, do not
 * touch in them, and generalisation leaves gaps and overlaps of tens of metres elsewhere. So two authorities
 * border when their boundaries run within `toleranceMetres` of each other along at least `minimumSharedMetres`
 * of boundary, each way: a long stretch facing across a river counts, a corner that merely comes near does not.
 * Distances are planar on a local tangent plane (turf's geodesic point-to-line took 352 s for the seven demo
 * authorities against the 361 of the UK; this takes well under a second, and agrees to metres at this scale).
 */
export interface BorderingOptions {
  toleranceMetres: number;
  minimumSharedMetres: number;
}

export const DEFAULT_BORDERING: BorderingOptions = { toleranceMetres: 500, minimumSharedMetres: 500 };

export interface Neighbour {
  code: string;
  name: string;
  /** Metres of boundary (the shorter of the two ways) within the tolerance of the other authority's boundary. */
  sharedMetres: number;
}

/** An authority's outline in local metres (x east, y north), as segments, with its bounding box. */
type Area = { code: string; name: string; segments: [number, number, number, number][]; box: [number, number, number, number] };

const SAMPLE_METRES = 50;
const METRES_PER_DEGREE_LATITUDE = 110_574;

function propertyMatching(properties: Record<string, unknown>, pattern: RegExp): string | null {
  const key = Object.keys(properties).find((name) => pattern.test(name));
  return key && typeof properties[key] === "string" ? (properties[key] as string) : null;
}

/**
 * The authorities of a FeatureCollection, with their outlines in metres on a plane tangent at the collection's
 * mean latitude (at the scale of a borough, within a few metres of the geodesic distance); features without a
 * LADyyCD code are left out.
 */
export function authorityAreas(geojson: unknown): Area[] {
  const features = ((geojson as { features?: Feature<Polygon | MultiPolygon>[] })?.features ?? []).filter((feature) => feature?.geometry);
  const ringsOf = (feature: Feature<Polygon | MultiPolygon>): Position[][] =>
    feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.type === "MultiPolygon" ? feature.geometry.coordinates.flat() : [];
  const latitudes = features.flatMap((feature) => ringsOf(feature).flat().map((position) => position[1]!));
  const meanLatitude = latitudes.length === 0 ? 52 : latitudes.reduce((sum, latitude) => sum + latitude, 0) / latitudes.length;
  const metresPerDegreeLongitude = METRES_PER_DEGREE_LATITUDE * Math.cos((meanLatitude * Math.PI) / 180) * (111_320 / METRES_PER_DEGREE_LATITUDE);
  return features.flatMap((feature) => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const code = propertyMatching(properties, /^LAD\d\dCD$/i);
    if (!code) return [];
    const segments: Area["segments"] = [];
    for (const ring of ringsOf(feature)) {
      for (let index = 1; index < ring.length; index++) {
        const [a, b] = [ring[index - 1]!, ring[index]!];
        segments.push([a[0]! * metresPerDegreeLongitude, a[1]! * METRES_PER_DEGREE_LATITUDE, b[0]! * metresPerDegreeLongitude, b[1]! * METRES_PER_DEGREE_LATITUDE]);
      }
    }
    const xs = segments.flatMap((s) => [s[0], s[2]]);
    const ys = segments.flatMap((s) => [s[1], s[3]]);
    const box: Area["box"] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    return [{ code, name: propertyMatching(properties, /^LAD\d\dNM$/i) ?? code, segments, box }];
  });
}

/** The distance in metres from a point to a segment, on the plane. */
function toSegment(x: number, y: number, [ax, ay, bx, by]: [number, number, number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Whether a segment's box comes within `metres` of a box. */
function segmentNear([ax, ay, bx, by]: [number, number, number, number], box: Area["box"], metres: number): boolean {
  return Math.min(ax, bx) - metres <= box[2] && box[0] - metres <= Math.max(ax, bx) && Math.min(ay, by) - metres <= box[3] && box[1] - metres <= Math.max(ay, by);
}

/** Metres of `from`'s boundary lying within `tolerance` metres of `to`'s boundary (sampled every 50 m). */
function sharedLength(from: Area, to: Area, tolerance: number): number {
  const near = to.segments.filter((segment) => segmentNear(segment, from.box, tolerance));
  let shared = 0;
  for (const segment of from.segments) {
    if (!segmentNear(segment, to.box, tolerance)) continue;
    const [ax, ay, bx, by] = segment;
    const length = Math.hypot(bx - ax, by - ay);
    const steps = Math.max(1, Math.ceil(length / SAMPLE_METRES));
    for (let step = 0; step < steps; step++) {
      const x = ax + ((bx - ax) * (step + 0.5)) / steps;
      const y = ay + ((by - ay) * (step + 0.5)) / steps;
      if (near.some((other) => toSegment(x, y, other) <= tolerance)) shared += length / steps;
    }
  }
  return shared;
}

function boxesNear(a: Area["box"], b: Area["box"], metres: number): boolean {
  return a[0] - metres <= b[2] && b[0] - metres <= a[2] && a[1] - metres <= b[3] && b[1] - metres <= a[3];
}

/**
 * The authorities bordering any of `codes` (not themselves among `codes`), by code, with the boundary length
 * they share; and the codes the boundaries do not hold.
 */
export function borderingAuthorities(geojson: unknown, codes: readonly string[], options: BorderingOptions = DEFAULT_BORDERING): { neighbours: Neighbour[]; missing: string[] } {
  const areas = authorityAreas(geojson);
  const own = areas.filter((area) => codes.includes(area.code));
  const missing = codes.filter((code) => !own.some((area) => area.code === code));
  const neighbours = new Map<string, Neighbour>();
  for (const mine of own) {
    for (const other of areas) {
      if (codes.includes(other.code) || !boxesNear(mine.box, other.box, options.toleranceMetres)) continue;
      const shared = Math.min(sharedLength(mine, other, options.toleranceMetres), sharedLength(other, mine, options.toleranceMetres));
      if (shared < options.minimumSharedMetres) continue;
      const known = neighbours.get(other.code);
      if (!known || known.sharedMetres < shared) neighbours.set(other.code, { code: other.code, name: other.name, sharedMetres: Math.round(shared) });
    }
  }
  return { neighbours: [...neighbours.values()].sort((a, b) => a.code.localeCompare(b.code)), missing };
}
