import { printableExcerpt } from "../src/core/printable-excerpt.js";
import { DEFAULT_BORDERING } from "./bordering-authorities.js";
import { DEPRIVATION_DOMAINS, DEPRIVATION_INDEXES, isDeprivationDomain, isDeprivationIndex, type DeprivationDomain, type DeprivationIndex } from "./deprivation-index.js";
import { isCanonicalPostcode, isPostcodePrefix } from "./postcode-parts.js";

/**
 * Definitions of "local": named, versioned, and of one of these kinds (or a union or intersection of them).
 * Every published figure names the definition (id and version) and its address basis.
 */
export type AddressBasis = "registered" | "trading" | "delivery" | "any"
  /** Where a supplier operates (a trading address or a delivery site), not its registered office: the 2026 Order's test. */
  | "operations";

export type AreaSpec =
  | { kind: "local-authorities"; codes: string[] }
  | { kind: "icb"; codes: string[] }
  | { kind: "postcode-prefixes"; prefixes: string[] }
  | { kind: "radius"; sites: string[]; distance: number; unit: "km" | "miles" }
  | { kind: "polygon"; file: string; geojson?: unknown }
  /**
   * The authorities (LAD codes) and every authority bordering them, found in a boundaries file beside the
   * definition (geo/bordering-authorities.ts); `neighbours` is filled in when the definition loads.
   */
  | { kind: "bordering-authorities"; codes: string[]; file: string; toleranceMetres: number; neighbours?: { code: string; name: string; sharedMetres: number }[] }
  /** LSOAs whose decile of `domain` in the named index is at most maxDecile (1 = the most deprived 10%). */
  | { kind: "deprivation"; index: DeprivationIndex; domain: DeprivationDomain; maxDecile: number; within?: AreaSpec }
  | { kind: "union"; of: AreaSpec[] }
  | { kind: "intersection"; of: AreaSpec[] };

export type DefinitionKind = AreaSpec["kind"];

export interface LocalDefinition {
  id: string;
  version: number;
  name: string;
  description: string;
  basis: AddressBasis;
  headline: boolean;
  /**
   * excludePublicBodies: true leaves spend with public bodies (NHS bodies, councils, HMRC…) out of this
   * definition's "influenceable" spend, as CLES measures it, and adds the local share of influenceable spend
   * beside the local share; false or absent, only the local share of all spend.
   */
  excludePublicBodies: boolean;
  area: AreaSpec;
}

const KINDS: readonly DefinitionKind[] = ["local-authorities", "bordering-authorities", "icb", "postcode-prefixes", "radius", "polygon", "deprivation", "union", "intersection"];
const BASES: readonly AddressBasis[] = ["registered", "trading", "delivery", "operations", "any"];
const LAD_CODE = /^[ENSW]0[6-9]\d{6}$/;
const ICB_CODE = /^E54\d{6}$/;

/** Unions, intersections and `within` nest at most this deep (a definition is written by hand: a few levels). */
export const MAX_AREA_DEPTH = 16;
/** A refusal lists this many problems, and this many of a list's bad values; the rest are counted. */
const MAX_PROBLEMS = 10;
const MAX_QUOTED_ITEMS = 5;

/** A value as a message quotes it: JSON, a list's first few items (nested lists and objects elided), short and printable. */
function describeFound(found: unknown): string {
  if (found === undefined) return "nothing";
  const shallow = (value: unknown): string =>
    Array.isArray(value) ? "[…]" : typeof value === "object" && value !== null ? "{…}" : (JSON.stringify(value) ?? "nothing");
  if (Array.isArray(found)) {
    const more = found.length > MAX_QUOTED_ITEMS ? `, … and ${(found.length - MAX_QUOTED_ITEMS).toLocaleString("en-GB")} more` : "";
    return printableExcerpt(`[${found.slice(0, MAX_QUOTED_ITEMS).map(shallow).join(",")}${more}]`, 200);
  }
  if (typeof found === "object" && found !== null) {
    const keys = Object.keys(found);
    return printableExcerpt(`an object with ${keys.length === 0 ? "no keys" : `keys ${keys.slice(0, MAX_QUOTED_ITEMS).map((key) => JSON.stringify(key)).join(", ")}${keys.length > MAX_QUOTED_ITEMS ? ", …" : ""}`}`, 200);
  }
  return printableExcerpt(shallow(found), 200);
}

