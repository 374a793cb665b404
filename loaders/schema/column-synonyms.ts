import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { DEPRIVATION_DOMAINS, deprivationColumn, type DeprivationDomain } from "../../geo/deprivation-index.js";

/**
 * The documented synonym table: which published column headings mean which field. Headings are compared
 * after `headingKey` (lower case, letters and digits only), so "Amount (£)", "AMOUNT £" and "amount"
 * are one heading. Spend and supplier fields come from the shared schemas in data/schema/ (add a synonym
 * there); reference tables' fields are here. Never in a loader.
 */
export interface FieldSpec {
  field: string;
  required: boolean;
  synonyms: readonly string[];
}

export function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** A field of one of the shared schemas in data/schema/ (Frictionless Table Schema, with synonyms and sharing level). */
export interface SchemaField {
  name: string;
  title: string;
  type: string;
  description: string;
  constraints?: { required?: boolean };
  sharing: "public" | "partner" | "internal";
  synonyms: string[];
}

/** A shared table schema, read from data/schema/<name>.schema.json: the one source of truth for loaders and partners. */
export function readTableSchema(name: "spend" | "suppliers"): { name: string; title: string; description: string; fields: SchemaField[] } {
  return JSON.parse(readFileSync(join(projectRoot, "data", "schema", `${name}.schema.json`), "utf-8"));
}

function fieldsOf(name: "spend" | "suppliers"): FieldSpec[] {
  return readTableSchema(name).fields.map((field) => ({ field: field.name, required: field.constraints?.required === true, synonyms: field.synonyms }));
}

/** Published spend files: the fields and synonyms of data/schema/spend.schema.json. */
export const SPEND_FIELDS: readonly FieldSpec[] = fieldsOf("spend");

/** Supplier registers: the fields and synonyms of data/schema/suppliers.schema.json. */
export const SUPPLIER_REGISTER_FIELDS: readonly FieldSpec[] = fieldsOf("suppliers");

export const POSTCODE_FIELDS: readonly FieldSpec[] = [
  { field: "postcode", required: true, synonyms: ["pcds", "postcode", "pcd", "pcd7", "pcd2"] },
  { field: "latitude", required: true, synonyms: ["lat", "latitude"] },
  { field: "longitude", required: true, synonyms: ["long", "lon", "longitude"] },
  { field: "lad_code", required: true, synonyms: ["laua", "lad_cd", "lad", "oslaua", "lad24cd", "lad23cd", "local_authority_code"] },
  // Each vintage of LSOA in its own field: an index is read on the LSOAs of its own vintage.
  { field: "lsoa11_code", required: false, synonyms: ["lsoa11", "lsoa11cd_pip", "lsoa11cd"] },
  { field: "lsoa21_code", required: false, synonyms: ["lsoa21", "lsoa21cd_pip", "lsoa21cd"] },
  { field: "icb_code", required: false, synonyms: ["icb", "icb23cd", "icb_cd"] },
  // Only a decile that names its edition: a bare "imd" column is a rank, of whichever edition the directory had.
  { field: "imd2019_decile", required: false, synonyms: ["imd2019_decile"] },
  { field: "terminated_on", required: false, synonyms: ["doterm"] },
];

/** Fields with extra headings first: a per-institution mapping file's names win over the synonym table. */
export function withExtraHeadings(fields: readonly FieldSpec[], extra: Readonly<Record<string, string>>): FieldSpec[] {
  return fields.map((spec) => (extra[spec.field] ? { ...spec, synonyms: [extra[spec.field]!, ...spec.synonyms] } : spec));
}

/** Sector or district centroids (derived from Code-Point Open): the fallback where a unit postcode is unknown. */
export const POSTCODE_AREA_FIELDS: readonly FieldSpec[] = [
  { field: "district", required: true, synonyms: ["district", "postcode_district", "outcode"] },
  { field: "sector", required: false, synonyms: ["sector", "postcode_sector"] },
  { field: "latitude", required: true, synonyms: ["lat", "latitude"] },
  { field: "longitude", required: true, synonyms: ["lon", "long", "longitude"] },
  { field: "lad_code", required: true, synonyms: ["modal_lad_cd", "lad_cd", "lad_code"] },
  { field: "lad_share", required: false, synonyms: ["modal_lad_share"] },
];

/** The English Indices of Deprivation by LSOA: IoD 2019 File 1 or 2, IoD 2025 File 7 or File 1, as published. */
export const DEPRIVATION_FIELDS: readonly FieldSpec[] = [
  { field: "lsoa_code", required: true, synonyms: ["LSOA code (2021)", "LSOA code (2011)", "lsoa21cd", "lsoa11cd", "lsoa_code", "LSOA code"] },
  { field: "imd_rank", required: false, synonyms: ["Index of Multiple Deprivation (IMD) Rank", "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)", "imd_rank", "IMD Rank"] },
  ...Object.entries(DEPRIVATION_DOMAINS).map(([domain, words]) => ({
    field: deprivationColumn(domain as DeprivationDomain),
    required: domain === "imd",
    synonyms: [`${words} Decile`, `${words} Decile (where 1 is most deprived 10% of LSOAs)`, ...(domain === "imd" ? ["imd_decile", "IMD Decile"] : [])],
  })),
];

/** Local authority → integrated care board. */
export const AUTHORITY_ICB_FIELDS: readonly FieldSpec[] = [
  { field: "lad_code", required: true, synonyms: ["lad19cd", "lad23cd", "lad24cd", "lad_code", "LAD code"] },
  { field: "icb_code", required: true, synonyms: ["icb23cd", "icb24cd", "icb_code", "ICB code"] },
  { field: "share", required: false, synonyms: ["share_of_lad_lsoas", "share"] },
];

/** A partner export's locality.csv: each supplier's class under each definition. */
export const IMPORTED_LOCALITY_FIELDS: readonly FieldSpec[] = [
  { field: "supplier", required: true, synonyms: ["supplier"] },
  { field: "definition", required: true, synonyms: ["definition"] },
  { field: "version", required: true, synonyms: ["version"] },
  { field: "status", required: true, synonyms: ["status"] },
  { field: "precision", required: false, synonyms: ["precision"] },
];

export interface HeaderMatch {
  /** Column index of each field found. */
  columns: Record<string, number>;
  /** Required fields with no matching heading. */
  missing: string[];
}

/** Maps a row of headings onto fields: the first heading that is a synonym of a field wins. */
export function matchHeader(headings: readonly string[], fields: readonly FieldSpec[]): HeaderMatch {
  const keys = headings.map(headingKey);
  const columns: Record<string, number> = {};
  const missing: string[] = [];
  for (const spec of fields) {
    const synonyms = spec.synonyms.map(headingKey);
    const index = synonyms.map((synonym) => keys.indexOf(synonym)).find((i) => i >= 0);
    if (index !== undefined) columns[spec.field] = index;
    else if (spec.required) missing.push(spec.field);
  }
  return { columns, missing };
}

/** What a heading row needs, in words, for the error when no header is found. */
export function describeRequired(fields: readonly FieldSpec[]): string {
  return fields
    .filter((spec) => spec.required)
    .map((spec) => `${spec.field} (one of ${spec.synonyms.map((s) => `"${s}"`).join(", ")})`)
    .join("; ");
}
