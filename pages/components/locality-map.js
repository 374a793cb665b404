import * as Plot from "@observablehq/plot";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatPoundsCompact } from "./format.js";

const mercatorY = (latitude) => Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360));

/** Whether a supplier's point lies in a map's frame ([west, south, east, north]). */
export const inFrame = (d, [west, south, east, north]) => d.longitude >= west && d.longitude <= east && d.latitude >= south && d.latitude <= north;

/**
 * Authority names placed where they fit: the area's own first, then their neighbours by size, each kept only when
 * its whole label lies inside the map and clear of every label kept before it (so no name is cut or overprinted).
 */
function placeLabels(shapes, frame, width, height, fontSize) {
  const [west, south, east, north] = frame;
  const x = (lon) => ((lon - west) / (east - west)) * width;
  const y = (lat) => ((mercatorY(north) - mercatorY(lat)) / (mercatorY(north) - mercatorY(south))) * height;
  const kept = [];
  const ordered = [...shapes].sort((a, b) => Number(b.shaded) - Number(a.shaded));
  for (const shape of ordered) {
    const size = shape.shaded ? fontSize + 1 : fontSize;
    const half = (shape.name.length * size * 0.56) / 2 + 3;
    // At its point, else a line above or below it (the area's own names only: a neighbour's name stays on its point).
    const shifts = shape.shaded ? [0, -1.5, 1.5, -3, 3] : [0];
    for (const shift of shifts) {
      const cx = x(shape.label[0]), cy = y(shape.label[1]) + shift * size;
      const box = { left: cx - half, right: cx + half, top: cy - size * 0.7, bottom: cy + size * 0.7 };
      if (box.left < 2 || box.right > width - 2 || box.top < 2 || box.bottom > height - 2) continue;
      if (kept.some((k) => box.left < k.box.right && box.right > k.box.left && box.top < k.box.bottom && box.bottom > k.box.top)) continue;
      const latitude = (360 / Math.PI) * Math.atan(Math.exp(mercatorY(north) - (cy / height) * (mercatorY(north) - mercatorY(south)))) - 90;
      kept.push({ ...shape, size, box, label: [shape.label[0], latitude] });
      break;
    }
  }
  return kept;
}

/**
 * One map of a local area (src/site/page-data/area-maps.ts): its authorities shaded and named, the authorities
 * around them outlined and named where the name fits, and the suppliers paid within the frame as circles sized by
 * spend (area proportional to pounds, on one scale for every map of the page: `maxSpend`) and coloured by class.
 * @param {any} map @param {any[]} locations
 * @param {{width?: number, maxSpend?: number, definitionName?: string, document?: Document}} [options]
 */
export function LocalityMap(map, locations, { width = 640, maxSpend, definitionName = "", document } = {}) {
  const [west, south, east, north] = map.frame;
  const aspect = (mercatorY(north) - mercatorY(south)) / (((east - west) * Math.PI) / 180);
  const height = Math.round(width * aspect);
  const shown = locations.filter((d) => inFrame(d, map.frame));
  const fontSize = width < 500 ? 10 : 12;
  const labels = placeLabels(map.shapes, map.frame, width, height, fontSize);
  const feature = (shape) => ({ type: "Feature", properties: { name: shape.name }, geometry: shape.geometry });
  const shaded = map.shapes.filter((s) => s.shaded).map(feature);
  const outlined = map.shapes.filter((s) => !s.shaded).map(feature);
  return Plot.plot({
    document,
    width,
    height,
    margin: 0,
    projection: { type: "mercator", domain: { type: "MultiPoint", coordinates: [[west, south], [east, north], [west, north], [east, south]] }, inset: 0 },
    ariaLabel: `Map of ${map.title}: ${shown.reduce((sum, d) => sum + (d.suppliers ?? 1), 0)} suppliers, sized by spend and coloured by class under ${definitionName}`,
    ariaDescription: shaded.length ? `The shaded authorities are the local area: ${map.shapes.filter((s) => s.shaded).map((s) => s.name).join(", ")}.` : "The area of this definition is not a set of authorities, so none is shaded.",
    r: { type: "sqrt", domain: [0, maxSpend ?? Math.max(1, ...shown.map((d) => d.spend))], range: [0, Math.max(10, Math.min(22, width / 45))] },
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [
      Plot.geo(outlined, { fill: "#f4f4f4", stroke: "#9a9a9a", strokeWidth: 0.75 }),
      Plot.geo(shaded, { fill: "#0072B2", fillOpacity: 0.16, stroke: "#0072B2", strokeWidth: 1.5 }),
      Plot.dot(shown, {
        x: "longitude", y: "latitude", r: "spend", fill: "status", fillOpacity: 0.75, stroke: "white", strokeWidth: 0.5, sort: { channel: "r", order: "descending" },
        title: (d) => `${d.supplier}: ${formatPoundsCompact(d.spend)} (${LOCALITY_LABELS[d.status]})`,
      }),
      ...[true, false].map((isShaded) => Plot.text(labels.filter((d) => d.shaded === isShaded), {
        x: (d) => d.label[0], y: (d) => d.label[1], text: "name", fontSize: isShaded ? fontSize + 1 : fontSize, fontWeight: isShaded ? "bold" : "normal",
        fill: isShaded ? "#003d61" : "#555", stroke: "white", strokeWidth: 3, paintOrder: "stroke",
      })),
    ],
  });
}
