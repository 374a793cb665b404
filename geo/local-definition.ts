/**
 * A named, versioned definition of "local". Every published figure names the definition (id and version)
 * and the address basis it used. Kinds that need only codes are here; radius and polygon kinds come later.
 */
export type DefinitionKind = "local-authorities" | "icb" | "postcode-districts";
export type AddressBasis = "registered" | "trading" | "delivery" | "any";

export interface LocalDefinition {
  id: string;
  version: number;
  name: string;
  kind: DefinitionKind;
  basis: AddressBasis;
  codes: string[];
  description: string;
  headline: boolean;
}

const KINDS: readonly DefinitionKind[] = ["local-authorities", "icb", "postcode-districts"];
const BASES: readonly AddressBasis[] = ["registered", "trading", "delivery", "any"];
/** Bases the warehouse can classify today (the supplier register holds one, registered, postcode). */
const SUPPORTED_BASES: readonly AddressBasis[] = ["registered"];
const CODE_PATTERNS: Record<DefinitionKind, RegExp> = {
  "local-authorities": /^[ENSW]0[6-9]\d{6}$/,
  icb: /^E54\d{6}$/,
  "postcode-districts": /^[A-Z]{1,2}\d[A-Z\d]?$/,
};

/** Which postcode column a kind compares its codes with (SQL over the `postcodes` table, alias p). */
export const POSTCODE_COLUMN_FOR_KIND: Record<DefinitionKind, string> = {
  "local-authorities": "p.lad_code",
  icb: "p.icb_code",
  "postcode-districts": "split_part(p.postcode, ' ', 1)",
};

/** Checks one definition from a definitions file; returns it typed, or the list of what is wrong. */
export function parseLocalDefinition(input: unknown): { definition?: LocalDefinition; problems: string[] } {
  const problems: string[] = [];
  if (typeof input !== "object" || input === null) return { problems: ["a definition must be an object"] };
  const value = input as Record<string, unknown>;
  const text = (key: string): string => {
    const field = value[key];
    if (typeof field !== "string" || field.trim() === "") problems.push(`"${key}" must be a non-empty string`);
    return typeof field === "string" ? field.trim() : "";
  };
  const id = text("id");
  const name = text("name");
  const description = text("description");
  if (id && !/^[a-z0-9][a-z0-9-]*$/.test(id)) problems.push(`"id" ${JSON.stringify(id)} must be kebab-case (a-z, 0-9, -)`);
  const version = value.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) problems.push(`"version" must be a whole number ≥ 1`);
  const kind = value.kind as DefinitionKind;
  if (!KINDS.includes(kind)) problems.push(`"kind" ${JSON.stringify(value.kind)} must be one of ${KINDS.join(", ")}`);
  const basis = (value.basis ?? "registered") as AddressBasis;
  if (!BASES.includes(basis)) problems.push(`"basis" ${JSON.stringify(value.basis)} must be one of ${BASES.join(", ")}`);
  else if (!SUPPORTED_BASES.includes(basis)) {
    problems.push(`"basis" ${JSON.stringify(basis)} is not supported yet: suppliers have only a registered postcode so far`);
  }
  const codes = value.codes;
  if (!Array.isArray(codes) || codes.length === 0) problems.push(`"codes" must be a non-empty list`);
  else if (KINDS.includes(kind)) {
    const bad = codes.filter((code) => typeof code !== "string" || !CODE_PATTERNS[kind].test(code));
    if (bad.length > 0) problems.push(`"codes" has values that are not ${kind} codes: ${bad.map((c) => JSON.stringify(c)).join(", ")}`);
  }
  if (problems.length > 0) return { problems };
  return {
    definition: {
      id, version: version as number, name, kind, basis, description,
      codes: codes as string[],
      headline: value.headline === true,
    },
    problems,
  };
}
