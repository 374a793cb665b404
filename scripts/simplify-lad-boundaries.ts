/**
 * Writes data/boundaries/lad-2024-uk-bsc.geojson.gz, the authority boundaries the site's maps draw, from ONS Local
 * Authority Districts (May 2024) UK BSC as collected in the shared reference (see data/boundaries/README.md):
 * each feature keeps only its code and name, every coordinate is rounded to 3 decimal places (about 70–110 m;
 * neighbours round their shared vertices alike, so no gap opens between them), rings that collapse are dropped,
 * and outer rings are wound clockwise, holes anticlockwise (as d3-geo draws them). The same input gives the same bytes.
 * Run: npx tsx scripts/simplify-lad-boundaries.ts [path/to/Local_Authority_Districts_May_2024_UK_BSC.geojson]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { projectRoot } from "../src/core/config.js";
import { roundRing, signedArea } from "../geo/area-frames.js";

const input = process.argv[2] ?? "/work/shared/reference/boundaries/lad-2024/Local_Authority_Districts_May_2024_UK_BSC.geojson";
const output = join(projectRoot, "data", "boundaries", "lad-2024-uk-bsc.geojson.gz");

const source = JSON.parse(readFileSync(input, "utf-8")) as FeatureCollection<Polygon | MultiPolygon, { LAD24CD: string; LAD24NM: string }>;
const wound = (ring: Position[], outer: boolean) => ((signedArea(ring) < 0) === outer ? ring : [...ring].reverse());
const features = source.features.map((feature) => {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const simplified = polygons
    .map((polygon) => polygon.map((ring) => roundRing(ring, 3)).filter((ring) => ring.length >= 4 && signedArea(ring) !== 0))
    .filter((polygon) => polygon.length > 0 && polygon[0] !== undefined)
    .map((polygon) => polygon.map((ring, index) => wound(ring, index === 0)));
  return { type: "Feature", properties: { code: feature.properties.LAD24CD, name: feature.properties.LAD24NM }, geometry: { type: "MultiPolygon", coordinates: simplified } };
}).sort((a, b) => a.properties.code.localeCompare(b.properties.code));
const text = JSON.stringify({ type: "FeatureCollection", features });
writeFileSync(output, gzipSync(Buffer.from(text), { level: 9 }));
console.log(`${features.length} authorities, ${text.length} bytes of GeoJSON, ${output}`);
