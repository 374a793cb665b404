import { isValid, toArea, toNormalised, toOutcode, toSector } from "postcode";

/**
 * The one home of the postcode rule: JavaScript calls these functions, and SQL calls the same ones, registered
 * in DuckDB on every warehouse open (geo/postcode-sql.ts): never two grammars kept equal by tests.
 */

/** A UK unit postcode in its canonical form (`E1 6AN`), or null when it is not a valid postcode. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.trim();
  if (!isValid(compact)) return null;
  return toNormalised(compact);
}

/** Whether a text is a unit postcode written in its canonical form (`E1 8DE`, not `e18de`). */
export function isCanonicalPostcode(text: string): boolean {
  return normalisePostcode(text) === text;
}

/**
 * The area (E), district (E1, EC1A: the whole outward code) and sector (E1 6) of a postcode, for prefix
 * definitions and centroid fallbacks.
 */
export function postcodeParts(postcode: string): { area: string; district: string; sector: string } {
  const area = toArea(postcode);
  const district = toOutcode(postcode);
  const sector = toSector(postcode);
  if (!area || !district || !sector) throw new RangeError(`${postcode} is not a valid postcode`);
  return { area, district, sector };
}

const AREA = /^[A-Z]{1,2}$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const SECTOR = /^([A-Z]{1,2}\d[A-Z\d]?) (\d)$/;

/** The area of a district or sector (E of E1, EC of EC1A 1). */
export function postcodeArea(districtOrSector: string): string {
  return districtOrSector.replace(/\d.*$/, "");
}

/** What a text names, as a supplier or a return writes it: a unit postcode, a sector (E1 6), a district (E1), or none. */
export interface PostcodePlace {
  /** The unit postcode, canonical; null for a sector, a district or nothing. */
  postcode: string | null;
  sector: string | null;
  district: string | null;
}

export function postcodePlace(text: string): PostcodePlace {
  const postcode = normalisePostcode(text);
  if (postcode) {
    const { sector, district } = postcodeParts(postcode);
    return { postcode, sector, district };
  }
  const compact = text.trim().toUpperCase().replace(/\s+/g, " ");
  const sector = SECTOR.exec(compact);
  if (sector) return { postcode: null, sector: compact, district: sector[1]! };
  return { postcode: null, sector: null, district: DISTRICT.test(compact) ? compact : null };
}

/** A prefix as a definition writes it, in capitals: an area (E), district (E1, EC1A) or sector (E1 6). */
export function isPostcodePrefix(text: string): boolean {
  return AREA.test(text) || DISTRICT.test(text) || SECTOR.test(text);
}
