import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { shippedAuthorityBoundaries } from "../../geo/shipped-authorities.js";
import { odsBodies, odsCareBoards, type OdsBody } from "./ods-register.js";
import { supplierNameKey } from "./normalise-supplier-name.js";

/** What kind of public body a supplier is. */
export type PublicBodyKind = "nhs-trust" | "ccg" | "icb" | "council" | "combined-authority" | "hmrc";

/** How it was recognised: by a body of the NHS ODS files (its ODS code), an authority of the ONS lists (its GSS code), or a rule on the name alone. */
export type RecognisedBy = "ods-code" | "authority-code" | "name-rule";

/** A supplier-name key that names a public body, as the public_bodies table holds it. */
export interface PublicBodyName {
  /** The supplier-name key (loaders/schema/normalise-supplier-name.ts) a supplier's must equal, or (prefix) begin with before a space. */
  nameKey: string;
  prefix: boolean;
  kind: PublicBodyKind;
  recognisedBy: RecognisedBy;
  /** The ODS or GSS code; for HMRC, none. */
  code: string | null;
  /** The body's name in its source ("BARTS HEALTH NHS TRUST", "Hackney"). */
  referenceName: string;
}

/** The shipped county councils and combined authorities (data/public-bodies/README.md). */
const UPPER_TIER = join(projectRoot, "data", "public-bodies", "upper-tier-authorities.csv");

/** Every key publicBodyNames() gives, as the CSV the loader reads (written by scripts/write-public-body-names.ts). */
export { PUBLIC_BODY_NAMES } from "../reference/load-public-bodies.js";

/** A candidate for a key: its exact source name ranks before a variant of it, an open NHS body before a closed one. */
type Candidate = PublicBodyName & { variant: boolean; open: boolean };

