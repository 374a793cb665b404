import { isValid, toArea, toNormalised, toOutcode, toSector } from "postcode";

/** A UK unit postcode in its canonical form (`E1 6AN`), or null when it is not a valid postcode. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.trim();
  if (!isValid(compact)) return null;
  return toNormalised(compact);
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
