import { listValue } from "@duckdb/node-api";
import { InputError } from "../src/errors.js";
import type { Warehouse } from "../src/warehouse.js";
import { POSTCODE_FIELDS, describeRequired } from "./column-synonyms.js";
import { detectHeader } from "./detect-header.js";
import type { LoadOutcome } from "./load-outcome.js";

/** SQL that turns any spelling of a unit postcode into `E1 8DE`, or NULL when it is not one. */
const CANONICAL_POSTCODE_SQL = (column: string) => `CASE
  WHEN regexp_full_match(upper(regexp_replace(${column}, '[^A-Za-z0-9]', '', 'g')), '[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}')
  THEN regexp_replace(upper(regexp_replace(${column}, '[^A-Za-z0-9]', '', 'g')), '^(.*)(...)$', '\\1 \\2')
  END`;

/**
 * Loads a postcode directory (ONSPD/NSPL columns, Code-Point derivations) with DuckDB's own CSV reader,
 * so a national file streams through without sitting in memory. Rows whose postcode is not a postcode, or
 * whose coordinates are missing, go to quarantine. A postcode loaded again (a newer edition) replaces the old row.
 */
export async function loadPostcodes(
  warehouse: Warehouse,
  path: string,
  headRows: string[][],
  fileId: number,
): Promise<LoadOutcome> {
  const header = detectHeader(headRows, POSTCODE_FIELDS);
  if (!header) throw new InputError(`no postcode heading row found (needs ${describeRequired(POSTCODE_FIELDS)})`, { file: path });
  const headings = headRows[header.headerIndex]!;
  const column = (field: string) => {
    const index = header.columns[field];
    return index === undefined ? "NULL" : `c${index}`;
  };
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE staged_postcodes AS
     SELECT row_number() OVER () + ${header.headerIndex + 1} AS row_number, *
     FROM read_csv(?, header = false, skip = ${header.headerIndex + 1}, all_varchar = true, quote = '"', escape = '"',
                   null_padding = true, names = ?::VARCHAR[])`,
    [path, listValue(headings.map((_, index) => `c${index}`))],
  );
  const postcode = CANONICAL_POSTCODE_SQL(column("postcode"));
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE checked_postcodes AS
     SELECT row_number, ${column("postcode")} AS raw_postcode, ${postcode} AS postcode,
            concat_ws(',', ${column("latitude")}, ${column("longitude")}) AS raw_coordinates,
            TRY_CAST(${column("latitude")} AS DOUBLE) AS latitude, TRY_CAST(${column("longitude")} AS DOUBLE) AS longitude,
            nullif(${column("lad_code")}, '') AS lad_code, nullif(${column("lsoa_code")}, '') AS lsoa_code,
            nullif(${column("icb_code")}, '') AS icb_code, TRY_CAST(${column("imd_decile")} AS TINYINT) AS imd_decile,
            coalesce(nullif(trim(${column("terminated_on")}), ''), '') <> '' AS terminated
     FROM staged_postcodes`,
  );
  await warehouse.run(
    `INSERT INTO quarantine (file_id, path, row_number, column_name, raw_value, reason)
     SELECT ?, ?, row_number,
            CASE WHEN postcode IS NULL THEN ? ELSE ? END,
            CASE WHEN postcode IS NULL THEN raw_postcode ELSE raw_coordinates END,
            CASE WHEN postcode IS NULL THEN 'not a UK unit postcode (expected e.g. E1 8DE)'
                 ELSE 'latitude,longitude missing or outside the UK (expected e.g. 51.5166,-0.0658)' END
     FROM checked_postcodes
     WHERE postcode IS NULL OR latitude IS NULL OR longitude IS NULL
        OR latitude NOT BETWEEN 49 AND 61 OR longitude NOT BETWEEN -9 AND 2`,
    [fileId, path, headings[header.columns.postcode!] ?? "postcode", headings[header.columns.latitude!] ?? "latitude"],
  );
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE good_postcodes AS
     SELECT * FROM checked_postcodes
     WHERE postcode IS NOT NULL AND latitude BETWEEN 49 AND 61 AND longitude BETWEEN -9 AND 2
     QUALIFY row_number() OVER (PARTITION BY postcode ORDER BY terminated, row_number) = 1`,
  );
  await warehouse.run(`DELETE FROM postcodes WHERE postcode IN (SELECT postcode FROM good_postcodes)`);
  await warehouse.run(
    `INSERT INTO postcodes
     SELECT postcode, latitude, longitude, lad_code, lsoa_code, icb_code, imd_decile, terminated, ? FROM good_postcodes`,
    [fileId],
  );
  const counts = await warehouse.one<{ read: number; loaded: number; duplicates: number }>(
    `SELECT (SELECT count(*) FROM staged_postcodes) AS read,
            (SELECT count(*) FROM good_postcodes) AS loaded,
            (SELECT count(*) FROM checked_postcodes
              WHERE postcode IS NOT NULL AND latitude BETWEEN 49 AND 61 AND longitude BETWEEN -9 AND 2) - (SELECT count(*) FROM good_postcodes) AS duplicates`,
  );
  if (counts.duplicates > 0) {
    await warehouse.run(
      `INSERT INTO quarantine (file_id, path, row_number, column_name, raw_value, reason)
       SELECT ?, ?, c.row_number, ?, c.raw_postcode, 'postcode appears earlier in the same file'
       FROM checked_postcodes c ANTI JOIN good_postcodes g USING (row_number)
       WHERE c.postcode IS NOT NULL AND c.latitude BETWEEN 49 AND 61 AND c.longitude BETWEEN -9 AND 2`,
      [fileId, path, headings[header.columns.postcode!] ?? "postcode"],
    );
  }
  const read = Number(counts.read);
  const loaded = Number(counts.loaded);
  for (const table of ["staged_postcodes", "checked_postcodes", "good_postcodes"]) await warehouse.run(`DROP TABLE ${table}`);
  return { rowsRead: read, rowsLoaded: loaded, rowsQuarantined: read - loaded };
}