/** Collects problems as "field: what was expected, what was found". */
class Problems {
  readonly list: string[] = [];
  add(field: string, expected: string, found: unknown): void {
    this.list.push(`${field}: expected ${expected}, found ${describeFound(found)}`);
  }
  /** The problems as a refusal lists them: the first few, then how many more. */
  listed(): string[] {
    if (this.list.length <= MAX_PROBLEMS) return this.list;
    return [...this.list.slice(0, MAX_PROBLEMS), `… and ${(this.list.length - MAX_PROBLEMS).toLocaleString("en-GB")} more problems`];
  }
}

function codeList(value: Record<string, unknown>, key: string, at: string, pattern: RegExp | ((code: string) => boolean), what: string, problems: Problems): string[] {
  const list = value[key];
  if (!Array.isArray(list) || list.length === 0) {
    problems.add(`${at}.${key}`, `a non-empty list of ${what}`, list);
    return [];
  }
  const valid = typeof pattern === "function" ? pattern : (code: string) => pattern.test(code);
  const bad = list.filter((code) => typeof code !== "string" || !valid(code));
  if (bad.length > 0) problems.add(`${at}.${key}`, `${what} only`, bad);
  return list as string[];
}

/** True, with the problem noted, when an area at `depth` may not hold further areas. */
function tooDeep(at: string, depth: number, problems: Problems): boolean {
  if (depth < MAX_AREA_DEPTH) return false;
  problems.list.push(`${at}: areas nested more than ${MAX_AREA_DEPTH} deep (expected at most ${MAX_AREA_DEPTH} levels of union, intersection and within)`);
  return true;
}

/** Checks the area part of a definition (`kind` and its parameters), recursively for unions, to a depth limit. */
function parseArea(value: unknown, at: string, problems: Problems, depth = 0): AreaSpec | null {
  if (typeof value !== "object" || value === null) {
    problems.add(at, "an object with a kind", value);
    return null;
  }
  const area = value as Record<string, unknown>;
  const kind = area.kind as DefinitionKind;
  switch (kind) {
    case "local-authorities":
      return { kind, codes: codeList(area, "codes", at, LAD_CODE, "local authority codes (e.g. E09000030)", problems) };
    case "icb":
      return { kind, codes: codeList(area, "codes", at, ICB_CODE, "ICB codes (e.g. E54000029)", problems) };
    case "postcode-prefixes":
      return { kind, prefixes: codeList(area, "prefixes", at, isPostcodePrefix, "postcode areas, districts or sectors (E, E1, E1 6)", problems) };
    case "radius": {
      const sites = codeList(area, "sites", at, isCanonicalPostcode, "site postcodes (e.g. E1 8DE)", problems);
      const distance = area.distance;
      if (typeof distance !== "number" || !(distance > 0)) problems.add(`${at}.distance`, "a positive number", distance);
      const unit = area.unit ?? "km";
      if (unit !== "km" && unit !== "miles") problems.add(`${at}.unit`, `"km" or "miles"`, unit);
      return { kind, sites, distance: distance as number, unit: unit as "km" | "miles" };
    }
    case "bordering-authorities": {
      const codes = codeList(area, "codes", at, LAD_CODE, "local authority codes (e.g. E09000030)", problems);
      if (typeof area.file !== "string" || !/\.(geo)?json$/i.test(area.file)) problems.add(`${at}.file`, "the path of a GeoJSON file of local authority boundaries", area.file);
      const tolerance = area.toleranceMetres ?? DEFAULT_BORDERING.toleranceMetres;
      if (typeof tolerance !== "number" || !(tolerance >= 0 && tolerance <= 5000)) problems.add(`${at}.toleranceMetres`, "a number of metres from 0 to 5000", area.toleranceMetres);
      return { kind, codes, file: area.file as string, toleranceMetres: tolerance as number };
    }
    case "polygon":
      if (typeof area.file !== "string" || !/\.(geo)?json$/i.test(area.file)) problems.add(`${at}.file`, "the path of a GeoJSON file", area.file);
      return { kind, file: area.file as string };
    case "deprivation": {
      const maxDecile = area.maxDecile;
      if (typeof maxDecile !== "number" || !Number.isInteger(maxDecile) || maxDecile < 1 || maxDecile > 10) {
        problems.add(`${at}.maxDecile`, "a whole number from 1 to 10", maxDecile);
      }
      // The index and edition are named: IoD 2025 and IoD 2019 sit on different LSOAs, and a decile means nothing without its edition.
      if (!isDeprivationIndex(area.index)) problems.add(`${at}.index`, `the index and edition, one of ${Object.keys(DEPRIVATION_INDEXES).map((index) => `"${index}"`).join(", ")}`, area.index);
      const domain = area.domain ?? "imd";
      if (!isDeprivationDomain(domain)) problems.add(`${at}.domain`, `one of ${Object.keys(DEPRIVATION_DOMAINS).map((d) => `"${d}"`).join(", ")}`, area.domain);
      if (area.within !== undefined && tooDeep(at, depth, problems)) return null;
      const within = area.within === undefined ? undefined : parseArea(area.within, `${at}.within`, problems, depth + 1);
      return { kind, index: area.index as DeprivationIndex, domain: domain as DeprivationDomain, maxDecile: maxDecile as number, ...(within ? { within } : {}) };
    }
    case "union":
    case "intersection": {
      if (!Array.isArray(area.of) || area.of.length < 2) {
        problems.add(`${at}.of`, "a list of at least two areas", area.of);
        return null;
      }
      if (tooDeep(at, depth, problems)) return null;
      const parts = area.of.map((part, index) => parseArea(part, `${at}.of[${index}]`, problems, depth + 1));
      return parts.every((part) => part !== null) ? { kind, of: parts as AreaSpec[] } : null;
    }
    default:
      problems.add(`${at}.kind`, `one of ${KINDS.join(", ")}`, area.kind);
      return null;
  }
}

