/** How exactly a postcode was placed: its own unit record, or only its sector's or district's centroid. */
export type Precision = "unit" | "sector" | "district" | "none";

/** A postcode as resolved from the loaded directory, with the geography definitions test. */
export interface LocatedPoint {
  /** The unit postcode, or null when only a sector or district was given or matched. */
  postcode: string | null;
  sector: string | null;
  district: string | null;
  precision: Precision;
  latitude: number;
  longitude: number;
  ladCode: string | null;
  icbCode: string | null;
  /** The LSOA of each vintage (2011 for IoD 2019, 2021 for IoD 2025), when the directory gives it. */
  lsoa11Code: string | null;
  lsoa21Code: string | null;
}