/** The same name with its apostrophes kept (as a space, by the key) and dropped ("KING'S" and "KINGS"). */
const withAndWithoutApostrophes = (name: string) => [name, name.replace(/['’`]/g, "")];

/** How NHS trust names are shortened in payment files: "NHS FT", "NHSFT", "NHST", or cut after "NHS". */
function trustVariants(name: string): string[] {
  const foundation = /^(.*) NHS FOUNDATION TRUST$/.exec(name);
  if (foundation) return ["NHS FT", "NHSFT", "NHS FOUNDATION", "FOUNDATION TRUST", "NHS"].map((end) => `${foundation[1]} ${end}`);
  const trust = /^(.*) NHS TRUST$/.exec(name);
  if (trust) return ["NHST", "NHS TR", "NHS"].map((end) => `${trust[1]} ${end}`);
  return [];
}

/** CCG and ICB names with and without the leading "NHS", and with the abbreviations spelt out. */
function commissionerVariants(name: string): string[] {
  const spelt = name.replace(/ CCG$/, " CLINICAL COMMISSIONING GROUP").replace(/ INTEGRATED CARE BOARD$/, " ICB");
  const forms = [name, spelt].flatMap((form) => [form, form.replace(/^NHS /, "")]);
  return forms.filter((form) => form !== name);
}

function odsCandidates(body: OdsBody): Candidate[] {
  const base = { prefix: false, kind: body.kind, recognisedBy: "ods-code" as const, code: body.code, referenceName: body.name, open: body.closed === "" };
  const names = withAndWithoutApostrophes(body.name);
  const variants = names.flatMap((name) => [...trustVariants(name), ...commissionerVariants(name)]);
  return [
    ...names.map((name, index) => ({ ...base, nameKey: name, variant: index > 0 })),
    ...variants.map((name) => ({ ...base, nameKey: name, variant: true })),
  ];
}

/** Endings a council's name takes after its place name ("Hackney Council", "Bedford Borough Council", "Barnsley MBC"). */
const COUNCIL_ENDINGS = [
  "COUNCIL", "CITY COUNCIL", "BOROUGH COUNCIL", "DISTRICT COUNCIL", "COUNTY COUNCIL", "COUNTY BOROUGH COUNCIL",
  "METROPOLITAN BOROUGH COUNCIL", "METROPOLITAN DISTRICT COUNCIL", "METROPOLITAN COUNCIL", "LONDON BOROUGH COUNCIL",
  "ROYAL BOROUGH COUNCIL", "MBC", "LBC", "BC", "DC",
];
/** Openings before the place name ("London Borough of Hackney", "LB Hackney", "Council of the City of Newcastle upon Tyne"). */
const COUNCIL_OPENINGS = [
  "LONDON BOROUGH OF", "LONDON BOROUGH", "LB OF", "LB", "ROYAL BOROUGH OF", "BOROUGH OF", "METROPOLITAN BOROUGH OF",
  "CITY AND COUNTY OF", "COUNCIL OF CITY OF",
];

/** A district's place names: "Bristol, City of" as Bristol and City of Bristol; "County Durham" also as Durham (county council). */
function councilNames(place: string): string[] {
  const reversed = /^(.*), (City|County) of$/.exec(place);
  if (reversed) return [reversed[1]!, `${reversed[2]} of ${reversed[1]}`];
  return [place];
}

function councilCandidates(code: string, place: string): Candidate[] {
  const base = { prefix: false, kind: "council" as const, recognisedBy: "authority-code" as const, code, referenceName: place, open: true, variant: true };
  const names = councilNames(place).map((name) => name.toUpperCase());
  const county = /^COUNTY (.+)$/.exec(names[0]!);
  const keys = [
    ...names.flatMap((name) => [
      ...COUNCIL_ENDINGS.map((end) => `${name} ${end}`),
      ...COUNCIL_OPENINGS.map((opening) => `${opening} ${name}`),
      // "City of York Council", "City of Bradford Metropolitan District Council", "Royal Borough of Windsor and Maidenhead Council".
      ...COUNCIL_ENDINGS.map((end) => `CITY OF ${name} ${end}`),
      `ROYAL BOROUGH OF ${name} COUNCIL`,
    ]),
    ...(county ? [`${county[1]} COUNTY COUNCIL`] : []),
    ...(code === "E09000001" ? ["CITY OF LONDON CORPORATION", "CORPORATION OF LONDON", "CITY OF LONDON"] : []),
  ];
  return keys.map((nameKey) => ({ ...base, nameKey }));
}

function upperTierCandidates(): Candidate[] {
  const rows = Papa.parse<{ code: string; name: string; kind: string }>(readFileSync(UPPER_TIER, "utf-8"), { header: true, skipEmptyLines: true }).data;
  return rows.flatMap((row): Candidate[] => {
    const name = row.name.toUpperCase();
    const base = { prefix: false, recognisedBy: "authority-code" as const, code: row.code, referenceName: row.name, open: true, variant: true };
    return row.kind === "combined-authority"
      ? [{ ...base, kind: "combined-authority" as const, nameKey: `${name} COMBINED AUTHORITY` }]
      : [`${name} COUNTY COUNCIL`, `${name} COUNCIL`].map((nameKey) => ({ ...base, kind: "council" as const, nameKey }));
  });
}

/**
 * HM Revenue and Customs by its names in payment files (a rule, not a register): the name alone, or the name
 * followed by what was paid or where ("HMRC VAT", "HMRC Shipley", "Inland Revenue CIS"). Inland Revenue and
 * HM Customs and Excise merged into HMRC in 2005; their names are still used for PAYE and VAT payments.
 */
const HMRC_NAMES = [
  "HMRC", "H M R C", "HM REVENUE AND CUSTOMS", "H M REVENUE AND CUSTOMS", "HM REVENUE CUSTOMS", "HM REVENUES AND CUSTOMS",
  "HER MAJESTY'S REVENUE AND CUSTOMS", "HIS MAJESTY'S REVENUE AND CUSTOMS", "HER MAJESTYS REVENUE AND CUSTOMS", "HIS MAJESTYS REVENUE AND CUSTOMS",
  "INLAND REVENUE", "HM CUSTOMS AND EXCISE", "HM CUSTOMS EXCISE",
];

function hmrcCandidates(): Candidate[] {
  const base = { kind: "hmrc" as const, recognisedBy: "name-rule" as const, code: null, referenceName: "HM Revenue and Customs", open: true, variant: false };
  return HMRC_NAMES.flatMap((nameKey) => [{ ...base, nameKey, prefix: false }, { ...base, nameKey, prefix: true }]);
}

/** Keys that name two bodies at once (the same rank, both open or both closed): recognised as neither. */
export interface PublicBodyNames {
  names: PublicBodyName[];
  ambiguous: string[];
}

let built: PublicBodyNames | null = null;

/**
 * Every supplier-name key that names a public body, from the shipped reference: NHS trusts, CCGs, sub-ICB
 * locations and ICBs (data/ods/), the UK's local authority districts (data/boundaries/), county councils and
 * combined authorities (data/public-bodies/), and HMRC by name. A key two bodies could have is resolved to the
 * body whose own name it is, else an open NHS body over a closed one, else to neither (listed as ambiguous).
 */
export function publicBodyNames(): PublicBodyNames {
  if (built) return built;
  const candidates = [
    ...[...odsBodies(), ...odsCareBoards()].flatMap(odsCandidates),
    ...shippedAuthorityBoundaries().features.flatMap((feature) => councilCandidates(feature.properties.code, feature.properties.name)),
    ...upperTierCandidates(),
    ...hmrcCandidates(),
  ];
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const nameKey = supplierNameKey(candidate.nameKey);
    const id = `${candidate.prefix ? "prefix" : "exact"} ${nameKey}`;
    byKey.set(id, [...(byKey.get(id) ?? []), { ...candidate, nameKey }]);
  }
  const names: PublicBodyName[] = [];
  const ambiguous: string[] = [];
  for (const [id, list] of byKey) {
    const rank = (c: Candidate) => Number(c.variant) * 2 + Number(!c.open);
    const best = Math.min(...list.map(rank));
    const bodies = new Map(list.filter((c) => rank(c) === best).map((c) => [`${c.kind} ${c.code}`, c]));
    if (bodies.size > 1) {
      ambiguous.push(id);
      continue;
    }
    const { variant: _variant, open: _open, ...name } = [...bodies.values()][0]!;
    names.push(name);
  }
  built = { names: names.sort((a, b) => a.nameKey.localeCompare(b.nameKey) || Number(a.prefix) - Number(b.prefix)), ambiguous: ambiguous.sort() };
  return built;
}

let exactKeys: Map<string, PublicBodyName> | null = null;

/** The public body a supplier's name names (the rule of the int_supplier_public_bodies view): its key exactly, else a prefix of it. */
export function publicBodyNamed(name: string): PublicBodyName | null {
  const { names } = publicBodyNames();
  exactKeys ??= new Map(names.filter((body) => !body.prefix).map((body) => [body.nameKey, body]));
  const key = supplierNameKey(name);
  return exactKeys.get(key) ?? names.find((body) => body.prefix && key.startsWith(`${body.nameKey} `)) ?? null;
}

/** The CSV of every key (PUBLIC_BODY_NAMES, gzipped): the public_bodies table's columns, one key a line, in key order. */
export function publicBodyNamesCsv(): string {
  return `${Papa.unparse(publicBodyNames().names.map((body) => ({
    name_key: body.nameKey, prefix: body.prefix, kind: body.kind, recognised_by: body.recognisedBy, code: body.code ?? "", reference_name: body.referenceName,
  })), { newline: "\n" })}\n`;
}
