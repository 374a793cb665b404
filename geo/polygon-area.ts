import { bbox } from "@turf/bbox";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { point } from "@turf/helpers";
import { rewind } from "@turf/rewind";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { countSegmentCrossings } from "./segment-crossings.js";

type AreaFeature = Feature<Polygon | MultiPolygon>;

/** A polygon area ready for fast tests: each feature with its bounding box, checked first. */
export interface PolygonArea {
  features: { feature: AreaFeature; box: [number, number, number, number] }[];
}

function rings(feature: AreaFeature): Position[][] {
  return feature.geometry.type === "Polygon" ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
}

/** A ring without repeats of a vertex in a row (GIS tools often write them; a crossing test reports each as a crossing). */
export function withoutRepeatedVertices(ring: Position[]): Position[] {
  return ring.filter((position, index) => index === 0 || position[0] !== ring[index - 1]![0] || position[1] !== ring[index - 1]![1]);
}

/** The feature with every ring's repeated vertices dropped. */
function withoutRepeats(feature: AreaFeature): AreaFeature {
  const geometry: Polygon | MultiPolygon = feature.geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: feature.geometry.coordinates.map(withoutRepeatedVertices) }
    : { type: "MultiPolygon", coordinates: feature.geometry.coordinates.map((polygon) => polygon.map(withoutRepeatedVertices)) };
  return { ...feature, geometry };
}

/**
 * Checks a GeoJSON boundary and prepares it: every ring closed and of four points or more, no
 * self-intersections, coordinates as WGS84 longitude/latitude. Rings wound the "wrong" way are rewound
 * (RFC 7946 asks readers not to refuse them). Returns the problems instead when there are any. The crossing
 * check (segment-crossings.ts) reports its progress on a big boundary to `onProgress` (feature number, its
 * segments checked so far, and their number).
 */
export function preparePolygonArea(
  geojson: unknown,
  onProgress?: (feature: number, checked: number, segments: number) => void,
): { area?: PolygonArea; problems: string[] } {
  const problems: string[] = [];
  const collection = geojson as Partial<FeatureCollection> & Partial<Feature>;
  const features: unknown[] = collection?.type === "FeatureCollection" ? (collection.features ?? [])
    : collection?.type === "Feature" ? [collection]
    : collection?.type === "Polygon" || collection?.type === "MultiPolygon" ? [{ type: "Feature", properties: {}, geometry: collection }]
    : [];
  if (features.length === 0) return { problems: ["expected a GeoJSON FeatureCollection, Feature, Polygon or MultiPolygon with at least one polygon"] };
  const prepared: PolygonArea["features"] = [];
  features.forEach((candidate, index) => {
    const feature = candidate as AreaFeature;
    const type = feature?.geometry?.type;
    if (type !== "Polygon" && type !== "MultiPolygon") {
      problems.push(`feature ${index + 1}: expected a Polygon or MultiPolygon geometry, found ${JSON.stringify(type ?? null)}`);
      return;
    }
    for (const [ringIndex, ring] of rings(feature).entries()) {
      if (!Array.isArray(ring) || ring.length < 4) {
        problems.push(`feature ${index + 1}, ring ${ringIndex + 1}: expected at least 4 positions, found ${Array.isArray(ring) ? ring.length : "none"}`);
        continue;
      }
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`feature ${index + 1}, ring ${ringIndex + 1}: not closed (its last position must repeat its first)`);
      if (ring.some(([lon, lat]) => typeof lon !== "number" || typeof lat !== "number" || Math.abs(lon) > 180 || Math.abs(lat) > 90)) {
        problems.push(`feature ${index + 1}, ring ${ringIndex + 1}: positions must be [longitude, latitude] in WGS84 degrees`);
      }
    }
    if (problems.length > 0) return;
    const simplified = withoutRepeats(feature);
    for (const [ringIndex, ring] of rings(simplified).entries()) {
      if (ring.length < 4) problems.push(`feature ${index + 1}, ring ${ringIndex + 1}: expected at least 4 positions (3 distinct corners), found ${ring.length - 1} distinct`);
    }
    if (problems.length > 0) return;
    const crossings = countSegmentCrossings(rings(simplified), onProgress && ((checked, segments) => onProgress(index + 1, checked, segments)));
    if (crossings > 0) {
      problems.push(`feature ${index + 1}: its boundary crosses itself at ${crossings} point(s) (expected a simple polygon)`);
      return;
    }
    const rewound = rewind(simplified) as AreaFeature;
    prepared.push({ feature: rewound, box: bbox(rewound) as [number, number, number, number] });
  });
  return problems.length > 0 ? { problems } : { area: { features: prepared }, problems: [] };
}

/** True when the point lies inside (or on the edge of) any of the area's polygons. */
export function pointInPolygonArea(area: PolygonArea, longitude: number, latitude: number): boolean {
  const candidate = point([longitude, latitude]);
  return area.features.some(({ feature, box }) =>
    longitude >= box[0] && longitude <= box[2] && latitude >= box[1] && latitude <= box[3] && booleanPointInPolygon(candidate, feature));
}
