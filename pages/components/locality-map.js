import * as Plot from "@observablehq/plot";
import { LOCALITY_CLASSES, LOCALITY_COLOURS, LOCALITY_LABELS, formatPoundsCompact } from "./format.js";

/**
 * Suppliers on a map, sized by spend and coloured by class, over a drawn boundary (shaded).
 * @param {any[]} locations @param {{width?: number, boundary?: any, definitionName?: string, document?: Document}} [options]
 */
export function LocalityMap(locations, { width = 640, boundary = null, definitionName = "", document } = {}) {
  const frame = boundary ?? { type: "MultiPoint", coordinates: locations.map((d) => [d.longitude, d.latitude]) };
  return Plot.plot({
    document,
    width,
    height: Math.round(width * 0.8),
    projection: { type: "mercator", domain: frame, inset: 10 },
    ariaLabel: `Map of ${locations.length} suppliers, sized by spend, coloured by class under ${definitionName}`,
    ariaDescription: boundary ? "The shaded area is the drawn boundary of the local area." : "No drawn boundary is loaded.",
    r: { range: [2, 18] },
    color: { domain: LOCALITY_CLASSES, range: LOCALITY_COLOURS, tickFormat: (d) => LOCALITY_LABELS[d], legend: true },
    marks: [
      boundary ? Plot.geo(boundary, { fill: "#0072B2", fillOpacity: 0.08, stroke: "#0072B2", strokeWidth: 1 }) : null,
      Plot.dot(locations, {
        x: "longitude", y: "latitude", r: "spend", fill: "status", fillOpacity: 0.7, stroke: "white", strokeWidth: 0.5,
        title: (d) => `${d.supplier}: ${formatPoundsCompact(d.spend)} (${LOCALITY_LABELS[d.status]}, ${d.precision} precision)`,
      }),
    ],
  });
}
