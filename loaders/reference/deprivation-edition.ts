import { basename } from "node:path";
import { InputError } from "../../src/core/errors.js";
import { DEPRIVATION_INDEXES, type DeprivationIndex } from "../../geo/deprivation-index.js";

/** The LSOA vintage a heading names: "LSOA code (2021)", lsoa21cd → 2021; "LSOA code (2011)", lsoa11cd → 2011. */
function headingVintage(heading: string): 2011 | 2021 | null {
  const text = heading.toLowerCase().replace(/\s+/g, " ");
  if (/\(2021\)|lsoa ?21/.test(text)) return 2021;
  if (/\(2011\)|lsoa ?11/.test(text)) return 2011;
  return null;
}

/** The edition a file's name gives: iod2025-…, IMD_2025…, File_7_-_IoD2025… → IoD2025; …2019… → IoD2019. */
function nameEdition(path: string): DeprivationIndex | null {
  const name = basename(path).toLowerCase();
  if (/(iod|imd)[ _-]?2025/.test(name)) return "IoD2025";
  if (/(iod|imd)[ _-]?2019/.test(name)) return "IoD2019";
  return null;
}

const BY_VINTAGE: Record<2011 | 2021, DeprivationIndex> = { 2011: "IoD2019", 2021: "IoD2025" };

/**
 * Which edition of the indices a deprivation file holds: from its LSOA heading's vintage (as MHCLG publishes
 * them), else from its name. A file whose name says one edition and whose LSOA heading says the other
 * vintage is refused (its values would be joined to the wrong areas), and so is one that says neither.
 */
export function deprivationEdition(path: string, lsoaHeading: string): DeprivationIndex {
  const vintage = headingVintage(lsoaHeading);
  const named = nameEdition(path);
  if (vintage !== null && named !== null && DEPRIVATION_INDEXES[named].lsoaVintage !== vintage) {
    const index = DEPRIVATION_INDEXES[named];
    throw new InputError(
      `the file name says ${index.title}, which is published on ${index.lsoaVintage} LSOAs, but its LSOA column is "${lsoaHeading}" (${vintage} LSOAs): ` +
        `an index on the other vintage's areas would mix vintages (expected ${index.title} keyed on "LSOA code (${index.lsoaVintage})")`,
      { file: path, column: lsoaHeading },
    );
  }
  if (vintage !== null) return BY_VINTAGE[vintage];
  if (named !== null) return named;
  throw new InputError(
    `cannot tell which edition of the Indices of Deprivation this is: its LSOA column "${lsoaHeading}" names no vintage and the file name no edition ` +
      `(expected the published heading "LSOA code (2021)" for IoD 2025 or "LSOA code (2011)" for IoD 2019, or a name such as iod2025-lsoa21.csv)`,
    { file: path, column: lsoaHeading },
  );
}
