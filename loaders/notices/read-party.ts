import { normalisePostcode } from "../../geo/postcode-parts.js";
import { identifierKey, isKnownScheme, normaliseIdentifier } from "../schema/supplier-identifiers.js";
import { jsonPath } from "./json-path.js";
import type { Problems } from "./notice-problems.js";
import { isObject, text, type JsonObject } from "./json-values.js";

/** A supplier as an award lists it, with what the release's parties say of it. */
export interface NoticeSupplier {
  /** 1 = the first supplier the award lists. */
  position: number;
  /** The supplier id of its name (the loader's normalised name key): spend names the same supplier by it. */
  supplierId: string;
  supplierName: string;
  partyId: string | null;
  /** Companies House number, normalised (`04142000`). */
  companyNumber: string | null;
  /** Charity number: England and Wales (`1123456`), Scotland (`SC012345`), Northern Ireland (`NIC100001`). */
  charityNumber: string | null;
  ppon: string | null;
  /** Every identifier given, as `SCHEME-id` (normalised for the schemes above; others as written, e.g. GB-CFS-307558). */
  identifiers: string[];
  postcode: string | null;
  /** Where the postcode was found: `postalCode`, or inside `streetAddress` or `locality`; null when none was. */
  postcodeFrom: "postalCode" | "streetAddress" | "locality" | null;
  scale: string | null;
  isSme: boolean | null;
  isVcse: boolean | null;
}

/** Candidate postcodes in a line of an address: outward code, optional space, inward code. */
const POSTCODE_IN_TEXT = /([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})(?![A-Z])/gi;

/** A line break whose backslash was lost (`\n` as "n", `\r\n` as "rn") just before the next line's first letter or digit. */
const LOST_LINE_BREAK = /r?n(?=[A-Z0-9])/;

/**
 * The postcode an address line holds ("Little Easton Manor, Park Road, Little Easton, Essex, CM6 2JN"): the last
 * candidate that the one postcode normaliser (geo/postcode-parts.ts) accepts. Contracts Finder's addresses often
 * lost their line breaks' backslashes ("SOUTHAMPTON ROWnLONDONnWC1B 4ADnGB", "Business ParkrnThealernReadingrnRG7
 * 4SArnUnited Kingdom"): the text is split there first.
 */
export function postcodeInText(line: string): string | null {
  let found: string | null = null;
  for (const piece of line.split(LOST_LINE_BREAK)) {
    for (const match of piece.matchAll(POSTCODE_IN_TEXT)) found = normalisePostcode(`${match[1]} ${match[2]}`) ?? found;
  }
  return found;
}

/** Organisation scales (the OCDS partyScale codelist) and whether each is a small or medium-sized enterprise. */
const SCALES: Record<string, boolean> = { micro: true, sme: true, selfemployed: true, large: false };

function flag(value: unknown): boolean | null | "bad" {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return "bad";
}

/**
 * What a release's party says of a supplier: its identifiers (`identifier` and `additionalIdentifiers`; GB-COH,
 * GB-CHC, GB-SC, GB-NIC and GB-PPON normalised, an id not of its scheme's form a fault), its postcode (postalCode,
 * else the one inside streetAddress or locality), and its scale and VCSE flag (`details.scale`, `details.vcse`, as
 * Contracts Finder and Find a Tender publish them).
 */
export function readParty(party: JsonObject, partyPath: string, problems: Problems): Omit<NoticeSupplier, "position" | "supplierId" | "supplierName" | "partyId"> {
  const identifiers: string[] = [];
  let companyNumber: string | null = null;
  let charityNumber: string | null = null;
  let ppon: string | null = null;
  const given: [string, unknown][] = [[jsonPath(partyPath, "identifier"), party.identifier]];
  (Array.isArray(party.additionalIdentifiers) ? party.additionalIdentifiers : []).forEach((entry, index) => {
    given.push([jsonPath(jsonPath(partyPath, "additionalIdentifiers"), index), entry]);
  });
  for (const [path, entry] of given) {
    if (!isObject(entry)) continue;
    const scheme = text(entry.scheme);
    const id = typeof entry.id === "number" ? String(entry.id) : text(entry.id);
    if (scheme === null || id === null) continue;
    const identifier = normaliseIdentifier(scheme, id);
    if (identifier === null) {
      if (isKnownScheme(scheme)) problems.add(jsonPath(path, "id"), id, "not-an-identifier", `"${id}" is not a ${scheme} identifier (e.g. GB-COH 01234567, GB-CHC 1123456, GB-PPON PABC-1234-DEFG)`);
      else identifiers.push(`${scheme}-${id}`);
      continue;
    }
    identifiers.push(identifierKey(identifier));
    if (identifier.scheme === "GB-COH") companyNumber ??= identifier.id;
    else if (identifier.scheme === "GB-PPON") ppon ??= identifier.id;
    else charityNumber ??= identifier.id;
  }

  const address = isObject(party.address) ? party.address : {};
  const postalCode = text(address.postalCode) === null ? null : normalisePostcode(text(address.postalCode)!);
  const inStreet = postalCode === null && text(address.streetAddress) ? postcodeInText(text(address.streetAddress)!) : null;
  const inLocality = postalCode === null && inStreet === null && text(address.locality) ? postcodeInText(text(address.locality)!) : null;
  const postcode = postalCode ?? inStreet ?? inLocality;
  const postcodeFrom = postalCode ? "postalCode" : inStreet ? "streetAddress" : inLocality ? "locality" : null;

  const details = isObject(party.details) ? party.details : {};
  const scale = text(details.scale);
  let isSme: boolean | null = null;
  if (scale !== null) {
    const known = SCALES[scale.toLowerCase()];
    if (known === undefined) problems.add(jsonPath(jsonPath(partyPath, "details"), "scale"), scale, "not-a-scale", `"${scale}" is not an organisation scale (expected micro, sme, large or selfEmployed)`);
    else isSme = known;
  }
  const vcse = flag(details.vcse);
  if (vcse === "bad") problems.add(jsonPath(jsonPath(partyPath, "details"), "vcse"), JSON.stringify(details.vcse), "not-a-flag", "the VCSE flag is not true or false");
  return { companyNumber, charityNumber, ppon, identifiers, postcode, postcodeFrom, scale, isSme, isVcse: vcse === "bad" ? null : vcse };
}
