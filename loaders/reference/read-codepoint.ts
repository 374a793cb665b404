import { GRID_MAX_EASTING, GRID_MAX_NORTHING, bngToWgs84 } from "../../geo/british-national-grid.js";
import { normalisePostcode } from "../../geo/postcode-parts.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";

/**
 * OS Code-Point Open's ten columns, in order, named as its `Doc/Code-Point_Open_Column_Headers.csv` names them.
 * The data files themselves are headerless: one postcode a line, e.g.
 *   "E1 0AA",10,535267,181084,"E92000001","E19000003","E18000007","","E09000030","E05009332"
 */
export const CODE_POINT_COLUMNS = [
  "Postcode",
  "Positional_quality_indicator",
  "Eastings",
  "Northings",
  "Country_code",
  "NHS_regional_HA_code",
  "NHS_HA_code",
  "Admin_county_code",
  "Admin_district_code",
  "Admin_ward_code",
] as const;

export type CodePointColumn = (typeof CODE_POINT_COLUMNS)[number];

/** A Code-Point postcode placed in WGS84, with its local authority district (null when Code-Point gives none). */
export interface CodePointRecord {
  postcode: string;
  latitude: number;
  longitude: number;
  ladCode: string | null;
  /** Positional quality indicator: 10 (within a matched address's building) … 60 (sector mean), 90 (no coordinates). */
  quality: number;
}

/** Why a row cannot be used: the column at fault, its raw value, and what was expected instead. */
export interface CodePointProblem {
  code: ProblemCode;
  problem: string;
  column: CodePointColumn;
  value: string;
}

const POSTCODE = 0;
const QUALITY = 1;
const EASTINGS = 2;
const NORTHINGS = 3;
const ADMIN_DISTRICT = 8;

const WHOLE_NUMBER = /^[0-9]+$/;
/** A GSS (ONS) area code: a letter and eight digits, e.g. E09000030. */
const GSS_CODE = /^[A-Z][0-9]{8}$/;

/**
 * Whether a parsed row has Code-Point Open's shape: ten cells, a UK unit postcode first, whole-number eastings
 * and northings third and fourth, and a GSS district code (or nothing) ninth. A file is headerless Code-Point
 * when its first rows all have this shape; a heading row (`Postcode,…` or `pcds,lat,long`) never does.
 */
export function isCodePointRow(cells: readonly string[]): boolean {
  return (
    cells.length === CODE_POINT_COLUMNS.length &&
    normalisePostcode(cells[POSTCODE] ?? "") !== null &&
    WHOLE_NUMBER.test(cells[EASTINGS] ?? "") &&
    WHOLE_NUMBER.test(cells[NORTHINGS] ?? "") &&
    (cells[ADMIN_DISTRICT] === "" || GSS_CODE.test(cells[ADMIN_DISTRICT] ?? ""))
  );
}

/**
 * One Code-Point Open row as a record: the postcode in canonical form (`e1w1aa` → `E1W 1AA`), its grid position
 * converted to WGS84 latitude and longitude, its district's GSS code. Returns the first problem instead when the
 * postcode is not one, the quality indicator is not a number, the position is missing (Code-Point writes 0,0 for a
 * postcode it has no position for, with quality 90) or off the grid, or the district is not a GSS code. Reads only
 * the columns it needs; a missing cell is read as empty. Pure: the caller adds file and row to the problem.
 */
export function codePointRecord(cells: readonly string[]): CodePointRecord | CodePointProblem {
  const postcodeCell = cells[POSTCODE] ?? "";
  const postcode = normalisePostcode(postcodeCell);
  if (postcode === null) {
    return { column: "Postcode", value: postcodeCell, code: "not-a-postcode", problem: `"${postcodeCell}" is not a UK unit postcode (expected e.g. E1 0AA)` };
  }

  const qualityCell = cells[QUALITY] ?? "";
  if (!WHOLE_NUMBER.test(qualityCell)) {
    return {
      column: "Positional_quality_indicator",
      value: qualityCell,
      code: "not-a-quality-indicator",
      problem: `"${qualityCell}" is not a positional quality indicator (expected a whole number such as 10, 50, 60 or 90)`,
    };
  }
  const quality = Number(qualityCell);

  const eastingsCell = cells[EASTINGS] ?? "";
  const northingsCell = cells[NORTHINGS] ?? "";
  if (eastingsCell === "0" && northingsCell === "0") {
    return {
      column: "Eastings",
      value: eastingsCell,
      code: "no-position",
      problem: `"0" (with Northings "0") means Code-Point has no position for ${postcode} (positional quality ${quality}; expected eastings 1–${GRID_MAX_EASTING} metres)`,
    };
  }
  const gridProblem =
    gridCoordinateProblem("Eastings", eastingsCell, GRID_MAX_EASTING) ?? gridCoordinateProblem("Northings", northingsCell, GRID_MAX_NORTHING);
  if (gridProblem) return gridProblem;

  const ladCell = cells[ADMIN_DISTRICT] ?? "";
  if (ladCell !== "" && !GSS_CODE.test(ladCell)) {
    return {
      column: "Admin_district_code",
      value: ladCell,
      code: "not-an-authority-code",
      problem: `"${ladCell}" is not a local authority district code (expected a GSS code such as E09000030, or nothing)`,
    };
  }

  const { latitude, longitude } = bngToWgs84(Number(eastingsCell), Number(northingsCell));
  return { postcode, latitude, longitude, ladCode: ladCell === "" ? null : ladCell, quality };
}

/** A problem when a grid coordinate is not whole metres from 1 to the grid's edge; 0 is Code-Point's "no position". */
function gridCoordinateProblem(column: "Eastings" | "Northings", cell: string, maxMetres: number): CodePointProblem | null {
  const metres = Number(cell);
  if (WHOLE_NUMBER.test(cell) && metres >= 1 && metres <= maxMetres) return null;
  const found = WHOLE_NUMBER.test(cell) ? (metres === 0 ? "means no position" : "is off the British National Grid") : "is not a grid coordinate";
  return { column, value: cell, code: "not-a-grid-coordinate", problem: `"${cell}" ${found} (expected whole metres, 1–${maxMetres})` };
}
