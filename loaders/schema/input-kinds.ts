// The kinds of input a load reads, the order it loads them in, and the kinds a file's name alone tells
// (configuration). Apart from detect-kind.ts, which tells a table's kind by its headings, so that walking and
// ordering a folder's files (all a reload of loaded files does) imports no reader.
import { basename, dirname } from "node:path";
import type { ReferenceKind } from "../reference/reference-tables.js";
import { WORKBOOK_EXTENSIONS } from "../files/read-workbook.js";

/** Social value inputs: a priorities framework, the question bank, proxy values, contracts, supplier returns, engagement. */
export type SocialValueKind = "priorities" | "question-bank" | "proxy-values" | "contracts" | "returns" | "engagement";

export const SOCIAL_VALUE_KINDS: readonly SocialValueKind[] = ["priorities", "question-bank", "proxy-values", "contracts", "returns", "engagement"];

export type InputKind = "institution" | "definitions" | ReferenceKind | "codepoint" | "suppliers" | "imported-locality" | "spend" | SocialValueKind | "notices";

/** The order a run loads kinds in: what others refer to comes first. */
export const LOAD_ORDER: readonly InputKind[] = [
  "institution", "authority-icb", "deprivation", "postcode-areas", "postcodes", "codepoint", "companies", "charities", "definitions", "suppliers", "imported-locality", "spend",
  // Social value: contracts name questions and priorities; returns name contracts and measures. Published notices
  // (OCDS) give contracts too, and may supersede a register's row of the same contract.
  "priorities", "question-bank", "proxy-values", "contracts", "notices", "returns", "engagement",
];

export const TABLE_EXTENSIONS = [".csv", ".csv.gz", ".txt", ".tsv", ...WORKBOOK_EXTENSIONS];

/**
 * Configuration files, told apart by name: institution.json; priorities.json or *.priorities.json (a social
 * value priorities framework); definitions.json, *.definitions.json or any JSON in a definitions folder.
 */
export function configKind(path: string): InputKind | null {
  const name = basename(path).toLowerCase();
  if (name === "institution.json") return "institution";
  if (name === "priorities.json" || name.endsWith(".priorities.json")) return "priorities";
  if (name === "definitions.json" || name.endsWith(".definitions.json")) return "definitions";
  if (name.endsWith(".json") && basename(dirname(path)).toLowerCase() === "definitions") return "definitions";
  return null;
}
