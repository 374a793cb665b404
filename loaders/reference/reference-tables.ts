import { AUTHORITY_ICB_FIELDS, CHARITY_REGISTER_FIELDS, COMPANIES_HOUSE_FIELDS, DEPRIVATION_FIELDS, POSTCODE_AREA_FIELDS, POSTCODE_FIELDS } from "../schema/column-synonyms.js";
import { DEPRIVATION_DOMAINS, deprivationColumn, type DeprivationDomain } from "../../geo/deprivation-index.js";
import { deprivationEdition } from "./deprivation-edition.js";
import type { ReferenceTable } from "./load-reference-table.js";

const IN_THE_UK = "latitude BETWEEN 49 AND 61 AND longitude BETWEEN -9 AND 2";

/** A postcode directory: ONSPD / NSPL columns, or a Code-Point derivation with headings. */
export const POSTCODE_DIRECTORY: ReferenceTable = {
  name: "postcode directory",
  fields: POSTCODE_FIELDS,
  table: "postcodes",
  select: (column) => ({
    // geo/postcode-parts.ts's rule, registered in DuckDB (geo/postcode-sql.ts)
    postcode: `normalise_postcode(${column("postcode")})`,
    latitude: `TRY_CAST(${column("latitude")} AS DOUBLE)`,
    longitude: `TRY_CAST(${column("longitude")} AS DOUBLE)`,
    lad_code: `nullif(trim(${column("lad_code")}), '')`,
    lsoa11_code: `nullif(trim(${column("lsoa11_code")}), '')`,
    lsoa21_code: `nullif(trim(${column("lsoa21_code")}), '')`,
    icb_code: `nullif(trim(${column("icb_code")}), '')`,
    imd2019_decile: `TRY_CAST(${column("imd2019_decile")} AS TINYINT)`,
    terminated: `coalesce(trim(${column("terminated_on")}), '') <> ''`,
    precision: `'unit'`,
  }),
  problems: [
    { when: "postcode IS NULL", field: "postcode", code: "not-a-postcode", reason: "not a UK unit postcode (expected e.g. E1 8DE)" },
    { when: `NOT coalesce(${IN_THE_UK}, false)`, field: "latitude", code: "outside-the-uk", reason: "latitude missing or outside the UK (expected e.g. 51.5166; the directory gives 99.999999 where a postcode has no grid reference)" },
  ],
  key: ["postcode"],
  keep: "terminated",
};

/** Sector or district centroids: one row a sector (when the file has a sector column) or a district. */
export const POSTCODE_AREAS: ReferenceTable = {
  name: "postcode sector or district centroids",
  fields: POSTCODE_AREA_FIELDS,
  table: "postcode_areas",
  select: (column) => ({
    code: column("sector") === "NULL" ? `upper(trim(${column("district")}))` : `upper(trim(${column("sector")}))`,
    level: column("sector") === "NULL" ? `'district'` : `'sector'`,
    latitude: `TRY_CAST(${column("latitude")} AS DOUBLE)`,
    longitude: `TRY_CAST(${column("longitude")} AS DOUBLE)`,
    lad_code: `nullif(trim(${column("lad_code")}), '')`,
    lad_share: `TRY_CAST(${column("lad_share")} AS DOUBLE)`,
    postcodes: `TRY_CAST(${column("postcodes")} AS INTEGER)`,
  }),
  problems: [
    { when: "code IS NULL OR code = ''", field: "district", code: "missing-value", reason: "no district or sector code" },
    { when: `NOT coalesce(${IN_THE_UK}, false)`, field: "latitude", code: "outside-the-uk", reason: "latitude or longitude missing or outside the UK" },
  ],
  key: ["code", "level"],
};

const DOMAIN_COLUMNS = (Object.keys(DEPRIVATION_DOMAINS) as DeprivationDomain[]).map(deprivationColumn);

/**
 * The English Indices of Deprivation by LSOA (IoD 2025 File 7 or File 1; IoD 2019 File 1 or File 2), keyed on
 * the edition and the LSOA of its vintage: loading one edition never replaces the other's rows. Ranks may be
 * printed with thousands separators ("29,199"); domains a file does not carry stay empty.
 */
export const DEPRIVATION: ReferenceTable = {
  name: "deprivation (Indices of Deprivation by LSOA)",
  fields: DEPRIVATION_FIELDS,
  table: "deprivation",
  select: (column, file) => ({
    index_edition: `'${deprivationEdition(file.path, file.heading("lsoa_code") ?? "lsoa_code")}'`,
    lsoa_code: `nullif(trim(${column("lsoa_code")}), '')`,
    imd_rank: `TRY_CAST(replace(${column("imd_rank")}, ',', '') AS INTEGER)`,
    ...Object.fromEntries(DOMAIN_COLUMNS.map((decile) => [decile, `TRY_CAST(${column(decile)} AS TINYINT)`])),
  }),
  problems: [
    { when: "lsoa_code IS NULL OR NOT regexp_full_match(lsoa_code, '[EW]01[0-9]{6}')", field: "lsoa_code", code: "not-an-lsoa-code", reason: "not an LSOA code (expected e.g. E01000001)" },
    { when: "imd_decile IS NULL OR imd_decile NOT BETWEEN 1 AND 10", field: "imd_decile", code: "not-a-decile", reason: "not a decile from 1 to 10" },
    ...DOMAIN_COLUMNS.filter((decile) => decile !== "imd_decile").map((decile) => ({
      when: `(${decile} IS NULL AND nullif(trim("raw ${decile}"::VARCHAR), '') IS NOT NULL) OR ${decile} NOT BETWEEN 1 AND 10`, field: decile, code: "not-a-decile" as const, reason: "not a decile from 1 to 10",
    })),
  ],
  key: ["index_edition", "lsoa_code"],
};

