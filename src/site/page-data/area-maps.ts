import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { shippedAuthorityBoundaries } from "../../../geo/shipped-authorities.js";
import { boxGapKm, boxOf, clipRing, clusterByGap, frameAround, ringCentroid, roundRing, signedArea, unionBox, type Box } from "../../../geo/area-frames.js";
import type { Warehouse } from "../../warehouse/warehouse.js";

/** Shaded areas this close (km, between their boxes) are drawn on one map; farther apart, on maps of their own. */
export const CLUSTER_GAP_KM = 3;

type Authority = { code: string; name: string; polygons: Position[][][]; box: Box };
type Shape = { code: string; name: string; polygons: Position[][][]; box: Box };

/** One map: its frame, the authorities in it (the area's shaded), each cut to the frame with a point for its name. */
export interface AreaMap {
  title: string;
  frame: Box;
  shapes: { code: string; name: string; shaded: boolean; label: Position; geometry: MultiPolygon }[];
}

export interface AreaMaps {
  /** What the shading shows, in words. */
  shading: string;
  maps: AreaMap[];
}

let authorities: Authority[] | undefined;
function shippedAuthorities(): Authority[] {
  authorities ??= shippedAuthorityBoundaries().features.map((f) => ({ code: f.properties.code, name: f.properties.name, polygons: f.geometry.coordinates, box: boxOf(f.geometry.coordinates) }));
  return authorities;
}

type Spec = { kind: string; codes?: string[]; geojson?: FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>; parts?: Spec[]; within?: Spec };

/** The authority codes a definition's area is made of, or null when it is not a set of authorities (a radius, postcodes, LSOAs). */
async function areaAuthorities(warehouse: Warehouse, spec: Spec, resolvedCodes: readonly string[]): Promise<string[] | null> {
  switch (spec.kind) {
    case "local-authorities":
    case "bordering-authorities":
      return [...resolvedCodes];
    case "icb": {
      const icbs = new Set(spec.codes ?? []);
      const rows = await warehouse.all<{ code: string; icb: string }>("SELECT DISTINCT lad_code AS code, icb_code AS icb FROM authority_icb WHERE share >= 0.5 ORDER BY code");
      return rows.filter((row) => icbs.has(row.icb)).map((row) => row.code);
    }
    default:
      return null;
  }
}

/** The drawn shapes of a polygon definition, as shapes. */
function drawnShapes(spec: Spec): Shape[] {
  const geojson = spec.geojson;
  const features = !geojson ? [] : geojson.type === "FeatureCollection" ? geojson.features : [geojson];
  return features.map((feature, index) => {
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const name = String(properties.LAD24NM ?? properties.name ?? `Area ${index + 1}`);
    return { code: String(properties.LAD24CD ?? properties.code ?? `area-${index + 1}`), name, polygons, box: boxOf(polygons) };
  });
}

/** "A, B and C", or "A, B, C and 4 more" past four names. */
function listNames(names: readonly string[]): string {
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : [...names];
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** A shape cut to a frame and rounded (3 decimal places, about 100 m), wound for d3-geo; null when nothing is left. */
function cut(polygons: readonly Position[][][], frame: Box): { geometry: MultiPolygon; label: Position } | null {
  const kept: Position[][][] = [];
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => roundRing(clipRing(ring, frame), 3)).filter((ring) => ring.length >= 4 && signedArea(ring) !== 0);
    if (rings.length > 0 && clipRing(polygon[0]!, frame).length > 0) kept.push(rings);
  }
  if (kept.length === 0) return null;
  const largest = kept.reduce((a, b) => (Math.abs(signedArea(b[0]!)) > Math.abs(signedArea(a[0]!)) ? b : a));
  const label = ringCentroid(largest[0]!).map((v) => Math.round(v! * 1000) / 1000);
  return { geometry: { type: "MultiPolygon", coordinates: kept }, label };
}

/**
 * The maps of the headline definition's area on "What counts as local": its authorities shaded (or its drawn
 * polygons), grouped into one map per place when the area lies in several (clusterByGap), each framed with its
 * neighbouring authorities outlined and every authority named; for a definition that is not an area of
 * authorities (a radius, postcode prefixes, deprived LSOAs), one map per group of its local suppliers, outlined and
 * unshaded. Boundaries come from the shipped file (AUTHORITY_BOUNDARIES, geo/shipped-authorities.ts), cut to each frame.
 */
export async function areaMaps(
  warehouse: Warehouse,
  definition: { id: string; version: number; name: string; codes: readonly string[] },
  points: readonly { longitude: number; latitude: number; status: string }[],
): Promise<AreaMaps> {
  const { spec } = await warehouse.one<{ spec: string }>("SELECT spec FROM local_definitions WHERE definition_id = ? AND version = ?", [definition.id, definition.version]);
  const parsed = JSON.parse(spec) as Spec;
  const known = shippedAuthorities();
  let shaded: Shape[];
  let shading: string;
  if (parsed.kind === "polygon") {
    shaded = drawnShapes(parsed);
    shading = `the boundary drawn by “${definition.name}”`;
  } else {
    const codes = await areaAuthorities(warehouse, parsed, definition.codes);
    shaded = codes === null ? [] : known.filter((authority) => codes.includes(authority.code));
    shading = codes === null ? "" : `the authorities of “${definition.name}”`;
  }
  const clusters = shaded.length > 0
    ? clusterByGap(shaded, (shape) => shape.box, CLUSTER_GAP_KM).map((group) => ({ box: group.map((s) => s.box).reduce(unionBox), shaded: group }))
    // Not an area of authorities: frame the local suppliers, in groups as far apart as authorities would be.
    : clusterByGap(points.filter((p) => p.status === "local").map((p): Box => [p.longitude, p.latitude, p.longitude, p.latitude]), (box) => box, 15)
      .map((group) => ({ box: group.reduce(unionBox), shaded: [] as Shape[] }));
  const maps = clusters.map(({ box, shaded: group }, index): AreaMap => {
    const frame = frameAround(box);
    const shadedCodes = new Set(group.map((shape) => shape.code));
    const outlined = known.filter((authority) => !shadedCodes.has(authority.code) && boxGapKm(authority.box, frame) === 0);
    const shapes = [...group.map((shape) => ({ shape, shaded: true })), ...outlined.map((shape) => ({ shape, shaded: false }))]
      .flatMap(({ shape, shaded: isShaded }) => {
        const drawn = cut(shape.polygons, frame);
        return drawn ? [{ code: shape.code, name: shape.name, shaded: isShaded, ...drawn }] : [];
      });
    const title = group.length > 0 ? listNames(group.map((shape) => shape.name).sort((a, b) => a.localeCompare(b))) : `Local suppliers${clusters.length > 1 ? `, group ${index + 1}` : ""}`;
    return { title, frame, shapes };
  });
  return { shading, maps };
}