/** Checks one definition; returns it typed, or every problem found (field and what was expected). */
export function parseLocalDefinition(input: unknown): { definition?: LocalDefinition; problems: string[] } {
  const problems = new Problems();
  if (typeof input !== "object" || input === null) return { problems: ["a definition must be a JSON object"] };
  const value = input as Record<string, unknown>;
  const text = (key: string): string => {
    const field = value[key];
    if (typeof field !== "string" || field.trim() === "") problems.add(key, "a non-empty string", field);
    return typeof field === "string" ? field.trim() : "";
  };
  const id = text("id");
  const name = text("name");
  const description = text("description");
  if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) problems.add("id", "kebab-case (a-z, 0-9, -)", id);
  const version = value.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) problems.add("version", "a whole number ≥ 1", version);
  const basis = (value.basis ?? "registered") as AddressBasis;
  if (!BASES.includes(basis)) problems.add("basis", `one of ${BASES.join(", ")}`, value.basis);
  const excludePublicBodies = value.excludePublicBodies ?? false;
  if (typeof excludePublicBodies !== "boolean") problems.add("excludePublicBodies", "true or false", value.excludePublicBodies);
  const area = parseArea(value, "definition", problems);
  if (problems.list.length > 0 || area === null) return { problems: problems.listed() };
  return {
    definition: { id, version: version as number, name, description, basis, headline: value.headline === true, excludePublicBodies: excludePublicBodies === true, area },
    problems: [],
  };
}

/** Codes-only kinds keep their codes in a column too (for SQL and for the methodology page). */
export function definitionCodes(area: AreaSpec): string[] {
  if (area.kind === "local-authorities" || area.kind === "icb") return area.codes;
  if (area.kind === "bordering-authorities") return [...area.codes, ...(area.neighbours ?? []).map((neighbour) => neighbour.code)];
  if (area.kind === "postcode-prefixes") return area.prefixes;
  return [];
}
