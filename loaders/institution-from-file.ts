import { dirname, resolve } from "node:path";
import { InputError } from "../src/core/errors.js";
import type { Warehouse } from "../src/warehouse/warehouse.js";
import type { TableHeadings } from "./schema/detect-kind.js";
import { NO_MAPPING, type InstitutionFolder } from "./schema/institution-folder.js";
import { headingTokens } from "./schema/match-by-meaning.js";
import { isTypoOf } from "./schema/edit-distance.js";
import { looksLikeCouncil, odsBodyCoded, odsBodyNamed, type OdsMatch } from "./schema/ods-register.js";
import { tableReader, type TableSource } from "./files/read-table.js";

/** The institution a spend file with no institution.json belongs to, said on the command line or read from the file. */
export interface InstitutionGiven {
  /** The institution the file is loaded for, as load-inputs plans it (its folder: the file's; no mapping.json). */
  folder: InstitutionFolder;
  record: { id: string; name: string; kind: string; odsCode: string | null };
  /** Name and kind said outright (`--institution-name`, `--kind`): they replace what the warehouse holds. */
  stated: boolean;
  /** Where it came from, in words for the load report (kept with the file in source_files.reading). */
  source: string;
}

/** `load --institution ID [--institution-name NAME] [--kind KIND]`. */
export interface InstitutionOption {
  id: string;
  name?: string;
  kind?: string;
}

/** Words of a heading naming the publishing body ("Entity", "Body name", "Organisation", Brent's "CCG"; "Entuty" as a typo). */
const BODY_WORDS = ["entity", "body", "organisation", "organization", "ccg"];
const NOT_BODY = ["code", "id", "type", "number", "no", "family", "department", "supplier", "vendor", "expense", "postcode"];

/** The column naming the body that published the file, among headings not mapped to a spend field. */
function bodyColumnOf(headings: readonly string[], mapped: Readonly<Record<string, number>>): number | null {
  const taken = new Set(Object.values(mapped));
  const index = headings.findIndex((heading, i) => {
    const words = headingTokens(heading);
    return !taken.has(i) && words.some((word) => BODY_WORDS.some((body) => word === body || isTypoOf(word, body))) && !words.some((word) => NOT_BODY.includes(word));
  });
  return index < 0 ? null : index;
}

/** What a file says of its publisher: the body column's heading and the distinct names in it (at most a few). */
interface FileBody {
  heading: string;
  names: string[];
}

const NAMES_KEPT = 5;

/** Reads a spend file's body column (Entity, Body name…) to its end, below each table's heading row: the names it holds. Null when it has none. */
async function bodyOfFile(source: TableSource, headings: TableHeadings): Promise<FileBody | null> {
  const read = await tableReader(source);
  let found: FileBody | null = null;
  const names = new Set<string>();
  await read((sheet) => {
    const header = headings.get(sheet);
    // Records counted as the spend reader counts them: the heading row is the table's record headerIndex (0-based).
    let index = -1;
    let column: number | null = null;
    return {
      record: (cells) => {
        index++;
        if (!header || index < header.headerIndex) return;
        if (index === header.headerIndex) {
          column = bodyColumnOf(cells, header.columns);
          if (column !== null) found ??= { heading: cells[column]!, names: [] };
        } else if (column !== null && names.size <= NAMES_KEPT && cells[column]?.trim()) {
          names.add(cells[column]!.trim());
        }
      },
      end: () => undefined,
    };
  });
  if (found) (found as FileBody).names = [...names];
  return found;
}

const quote = (text: string) => JSON.stringify(text);

/** What the register makes of the one name a file gives: the offer of its code, or why there is none. */
function offerFor(name: string, match: OdsMatch | null): string {
  if (match) {
    const closest = match.how === "closest" ? ` (the NHS ODS register's ${match.body.name})` : "";
    return `this file says ${name}${closest}: load with --institution ${match.body.code}, or with --infer-institution to take it`;
  }
  if (looksLikeCouncil(name)) {
    return `this file says ${name}, a council: councils are not in the NHS ODS register, so no code is offered: ` +
      `load with --institution ID --institution-name ${quote(name)} --kind council (ID: e.g. its ONS GSS code)`;
  }
  return `this file says ${name}, which is not in the NHS ODS register (NHS trusts, CCGs and ICBs): ` +
    `load with --institution ID --institution-name ${quote(name)} --kind KIND`;
}

