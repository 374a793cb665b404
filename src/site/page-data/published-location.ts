/**
 * Where the public site may show a supplier: never its register postcode's own position (with a public postcode
 * directory a point at a unit postcode names that postcode, and so a sole trader's address), but the centroid of
 * its postcode sector, or of its district when the sector is too small, and only when that centroid is the mean
 * of at least this many unit postcodes (the `postcodes` count the shipped centroid files carry): a point then
 * stands for a whole area, never for one postcode. A supplier whose sector and district are both smaller, or
 * whose centroids carry no count, is not shown at all.
 */
export const LEAST_POSTCODES_PER_POINT = 10;

/**
 * SQL placing each located postcode (`lp`, a located_postcodes row) at its published point: `joins` to add after
 * `lp`, then `latitude`, `longitude` and `area` ('sector' or 'district'; NULL when the supplier is not shown).
 */
export const PUBLISHED_POINT = {
  // A centroid loaded before schema version 10 has no count: the loaded directory's postcodes of that sector or
  // district are counted instead (fewer than the area holds when the directory covers part of it: never more).
  joins: `
    LEFT JOIN (SELECT left(postcode, length(postcode) - 2) AS code, count(*) AS postcodes FROM postcodes GROUP BY ALL) directory_sector
         ON directory_sector.code = lp.sector
    LEFT JOIN (SELECT split_part(postcode, ' ', 1) AS code, count(*) AS postcodes FROM postcodes GROUP BY ALL) directory_district
         ON directory_district.code = lp.district
    LEFT JOIN postcode_areas shown_sector ON shown_sector.level = 'sector' AND shown_sector.code = lp.sector
         AND coalesce(shown_sector.postcodes, directory_sector.postcodes) >= ${LEAST_POSTCODES_PER_POINT}
    LEFT JOIN postcode_areas shown_district ON shown_district.level = 'district' AND shown_district.code = lp.district
         AND coalesce(shown_district.postcodes, directory_district.postcodes) >= ${LEAST_POSTCODES_PER_POINT}`,
  latitude: "round(coalesce(shown_sector.latitude, shown_district.latitude), 3)",
  longitude: "round(coalesce(shown_sector.longitude, shown_district.longitude), 3)",
  area: "CASE WHEN shown_sector.code IS NOT NULL THEN 'sector' WHEN shown_district.code IS NOT NULL THEN 'district' END",
};