/** Local authority → ICB; where an authority is split, the ICB holding most of its LSOAs. */
export const AUTHORITY_ICB: ReferenceTable = {
  name: "local authority to ICB lookup",
  fields: AUTHORITY_ICB_FIELDS,
  table: "authority_icb",
  select: (column) => ({
    lad_code: `nullif(trim(${column("lad_code")}), '')`,
    icb_code: `nullif(trim(${column("icb_code")}), '')`,
    share: `coalesce(TRY_CAST(${column("share")} AS DOUBLE), 1)`,
  }),
  problems: [
    { when: "lad_code IS NULL OR icb_code IS NULL", field: "icb_code", code: "no-icb", reason: "no ICB for this authority (ICBs cover England only)" },
  ],
  key: ["lad_code"],
  keep: "share DESC",
  notKept: { code: "split-authority", reason: "not used: this authority is split between ICBs, and another ICB holds more of its LSOAs" },
};

/** Text, trimmed; NULL when empty. */
const text = (column: string) => `nullif(trim(${column}), '')`;

/**
 * Companies House basic company data, one edition at a time (loaders/reference/register-edition.ts): the company
 * number as the register holds it, its name and the supplier-name key spend is matched by, category, status, the
 * registered office postcode (NULL when not a UK postcode: overseas, or blank), SIC codes and the accounts category
 * last filed (evidence of size, not proof).
 */
export const COMPANIES: ReferenceTable = {
  name: "Companies House basic company data",
  fields: COMPANIES_HOUSE_FIELDS,
  table: "companies",
  select: (column) => ({
    company_number: `company_number(${column("company_number")})`,
    name: text(column("name")),
    name_key: `supplier_name_key(${column("name")})`,
    category: text(column("category")),
    status: text(column("status")),
    postcode: `normalise_postcode(${column("postcode")})`,
    sic_codes: `list_filter([${[1, 2, 3, 4].map((n) => text(column(`sic_${n}`))).join(", ")}]::VARCHAR[], (code) -> code IS NOT NULL)`,
    accounts_category: text(column("accounts_category")),
  }),
  problems: [
    { when: "company_number IS NULL", field: "company_number", code: "not-an-identifier", reason: "not a Companies House number (expected 8 characters, e.g. 07687209 or SC123456)" },
    { when: "name IS NULL OR name_key IS NULL", field: "name", code: "missing-value", reason: "no company name" },
  ],
  key: ["company_number"],
  edition: { register: "companies-house", example: "BasicCompanyDataAsOneFile-2025-11-01.csv" },
};

/**
 * The Charity Commission for England and Wales register extract, one edition at a time: the charity number (a
 * linked charity's as `1123456-1`), name and name key, contact postcode, registration status (Registered /
 * Removed), the company number of a charitable company, and the latest income. Tab-separated, values unquoted
 * (a name may hold a quote).
 */
export const CHARITIES: ReferenceTable = {
  name: "Charity Commission register extract",
  fields: CHARITY_REGISTER_FIELDS,
  table: "charities",
  select: (column) => ({
    charity_number: `charity_number(concat(trim(${column("charity_number")}), CASE WHEN trim(${column("linked_number")}) NOT IN ('', '0') THEN '-' || trim(${column("linked_number")}) END))`,
    name: text(column("name")),
    name_key: `supplier_name_key(${column("name")})`,
    status: text(column("status")),
    postcode: `normalise_postcode(${column("postcode")})`,
    company_number: `company_number(${column("company_number")})`,
    latest_income: `TRY_CAST(${column("latest_income")} AS DOUBLE)`,
  }),
  problems: [
    { when: "charity_number IS NULL", field: "charity_number", code: "not-an-identifier", reason: "not a charity number (expected 6 or 7 digits, e.g. 1123456, with linked_charity_number 0 or a number)" },
    { when: "name IS NULL OR name_key IS NULL", field: "name", code: "missing-value", reason: "no charity name" },
  ],
  key: ["charity_number"],
  edition: { register: "charity-commission", example: "charity-2025-11-01/publicextract.charity.txt" },
  quoted: false,
};

/** The reference kinds, most specific first (a postcode directory also has district columns). */
export const REFERENCE_TABLES = {
  companies: COMPANIES,
  charities: CHARITIES,
  postcodes: POSTCODE_DIRECTORY,
  "postcode-areas": POSTCODE_AREAS,
  deprivation: DEPRIVATION,
  "authority-icb": AUTHORITY_ICB,
} as const;

export type ReferenceKind = keyof typeof REFERENCE_TABLES;
