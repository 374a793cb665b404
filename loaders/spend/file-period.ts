import { basename, relative, resolve, sep } from "node:path";
import type { InstitutionFolder } from "../schema/institution-folder.js";
import { monthName, periodFromName } from "../schema/period-from-name.js";

/** The month the lines of a spend file with no date column are supplier totals for, and where it was read. */
export interface FilePeriod {
  /** The month's first day, `YYYY-MM-01`: the date its lines are stored with. */
  firstDay: string;
  /** In words for the load report: `January 2011, from the file's name`. */
  source: string;
}

/** What a mapping.json's file-name keys are matched against: the file's name, or its path within the institution's folder. */
function namesOf(path: string, folder: string): string[] {
  return [basename(path), relative(folder, resolve(path)).split(sep).join("/")];
}

/** A mapping.json entry for this file (by its name or its path within the folder), if any. */
export function entryFor(entries: Readonly<Record<string, string>>, path: string, folder: string): string | undefined {
  return namesOf(path, folder).map((name) => entries[name]).find((entry) => entry !== undefined);
}

function described(month: string, where: string): FilePeriod {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return { firstDay: `${month}-01`, source: `${monthName(number)} ${year}, ${where}` };
}

/**
 * The period of a file with no date column: mapping.json's `period` for this file by name, else the month
 * and year the file's name states (`2011-01-payments.csv`, `april-2024.csv`), else mapping.json's `period`
 * for every such file of the folder. Null when none says.
 */
export function filePeriod(path: string, institution: InstitutionFolder): FilePeriod | null {
  const { period } = institution.mapping;
  const byName = period !== null && typeof period === "object" ? entryFor(period, path, institution.folder) : undefined;
  if (byName) return described(byName, `from mapping.json "period" for this file`);
  const named = periodFromName(path);
  if (named?.year) return described(`${named.year}-${String(named.month).padStart(2, "0")}`, "from the file's name");
  if (typeof period === "string") return described(period, `from mapping.json "period"`);
  return null;
}

/** Why a file with no date column has no period, and the two ways to give one, for its refusal. */
export function noPeriodReason(path: string): string {
  const named = periodFromName(path);
  const name = named ? ` (its name says ${monthName(named.month)} but not the year)` : "";
  return `has no date column and nothing says which month its lines are for${name}: give the month either in the file's name ` +
    `(e.g. 2011-01-payments.csv or april-2024.csv) or as "period" in a mapping.json beside the institution.json ` +
    `({"period": "2011-01"} for every such file, or {"period": {"${basename(path)}": "2011-01"}}); each line is then loaded as its supplier's total for that month`;
}
