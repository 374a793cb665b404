import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { DEPRIVATION_DOMAINS, deprivationColumn, type DeprivationDomain } from "../../geo/deprivation-index.js";
import { headingTokens, holdsMeaningWord, tokensMatch, valuesAre, type HeadingMeaning, type MatchedBy } from "./match-by-meaning.js";

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
  /** Spend fields only: headings matched by meaning too (words, small typos, the column's values). */
  meaning?: HeadingMeaning;
}

export function headingKey(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Keys (headingKey) worked out once per list of headings or synonyms: a file's top rows are matched against every
 * kind's fields in turn (detectTableKind), and each field's synonyms against every row (12 monthly files' kinds
 * told in 16–20 ms against 50–75 ms when each call worked them out again, measured 2026-12-03).
 */
const KEYS = new WeakMap<readonly string[], readonly string[]>();
function headingKeys(headings: readonly string[]): readonly string[] {
  let keys = KEYS.get(headings);
  if (!keys) KEYS.set(headings, (keys = headings.map(headingKey)));
  return keys;
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

/** Words that name a spend field in a heading the synonyms do not know, and words that say the column is something else. */
const SPEND_MEANINGS: Record<string, HeadingMeaning> = {
  date: { words: ["date"], unless: ["birth", "year", "period", "month"], values: "date" },
  supplier: { words: ["supplier", "vendor", "payee", "beneficiary", "merchant", "creditor", "recipient"], unless: ["number", "no", "id", "code", "ref", "reference", "postcode", "post", "type", "address", "site", "category", "vat", "registration", "reg", "account"] },
  amount: { words: ["amount", "value", "sterling", "gbp", "spend"], unless: ["vat", "tax", "number", "no", "code", "type", "currency", "description", "date"], values: "amount" },
  transaction_number: { words: ["transaction"], unless: ["type", "date", "amount", "description", "value"] },
};

/** Published spend files: the fields and synonyms of data/schema/spend.schema.json, matched by meaning. */
export const SPEND_FIELDS: readonly FieldSpec[] = fieldsOf("spend").map((spec) => ({ ...spec, meaning: SPEND_MEANINGS[spec.field] ?? { words: [], unless: [] } }));

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

/** Fields with one of them no longer required: a spend file with no date column, whose period its name or mapping gives. */
export function withOptional(fields: readonly FieldSpec[], field: string): FieldSpec[] {
  return fields.map((spec) => (spec.field === field ? { ...spec, required: false } : spec));
}

/** Sector or district centroids (derived from Code-Point Open): the fallback where a unit postcode is unknown. */
export const POSTCODE_AREA_FIELDS: readonly FieldSpec[] = [
  { field: "district", required: true, synonyms: ["district", "postcode_district", "outcode"] },
  { field: "sector", required: false, synonyms: ["sector", "postcode_sector"] },
  { field: "latitude", required: true, synonyms: ["lat", "latitude"] },
  { field: "longitude", required: true, synonyms: ["lon", "long", "longitude"] },
  { field: "lad_code", required: true, synonyms: ["modal_lad_cd", "lad_cd", "lad_code"] },
  { field: "lad_share", required: false, synonyms: ["modal_lad_share"] },
  // How many unit postcodes the centroid is the mean of (the shipped files' postcodes, postcodes_with_coords).
  { field: "postcodes", required: false, synonyms: ["postcodes", "postcodes_with_coords", "postcode_count"] },
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

/**
 * Companies House "Free Company Data Product" (BasicCompanyDataAsOneFile-YYYY-MM-01.csv or its parts), as published:
 * several headings carry a leading space (" CompanyNumber"), matched trimmed. Only these columns are read.
 */
export const COMPANIES_HOUSE_FIELDS: readonly FieldSpec[] = [
  { field: "company_number", required: true, synonyms: ["CompanyNumber"] },
  { field: "name", required: true, synonyms: ["CompanyName"] },
  { field: "category", required: true, synonyms: ["CompanyCategory"] },
  { field: "status", required: true, synonyms: ["CompanyStatus"] },
  { field: "postcode", required: true, synonyms: ["RegAddress.PostCode"] },
  { field: "accounts_category", required: false, synonyms: ["Accounts.AccountCategory"] },
  ...[1, 2, 3, 4].map((n) => ({ field: `sic_${n}`, required: false, synonyms: [`SICCode.SicText_${n}`] })),
];

/** The Charity Commission for England and Wales register extract (publicextract.charity.txt, tab-separated), as published. */
export const CHARITY_REGISTER_FIELDS: readonly FieldSpec[] = [
  { field: "charity_number", required: true, synonyms: ["registered_charity_number"] },
  { field: "linked_number", required: true, synonyms: ["linked_charity_number"] },
  { field: "name", required: true, synonyms: ["charity_name"] },
  { field: "status", required: true, synonyms: ["charity_registration_status"] },
  { field: "postcode", required: false, synonyms: ["charity_contact_postcode"] },
  { field: "company_number", required: false, synonyms: ["charity_company_registration_number"] },
  { field: "latest_income", required: false, synonyms: ["latest_income"] },
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
  /** How each field's heading was matched (fields matched by meaning only). */
  matchedBy?: Record<string, MatchedBy>;
}

/**
 * Maps a row of headings onto fields: the first heading that is a synonym of a field wins. Fields with a
 * meaning (spend) are then matched, in tiers, each column to one field at most: by their synonyms' words
 * (case, punctuation, £, plurals, nett), by those words with small typos ("Suppklier"), by a word the
 * heading holds ("Date of payment", "Amount in Sterling"), and last by the column's values below the
 * heading (`below`): a column of an unknown heading holding nearly all dates, or nearly all amounts.
 */
export function matchHeader(headings: readonly string[], fields: readonly FieldSpec[], below: readonly (readonly string[])[] = []): HeaderMatch {
  const keys = headingKeys(headings);
  const columns: Record<string, number> = {};
  for (const spec of fields.filter((field) => !field.meaning)) {
    const synonyms = headingKeys(spec.synonyms);
    const index = synonyms.map((synonym) => keys.indexOf(synonym)).find((i) => i >= 0);
    if (index !== undefined) columns[spec.field] = index;
  }
  const byMeaning = fields.filter((field) => field.meaning);
  const matchedBy: Record<string, MatchedBy> = {};
  if (byMeaning.length > 0) {
    const tokens = headings.map(headingTokens);
    const taken = new Set<number>();
    const assign = (field: string, index: number, how: MatchedBy) => {
      columns[field] = index;
      matchedBy[field] = how;
      taken.add(index);
    };
    const free = (index: number) => !taken.has(index) && tokens[index]!.length > 0;
    const tiers: { how: MatchedBy; test: (spec: FieldSpec, index: number) => boolean }[] = [
      { how: "synonym", test: (spec, index) => spec.synonyms.some((synonym) => tokensMatch(tokens[index]!, headingTokens(synonym), false)) },
      { how: "typo", test: (spec, index) => spec.synonyms.some((synonym) => tokensMatch(tokens[index]!, headingTokens(synonym), true)) },
      { how: "word", test: (spec, index) => holdsMeaningWord(tokens[index]!, spec.meaning!) },
    ];
    for (const tier of tiers) {
      for (const spec of byMeaning) {
        if (columns[spec.field] !== undefined) continue;
        // Synonyms in their order of preference ("Payment Date" before "Date"), then the leftmost heading.
        const index = tier.how === "synonym"
          ? spec.synonyms.map((synonym) => headings.findIndex((_, i) => free(i) && tokensMatch(tokens[i]!, headingTokens(synonym), false))).find((i) => i >= 0)
          : headings.findIndex((_, i) => free(i) && tier.test(spec, i));
        if (index !== undefined && index >= 0) assign(spec.field, index, tier.how);
      }
    }
    const known = (index: number) => taken.has(index) || fields.some((spec) => headingKeys(spec.synonyms).includes(keys[index]!));
    for (const spec of byMeaning) {
      const kind = spec.meaning!.values;
      if (columns[spec.field] !== undefined || !kind || below.length === 0) continue;
      const index = headings.findIndex((_, i) => !known(i) && valuesAre(below.map((row) => row[i] ?? ""), kind));
      if (index >= 0) assign(spec.field, index, "values");
    }
  }
  const missing = fields.filter((spec) => spec.required && columns[spec.field] === undefined).map((spec) => spec.field);
  return { columns, missing, ...(byMeaning.length > 0 ? { matchedBy } : {}) };
}

/** The mapping a heading row was read with, in words for the load report: `"Date of payment" → date (by a word), …`. */
export function describeMapping(headings: readonly string[], match: HeaderMatch): string {
  const how: Record<MatchedBy, string> = { synonym: "", typo: " (a typo)", word: " (by a word)", values: " (by its values)" };
  return Object.entries(match.columns)
    .sort((a, b) => a[1] - b[1])
    .map(([field, index]) => `${JSON.stringify(headings[index] ?? "")} → ${field}${how[match.matchedBy?.[field] ?? "synonym"]}`)
    .join(", ");
}

/** What a heading row needs, in words, for the error when no header is found. */
export function describeRequired(fields: readonly FieldSpec[]): string {
  return fields
    .filter((spec) => spec.required)
    .map((spec) => `${spec.field} (one of ${spec.synonyms.map((s) => `"${s}"`).join(", ")})`)
    .join("; ");
}
