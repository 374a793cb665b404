import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InputError } from "../../src/core/errors.js";
import { SPEND_FIELDS } from "./column-synonyms.js";
import { institutionFrom } from "../load-institution.js";
import { readJsonFile } from "../files/read-json.js";
import type { DateOrder } from "../cells/parse-date.js";

export type VatBasis = "net" | "gross";

/** A per-institution mapping file (`mapping.json` beside `institution.json`): headings and VAT basis its files use. */
export interface SpendMapping {
  /** field → the heading this institution's files use for it, e.g. {"amount": "Total Paid"}. */
  columns: Record<string, string>;
  vatBasis: VatBasis | null;
  /** The order this institution writes dates of numbers only in, when a column's values leave it open. */
  dateOrder: DateOrder | null;
  /**
   * The month (`YYYY-MM`) the lines of a file with no date column are totals for: one for every such file of the
   * folder (a string), or per file name ({"payments.csv": "2011-01"}).
   */
  period: string | Readonly<Record<string, string>> | null;
  /** File name → the earlier file (its name, in this folder) it re-publishes: {"2011-01-v2.csv": "2011-01.csv"}. */
  replaces: Readonly<Record<string, string>>;
}

export interface InstitutionFolder {
  institutionId: string;
  folder: string;
  mapping: SpendMapping;
}

export const NO_MAPPING: SpendMapping = { columns: {}, vatBasis: null, dateOrder: null, period: null, replaces: {} };

/** A month as mapping.json writes it. */
const MONTH_TEXT = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

/** Checks an object of file name → text (`period` by file, `replaces`), each text passing `valid`. */
function namesToText(value: unknown, key: string, file: string, example: string, valid: (text: string) => boolean): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`"${key}" must be an object of file name → ${example}`, { file, column: key });
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== "string" || !valid(text)) throw new InputError(`"${key}.${name}" must be ${example}`, { file, column: key });
  }
  return value as Record<string, string>;
}

/** Checks a mapping.json's parsed value. */
function mappingFrom(parsed: unknown, file: string): SpendMapping {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError(`must be a JSON object (expected e.g. {"columns": {"amount": "Total Paid"}, "vatBasis": "net"})`, { file });
  }
  const value = parsed as { columns?: unknown; vatBasis?: unknown; dateOrder?: unknown; period?: unknown; replaces?: unknown };
  if (value.columns !== undefined && (typeof value.columns !== "object" || value.columns === null || Array.isArray(value.columns))) {
    throw new InputError(`"columns" must be an object of field → heading (expected e.g. {"amount": "Total Paid"})`, { file, column: "columns" });
  }
  const columns = (value.columns ?? {}) as Record<string, unknown>;
  const fields = SPEND_FIELDS.map((spec) => spec.field);
  for (const [field, heading] of Object.entries(columns)) {
    if (!fields.includes(field)) throw new InputError(`"columns" names an unknown field "${field}" (expected one of ${fields.join(", ")})`, { file, column: field });
    if (typeof heading !== "string" || heading.trim() === "") throw new InputError(`"columns.${field}" must be the heading your files use`, { file, column: field });
  }
  if (value.vatBasis !== undefined && value.vatBasis !== "net" && value.vatBasis !== "gross") {
    throw new InputError(`"vatBasis" must be "net" or "gross"`, { file, column: "vatBasis" });
  }
  if (value.dateOrder !== undefined && value.dateOrder !== "dmy" && value.dateOrder !== "mdy") {
    throw new InputError(`"dateOrder" must be "dmy" (day first, 30/04/2020) or "mdy" (month first, 4/30/2020)`, { file, column: "dateOrder" });
  }
  const monthExample = `a month written YYYY-MM, e.g. "2011-01"`;
  if (typeof value.period === "string" && !MONTH_TEXT.test(value.period)) {
    throw new InputError(`"period" must be ${monthExample}, or an object of file name → month`, { file, column: "period" });
  }
  const period = value.period === undefined ? null
    : typeof value.period === "string" ? value.period : namesToText(value.period, "period", file, monthExample, (text) => MONTH_TEXT.test(text));
  const replaces = value.replaces === undefined ? {}
    : namesToText(value.replaces, "replaces", file, `the name of the earlier file it re-publishes, e.g. {"2011-01-payments-v2.csv": "2011-01-payments.csv"}`, (text) => text.trim() !== "");
  return {
    columns: columns as Record<string, string>,
    vatBasis: (value.vatBasis as VatBasis | undefined) ?? null,
    dateOrder: (value.dateOrder as DateOrder | undefined) ?? null,
    period,
    replaces,
  };
}

/** The institution that publishes a file: the nearest `institution.json` in its folder or above, with its mapping. */
export function institutionFolderFor(path: string): InstitutionFolder | null {
  let folder = dirname(resolve(path));
  for (;;) {
    const institutionFile = join(folder, "institution.json");
    if (existsSync(institutionFile)) {
      const institution = institutionFrom(readJsonFile(institutionFile), institutionFile);
      const mappingFile = join(folder, "mapping.json");
      const mapping = existsSync(mappingFile) ? mappingFrom(readJsonFile(mappingFile), mappingFile) : NO_MAPPING;
      return { institutionId: institution.id, folder, mapping };
    }
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

/** A folder of facts shared by every institution of a partnership: marked by a `partnership.json` naming it. */
export interface PartnershipFolder {
  name: string;
  folder: string;
}

/** The partnership a file outside every institution's folder is shared by: the nearest `partnership.json` above it. */
export function partnershipFolderFor(path: string): PartnershipFolder | null {
  let folder = dirname(resolve(path));
  for (;;) {
    const partnershipFile = join(folder, "partnership.json");
    if (existsSync(partnershipFile)) {
      const parsed = readJsonFile(partnershipFile) as { name?: unknown } | null;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || typeof parsed.name !== "string" || parsed.name.trim() === "") {
        throw new InputError(`must be a JSON object naming the partnership (expected e.g. {"name": "North East London anchor partnership"})`, { file: partnershipFile, column: "name" });
      }
      return { name: parsed.name, folder };
    }
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

/**
 * The institution and partnership of each folder, read once for a whole load: the files of one folder share
 * their institution.json, mapping.json and partnership.json. Made for one load, so that an edited file is
 * read again by the next.
 */
export class FolderSettings {
  private readonly institutions = new Map<string, InstitutionFolder | null>();
  private readonly partnerships = new Map<string, PartnershipFolder | null>();

  institutionFor(path: string): InstitutionFolder | null {
    return remembered(this.institutions, dirname(resolve(path)), () => institutionFolderFor(path));
  }

  partnershipFor(path: string): PartnershipFolder | null {
    return remembered(this.partnerships, dirname(resolve(path)), () => partnershipFolderFor(path));
  }
}

/** A folder's value from the map, read (and kept) the first time; a file that is refused is not kept, and is refused again. */
function remembered<T>(values: Map<string, T>, folder: string, read: () => T): T {
  if (!values.has(folder)) values.set(folder, read());
  return values.get(folder)!;
}
