import { basename, dirname } from "node:path";

/**
 * The edition of a national register a file is, as YYYY-MM-DD: the date in its published name
 * (`BasicCompanyDataAsOneFile-2025-11-01.csv`, `BasicCompanyData-2025-11-01-part1_7.csv`), else in its folder's
 * name (the Charity Commission's `publicextract.charity.txt` carries none: `charity-2025-11-01/…`). Null when
 * neither says, or the date is not a real day.
 */
export function registerEdition(path: string): string | null {
  for (const name of [basename(path), basename(dirname(path))]) {
    const found = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(name);
    if (!found) continue;
    const [, year, month, day] = found.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return found.slice(1).join("-");
  }
  return null;
}