const NO_INSTITUTION = "no institution.json in its folder or above: put the file in a folder whose institution.json says who published it, " +
  "or load it with --institution ID (and --institution-name, --kind; or --infer-institution)";

/** Why a spend file has no institution, and, when its body column names one body, what to load it with. */
async function refusal(source: TableSource, headings: TableHeadings, body?: FileBody | null): Promise<InputError> {
  const said = body === undefined ? await bodyOfFile(source, headings) : body;
  if (!said) return new InputError(`${NO_INSTITUTION}; it has no Entity, Body name or Organisation column naming its publisher`, { file: source.path });
  if (said.names.length !== 1) {
    const count = said.names.length > NAMES_KEPT ? `more than ${NAMES_KEPT}` : String(said.names.length);
    const names = said.names.length === 0 ? "no body" : `${count} bodies (${said.names.slice(0, 3).join("; ")}${said.names.length > 3 ? "; …" : ""})`;
    return new InputError(`${NO_INSTITUTION}; its ${quote(said.heading)} column names ${names}: one file, one institution`, { file: source.path });
  }
  const name = said.names[0]!;
  return new InputError(`${NO_INSTITUTION}; ${offerFor(name, odsBodyNamed(name))}`, { file: source.path });
}

/** The institution a spend file without institution.json is loaded for: `--institution`, else `--infer-institution`, else refused with the offer. */
export async function institutionFromFile(
  warehouse: Warehouse, source: TableSource, headings: TableHeadings, option: InstitutionOption | null, infer: boolean,
): Promise<InstitutionGiven> {
  const folder = (id: string): InstitutionFolder => ({ institutionId: id, folder: dirname(resolve(source.path)), mapping: NO_MAPPING });
  if (option) {
    const id = option.id.trim();
    const known = await warehouse.all<{ name: string; kind: string }>("SELECT name, kind FROM institutions WHERE institution_id = ?", [id]);
    const registered = odsBodyCoded(id);
    const body = option.name && option.kind ? null : await bodyOfFile(source, headings);
    const fileName = body?.names.length === 1 && registered && odsBodyNamed(body.names[0]!)?.body.code === registered.code ? body.names[0] : undefined;
    const name = option.name ?? known[0]?.name ?? fileName ?? registered?.name;
    const kind = option.kind ?? known[0]?.kind ?? registered?.kind ?? (name && looksLikeCouncil(name) ? "council" : undefined);
    if (!name || !kind) {
      const missing = [!name ? "--institution-name NAME" : "", !kind ? "--kind KIND (e.g. nhs-trust, ccg, council)" : ""].filter(Boolean).join(" and ");
      throw new InputError(`--institution ${id} is not in the NHS ODS register nor yet in the warehouse: say who it is with ${missing}`, { file: source.path });
    }
    const from = option.name ? "" : known[0] ? ", name as the warehouse holds it" : fileName ? `, name from its ${quote(body!.heading)} column` : ", name from the NHS ODS register";
    return {
      folder: folder(id),
      record: { id, name, kind, odsCode: registered ? registered.code : null },
      stated: option.name !== undefined || option.kind !== undefined,
      source: `institution ${id} (${name}, ${kind}) from --institution${from}, not from an institution.json`,
    };
  }
  if (!infer) throw await refusal(source, headings);
  const body = await bodyOfFile(source, headings);
  const name = body?.names.length === 1 ? body.names[0]! : null;
  const match = name ? odsBodyNamed(name) : null;
  if (!body || !name || !match) throw await refusal(source, headings, body);
  const { code, kind } = match.body;
  return {
    folder: folder(code),
    record: { id: code, name, kind, odsCode: code },
    stated: false,
    source: `institution ${code} (${name}, ${kind}) inferred from its ${quote(body.heading)} column by the NHS ODS register` +
      `${match.how === "closest" ? ` (closest name: ${match.body.name})` : ""}, not from an institution.json`,
  };
}

/** Records the institution a file was loaded for in the warehouse, in the file's transaction (nothing is written to the user's folder). */
export async function recordInstitution(warehouse: Warehouse, given: InstitutionGiven): Promise<void> {
  const { id, name, kind, odsCode } = given.record;
  await warehouse.run(
    `INSERT INTO institutions (institution_id, name, kind, ods_code, is_demo, note) VALUES (?, ?, ?, ?, false, NULL)
     ON CONFLICT (institution_id) DO ${given.stated ? "UPDATE SET name = excluded.name, kind = excluded.kind" : "NOTHING"}`,
    [id, name, kind, odsCode],
  );
}
