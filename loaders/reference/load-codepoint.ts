import type { Warehouse } from "../../src/warehouse/warehouse.js";
import type { LoadOutcome } from "../load-outcome.js";
import { QuarantineWriter } from "../quarantine.js";
import { streamCsvRecords } from "../files/read-csv.js";
import { codePointRecord } from "./read-codepoint.js";
import type { TableSource } from "../files/read-table.js";

/**
 * Loads an OS Code-Point Open file as published (headerless, one per postcode area), converting British
 * National Grid eastings and northings to WGS84 as it streams. Postcodes without a position (Code-Point's
 * non-geographic postcodes) go to quarantine. A postcode loaded again replaces its older row.
 */
export async function loadCodePoint(warehouse: Warehouse, source: TableSource, fileId: number): Promise<LoadOutcome> {
  await warehouse.run("CREATE OR REPLACE TEMP TABLE staged_codepoint (postcode VARCHAR, latitude DOUBLE, longitude DOUBLE, lad_code VARCHAR, row_number INTEGER)");
  const appender = await warehouse.connection.createAppender("staged_codepoint");
  const quarantine = await QuarantineWriter.open(warehouse, fileId, source.path);
  let rowsRead = 0;
  await streamCsvRecords(source.path, source.scan.encoding, (cells, row) => {
    if (cells.every((cell) => cell === "")) return;
    rowsRead++;
    const record = codePointRecord(cells);
    if ("problem" in record) {
      quarantine.add({ row, column: record.column, rawValue: record.value, code: record.code, reason: record.problem });
      return;
    }
    appender.appendVarchar(record.postcode);
    appender.appendDouble(record.latitude);
    appender.appendDouble(record.longitude);
    if (record.ladCode === null) appender.appendNull();
    else appender.appendVarchar(record.ladCode);
    appender.appendInteger(row);
    appender.endRow();
  });
  appender.flushSync();
  appender.closeSync();
  await warehouse.run(
    `CREATE OR REPLACE TEMP TABLE good_codepoint AS
     SELECT * FROM staged_codepoint QUALIFY row_number() OVER (PARTITION BY postcode ORDER BY row_number) = 1`,
  );
  await quarantine.addSelected(
    "SELECT s.row_number, 'Postcode' AS column_name, s.postcode AS raw_value FROM staged_codepoint s ANTI JOIN good_codepoint g USING (row_number)",
    {}, { code: "duplicate-key", reason: "postcode appears earlier in the same file" });
  await quarantine.close();
  await warehouse.run("DELETE FROM postcodes WHERE postcode IN (SELECT postcode FROM good_codepoint)");
  await warehouse.run(
    `INSERT INTO postcodes (postcode, latitude, longitude, lad_code, terminated, file_id, precision)
     SELECT postcode, latitude, longitude, lad_code, false, ?, 'unit' FROM good_codepoint`,
    [fileId],
  );
  const { loaded } = await warehouse.one<{ loaded: number }>("SELECT count(*) AS loaded FROM good_codepoint");
  await warehouse.run("DROP TABLE staged_codepoint");
  await warehouse.run("DROP TABLE good_codepoint");
  return { rowsRead, rowsLoaded: loaded, rowsQuarantined: rowsRead - loaded };
}
