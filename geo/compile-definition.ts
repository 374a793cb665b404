import { distance } from "@turf/distance";
import { point } from "@turf/helpers";
import type { AreaSpec } from "./definition-spec.js";
import { DEPRIVATION_INDEXES, type DeprivationDomain, type DeprivationIndex } from "./deprivation-index.js";
import type { LocatedPoint } from "./located-point.js";
import { pointInPolygonArea, type PolygonArea } from "./polygon-area.js";
import { postcodeArea } from "./postcode-parts.js";

/**
 * What classification needs beyond the points: site locations (for radius), prepared polygons (by file), and
 * each index's deciles by LSOA of its own vintage (throwing, in words, when the index or that vintage's
 * LSOAs are not loaded).
 */
export interface DefinitionResources {
  siteLocation(postcode: string): { latitude: number; longitude: number } | null;
  polygon(area: { file: string; geojson?: unknown }): PolygonArea;
  deprivationDeciles(index: DeprivationIndex, domain: DeprivationDomain): ReadonlyMap<string, number>;
}

export type LocalTest = (located: LocatedPoint) => boolean;

/**
 * Turns an area specification into a test of one located postcode. Sets are built once, so a test costs
 * a lookup (codes, prefixes), a few distances (radius) or bounding boxes then point-in-polygon (polygon).
 * A site postcode the directory cannot place is an error, not a silent omission.
 */
export function compileArea(area: AreaSpec, resources: DefinitionResources): LocalTest {
  switch (area.kind) {
    case "local-authorities":
    case "icb": {
      const codes = new Set(area.codes);
      return area.kind === "icb" ? (p) => p.icbCode !== null && codes.has(p.icbCode) : (p) => p.ladCode !== null && codes.has(p.ladCode);
    }
    case "bordering-authorities": {
      if (!area.neighbours) throw new Error(`bordering-authorities: the neighbours of ${area.codes.join(", ")} were not found (load the definition with its boundaries file)`);
      const codes = new Set([...area.codes, ...area.neighbours.map((neighbour) => neighbour.code)]);
      return (p) => p.ladCode !== null && codes.has(p.ladCode);
    }
    case "postcode-prefixes": {
      const prefixes = new Set(area.prefixes);
      // A point placed by its district matches only by area or district; a sector prefix needs the sector.
      return (p) => {
        const area = p.district === null ? null : postcodeArea(p.district);
        return (area !== null && prefixes.has(area)) || (p.district !== null && prefixes.has(p.district))
          || (p.precision !== "district" && p.sector !== null && prefixes.has(p.sector));
      };
    }
    case "radius": {
      const kilometres = area.unit === "miles" ? area.distance * 1.609344 : area.distance;
      const sites = area.sites.map((site) => {
        const location = resources.siteLocation(site);
        if (!location) throw new Error(`radius site ${site} is not in the loaded postcode directory`);
        return point([location.longitude, location.latitude]);
      });
      return (p) => {
        const here = point([p.longitude, p.latitude]);
        return sites.some((site) => distance(site, here, { units: "kilometers" }) <= kilometres);
      };
    }
    case "polygon": {
      const polygon = resources.polygon(area);
      return (p) => pointInPolygonArea(polygon, p.longitude, p.latitude);
    }
    case "deprivation": {
      const within = area.within ? compileArea(area.within, resources) : () => true;
      const deciles = resources.deprivationDeciles(area.index, area.domain);
      // The LSOA of the index's own vintage: a 2011 LSOA is never read against IoD 2025, nor a 2021 one against IoD 2019.
      const lsoaOf = DEPRIVATION_INDEXES[area.index].lsoaVintage === 2021 ? (p: LocatedPoint) => p.lsoa21Code : (p: LocatedPoint) => p.lsoa11Code;
      return (p) => {
        const lsoa = lsoaOf(p);
        const decile = lsoa === null ? undefined : deciles.get(lsoa);
        return decile !== undefined && decile <= area.maxDecile && within(p);
      };
    }
    case "union": {
      const parts = area.of.map((part) => compileArea(part, resources));
      return (p) => parts.some((test) => test(p));
    }
    case "intersection": {
      const parts = area.of.map((part) => compileArea(part, resources));
      return (p) => parts.every((test) => test(p));
    }
  }
}
