/**
 * Organisation identifiers as registers and procurement notices write them, normalised to one form so that a
 * supplier named by a spend file, a register and a notice can be matched. Schemes are org-id.guide codes:
 * GB-COH (Companies House), GB-CHC (Charity Commission for England and Wales), GB-SC (OSCR, Scotland),
 * GB-NIC (Charity Commission for Northern Ireland), GB-PPON (the Procurement Act's Public Procurement
 * Organisation Number, from the Central Digital Platform).
 */
export type IdentifierScheme = "GB-COH" | "GB-CHC" | "GB-SC" | "GB-NIC" | "GB-PPON";

export interface SupplierIdentifier {
  scheme: IdentifierScheme;
  /** The identifier in its register's own form: `01234567`, `SC123456`, `1123456`, `PABC-1234-DEFG`. */
  id: string;
}

/**
 * Upper case, with the separators people write inside identifiers (spaces, hyphens, dots) dropped, and a leading
 * scheme code (`GB-COH-…`) too; "" when anything else is in it (`+1+1`, a formula, "N/A"), which no form accepts.
 */
function compact(raw: string, scheme: string): string {
  const text = raw.trim().toUpperCase();
  const prefix = `${scheme}-`;
  const body = text.startsWith(prefix) ? text.slice(prefix.length) : text;
  return /^[A-Z0-9\s.-]*$/.test(body) ? body.replace(/[\s.-]/g, "") : "";
}

/**
 * A Companies House number as the register holds it: 8 characters, digits zero-padded (`7687209` →
 * `07687209`), or a two-letter register prefix and 6 digits (`sc 12345` → `SC012345`; SC Scotland, NI
 * Northern Ireland, OC LLPs, SO Scottish LLPs, NC Northern Irish LLPs, LP/SL/NL limited partnerships, FC
 * overseas companies, RC/SR/NR royal charter, IP/SP/NP societies, CE/CS/NO CIOs, GE EEIGs, ZC/SZ unregistered).
 * Null when the text is not one (blank, too long, letters where digits belong, all zeros).
 */
export function normaliseCompanyNumber(raw: string): string | null {
  const text = compact(raw, "GB-COH");
  const digits = /^\d{1,8}$/.exec(text);
  if (digits) return /^0+$/.test(text) ? null : text.padStart(8, "0");
  const prefixed = /^(SC|NI|OC|SO|NC|LP|SL|NL|FC|SF|NF|RC|SR|NR|IP|SP|NP|CE|CS|NO|GE|GS|GN|ZC|SZ|SA|SE|SG)(\d{1,6})$/.exec(text);
  if (!prefixed) return null;
  const [, prefix, number] = prefixed;
  return `${prefix}${number!.padStart(8 - prefix!.length, "0")}`;
}

/**
 * A charity number: England and Wales (GB-CHC) 6 or 7 digits, leading zeros dropped, with a linked charity's
 * `-N` suffix kept (`1123456-1`); Scotland (GB-SC) `SC` and 6 digits; Northern Ireland (GB-NIC) `NIC` and
 * 6 digits (older `XR`/`XN` numbers stay as written). Null when the text is not one.
 */
export function normaliseCharityNumber(raw: string): SupplierIdentifier | null {
  const text = raw.trim().toUpperCase().replace(/^GB-(CHC|SC|NIC)-/, "");
  const linked = /^0*(\d{6,7})\s*(?:-\s*(\d{1,3}))?$/.exec(text);
  if (linked) return { scheme: "GB-CHC", id: linked[2] && linked[2] !== "0" ? `${linked[1]}-${linked[2]}` : linked[1]! };
  const squeezed = text.replace(/[^A-Z0-9]/g, "");
  if (/^SC\d{6}$/.test(squeezed)) return { scheme: "GB-SC", id: squeezed };
  if (/^NIC\d{6}$/.test(squeezed)) return { scheme: "GB-NIC", id: squeezed };
  if (/^X[RN]\d{4,6}$/.test(squeezed)) return { scheme: "GB-NIC", id: squeezed };
  return null;
}

/** A PPON as the Central Digital Platform issues it: four groups of letters and digits, `PABC-1234-DEFG`. */
export function normalisePpon(raw: string): string | null {
  const text = compact(raw, "GB-PPON");
  if (!/^P[A-Z0-9]{11}$/.test(text)) return null;
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}

const SCHEME_ALIASES: Record<string, IdentifierScheme> = {
  "GB-COH": "GB-COH", COH: "GB-COH", "COMPANIES HOUSE": "GB-COH",
  "GB-CHC": "GB-CHC", CHC: "GB-CHC", "GB-SC": "GB-SC", "GB-NIC": "GB-NIC",
  "GB-PPON": "GB-PPON", PPON: "GB-PPON",
};

/** Whether a scheme is one of those above (by its code or an alias): an id under it must be of its form. */
export function isKnownScheme(scheme: string): boolean {
  return SCHEME_ALIASES[scheme.trim().toUpperCase()] !== undefined;
}

/**
 * An identifier given with its scheme (an OCDS `identifier` or `additionalIdentifiers` entry), normalised;
 * null when the scheme is not one of these (a VAT number, a DUNS…) or the id is not of the scheme's form.
 */
export function normaliseIdentifier(scheme: string, id: string): SupplierIdentifier | null {
  const known = SCHEME_ALIASES[scheme.trim().toUpperCase()];
  if (!known) return null;
  if (known === "GB-COH") {
    const number = normaliseCompanyNumber(id);
    return number ? { scheme: known, id: number } : null;
  }
  if (known === "GB-PPON") {
    const ppon = normalisePpon(id);
    return ppon ? { scheme: known, id: ppon } : null;
  }
  const charity = normaliseCharityNumber(id);
  return charity && charity.scheme === known ? charity : null;
}

/** One text for an identifier, for keys and joins: `GB-COH-01234567`. */
export function identifierKey(identifier: SupplierIdentifier): string {
  return `${identifier.scheme}-${identifier.id}`;
}

/** Whether 9 digits carry valid UK VAT check digits: the weighted sum (8…2) plus the last two is 0 mod 97, or 55 mod 97 (numbers issued since 2010). */
function vatCheckDigitsHold(digits: string): boolean {
  const sum = [8, 7, 6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * Number(digits[i]), 0) + Number(digits.slice(7, 9));
  return sum % 97 === 0 || (sum + 55) % 97 === 0;
}

/**
 * A UK VAT registration number (scheme GB-VAT) as HMRC issues it, without its `GB`/`XI` country prefix: 9 digits
 * with valid check digits (`GB 999 9999 73` → `999999973`), or 12 for a branch (9 and a 3-digit branch), or a
 * government department's `GD` / health authority's `HA` and 3 digits. Null when the text is not one.
 */
export function normaliseVatNumber(raw: string): string | null {
  const text = compact(raw, "GB-VAT").replace(/^(GB|XI)(?=[0-9]|GD|HA)/, "");
  if (/^GD[0-4]\d\d$/.test(text) || /^HA[5-9]\d\d$/.test(text)) return text;
  if (!/^\d{9}(\d{3})?$/.test(text)) return null;
  return vatCheckDigitsHold(text) ? text : null;
}
