import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";

/** The shipped NHS ODS register (data/ods/, see its PROVENANCE.md): read to name a file's NHS body, never loaded. */
export const ODS_FOLDER = join(projectRoot, "data", "ods");

/** An NHS body of the ODS register. */
export interface OdsBody {
  code: string;
  /** As the register writes it: upper case ("BARTS HEALTH NHS TRUST"). */
  name: string;
  /** The institution kind anchor-spend records for it. */
  kind: "nhs-trust" | "ccg" | "icb";
  /** Its close date (`YYYYMMDD`), empty while open. */
  closed: string;
}

/** The register's files: trusts (etr), and commissioners (eccg: CCGs, ICBs, sub-ICB locations). Columns: code, name, …, open (10), close (11). */
const FILES: { file: string; kindOf: (name: string) => OdsBody["kind"] }[] = [
  { file: "etr.csv", kindOf: () => "nhs-trust" },
  { file: "eccg.csv", kindOf: (name) => (/\bCCG\b/.test(name) ? "ccg" : "icb") },
];

let register: OdsBody[] | null = null;

/** Every body of the shipped register, read once. */
export function odsBodies(): OdsBody[] {
  register ??= FILES.flatMap(({ file, kindOf }) =>
    Papa.parse<string[]>(readFileSync(join(ODS_FOLDER, file), "utf-8"), { skipEmptyLines: true }).data
      .map((row) => ({ code: row[0] ?? "", name: row[1] ?? "", kind: kindOf(row[1] ?? ""), closed: row[11] ?? "" })));
  return register;
}

let boards: OdsBody[] | null = null;

/**
 * The integrated care boards themselves (data/ods/icb24.csv: ODS code `ICB24CDH`, name `ICB24NM`), read once. The
 * eccg file names only their sub-ICB locations; these are kept apart from odsBodies(), which names a file's body.
 */
export function odsCareBoards(): OdsBody[] {
  boards ??= Papa.parse<Record<string, string>>(readFileSync(join(ODS_FOLDER, "icb24.csv"), "utf-8"), { header: true, skipEmptyLines: true }).data
    .map((row) => ({ code: row.ICB24CDH ?? "", name: (row.ICB24NM ?? "").toUpperCase(), kind: "icb" as const, closed: "" }));
  return boards;
}

/** A body's name as words to compare: lower case, `&` as "and", apostrophes dropped, plurals singular ("Hospitals" → hospital). */
function nameWords(name: string): string[] {
  return name.toLowerCase().replace(/&/g, " and ").replace(/['’]/g, "").split(/[^a-z0-9]+/).filter(Boolean)
    .map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word));
}

/** The register's body a published name is: open bodies before closed ones. */
export interface OdsMatch {
  body: OdsBody;
  /** "exact": the same words; "closest": the only body whose name holds every word of the file's ("Epsom & ST Helier University Hospital"). */
  how: "exact" | "closest";
}

/**
 * The NHS body a name given in a file is, by the register: the body whose name has the same words (case,
 * `&`/and, apostrophes and plurals aside), else the one body whose name holds all of the file's words; an open
 * body is preferred to a closed one of the same name. Null when none, or more than one, fits.
 */
export function odsBodyNamed(name: string): OdsMatch | null {
  const words = nameWords(name);
  if (words.length === 0) return null;
  const key = words.join(" ");
  const openFirst = (bodies: OdsBody[]) => [...bodies].sort((a, b) => Number(a.closed !== "") - Number(b.closed !== ""));
  const exact = openFirst(odsBodies().filter((body) => nameWords(body.name).join(" ") === key));
  if (exact.length === 1 || (exact.length > 1 && exact[0]!.closed === "" && exact[1]!.closed !== "")) return { body: exact[0]!, how: "exact" };
  if (exact.length > 1) return null;
  const holding = odsBodies().filter((body) => {
    const bodyWords = new Set(nameWords(body.name));
    return words.every((word) => bodyWords.has(word));
  });
  const open = holding.filter((body) => body.closed === "");
  const candidates = open.length > 0 ? open : holding;
  return candidates.length === 1 ? { body: candidates[0]!, how: "closest" } : null;
}

/** The register's body with this code, if any. */
export function odsBodyCoded(code: string): OdsBody | null {
  return odsBodies().find((body) => body.code === code.trim().toUpperCase()) ?? null;
}

/** Whether a body's name says it is a local council (councils are not in the NHS ODS register). */
export function looksLikeCouncil(name: string): boolean {
  return /\b(council|borough|county|metropolitan|district|city of|royal borough|greater london authority|combined authority)\b/i.test(name);
}
