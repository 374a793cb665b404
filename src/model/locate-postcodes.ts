import type { Warehouse } from "../warehouse/warehouse.js";
import { postcodePlace } from "../../geo/postcode-parts.js";

const WANTED_TYPE = `'[{"ordinal":"INTEGER","given":"VARCHAR","postcode":"VARCHAR","sector":"VARCHAR","district":"VARCHAR"}]'`;

/**
 * SQL resolving postcodes (given as a JSON parameter) against the loaded reference: the unit record in the
 * directory (terminated ones by their last known position), else the sector's centroid, else the district's
 * centroid (the authority holding most of the district's postcodes), else nothing — with precision and
 * reason. ICB from the directory, or from the authority when absent; each index's decile from the LSOA of its vintage.
 */
const RESOLVE_SQL = `
  WITH wanted AS (SELECT unnest(from_json(?, ${WANTED_TYPE}), recursive := true))
  SELECT w.given AS postcode_as_given, w.postcode, w.sector, w.district,
         CASE WHEN u.postcode IS NOT NULL THEN 'unit' WHEN s.code IS NOT NULL THEN 'sector'
              WHEN d.code IS NOT NULL THEN 'district' ELSE 'none' END AS precision,
         coalesce(u.latitude, s.latitude, d.latitude) AS latitude, coalesce(u.longitude, s.longitude, d.longitude) AS longitude,
         coalesce(u.lad_code, s.lad_code, d.lad_code) AS lad_code,
         coalesce(u.icb_code, ai.icb_code) AS icb_code, u.lsoa11_code, u.lsoa21_code,
         -- each index by the LSOA of its own vintage: IoD 2019 on 2011 LSOAs (else the directory's IMD 2019 decile),
         -- IoD 2025 on 2021 LSOAs; never one vintage's LSOA against the other's index
         coalesce(d19.imd_decile, u.imd2019_decile) AS iod2019_decile, d25.imd_decile AS iod2025_decile,
         coalesce(u.terminated, false) AS terminated,
         CASE WHEN w.postcode IS NULL AND w.district IS NULL THEN 'not a valid UK postcode'
              WHEN u.postcode IS NOT NULL AND u.terminated THEN 'terminated postcode: placed by its last known position'
              WHEN u.postcode IS NOT NULL THEN 'postcode in the loaded directory'
              WHEN s.code IS NOT NULL AND w.postcode IS NULL THEN 'a sector: placed at its centroid'
              WHEN s.code IS NOT NULL THEN 'postcode not in the loaded directory: placed at its sector''s centroid'
              WHEN d.code IS NOT NULL AND w.postcode IS NULL THEN 'a district: placed at its centroid, in the authority holding most of its postcodes'
              WHEN d.code IS NOT NULL THEN 'postcode not in the loaded directory: placed at its district''s centroid'
              ELSE 'neither the postcode nor its sector or district is in the loaded reference' END AS reason
  FROM wanted w
  LEFT JOIN postcodes u ON u.postcode = w.postcode
  LEFT JOIN postcode_areas s ON s.level = 'sector' AND s.code = w.sector
  LEFT JOIN postcode_areas d ON d.level = 'district' AND d.code = w.district
  LEFT JOIN authority_icb ai ON ai.lad_code = coalesce(u.lad_code, s.lad_code, d.lad_code)
  LEFT JOIN deprivation d19 ON d19.index_edition = 'IoD2019' AND d19.lsoa_code = u.lsoa11_code
  LEFT JOIN deprivation d25 ON d25.index_edition = 'IoD2025' AND d25.lsoa_code = u.lsoa21_code`;

/** What to look up for each given text: a unit postcode with its sector and district, or a bare sector or district. */
function wantedJson(given: readonly string[]): string {
  return JSON.stringify(given.map((text, ordinal) => ({ ordinal, given: text, ...postcodePlace(text) })));
}

export interface LocatedPostcodeRow {
  postcode_as_given: string;
  postcode: string | null;
  sector: string | null;
  district: string | null;
  precision: "unit" | "sector" | "district" | "none";
  latitude: number | null;
  longitude: number | null;
  lad_code: string | null;
  icb_code: string | null;
  lsoa11_code: string | null;
  lsoa21_code: string | null;
  iod2019_decile: number | null;
  iod2025_decile: number | null;
  terminated: boolean;
  reason: string;
}

/** Resolves postcodes without writing anything (for `anchor-spend locate`). */
export async function resolvePostcodes(warehouse: Warehouse, given: readonly string[]): Promise<LocatedPostcodeRow[]> {
  return warehouse.all<LocatedPostcodeRow & Record<string, unknown>>(`${RESOLVE_SQL} ORDER BY w.ordinal`, [wantedJson(given)]);
}

/** Resolves every postcode a supplier location names (a register's, or a matched register entry's) into `located_postcodes`. */
export async function locateSupplierPostcodes(warehouse: Warehouse): Promise<void> {
  const given = await warehouse.all<{ given: string }>(
    "SELECT postcode_as_given AS given FROM supplier_locations UNION SELECT postcode_as_given FROM int_supplier_locations");
  await warehouse.run("DELETE FROM located_postcodes");
  await warehouse.run(`INSERT INTO located_postcodes BY NAME ${RESOLVE_SQL}`, [wantedJson(given.map((row) => row.given))]);
}
