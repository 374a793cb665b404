import { InputError } from "../../src/core/errors.js";
import { printableExcerpt } from "../../src/core/printable-excerpt.js";
import type { ProblemCode } from "../../src/core/problem-codes.js";
import { parseJsonText } from "../files/read-json.js";
import { jsonPath } from "./json-path.js";
import { isObject } from "./json-values.js";

/**
 * One release of an OCDS file, as a loader sees it: where it sits (`releases[12]`, `records[3].compiledRelease`,
 * `[2].releases[0]`, `line 4: releases[0]`; "" for a file that is one release), its position in the file (1 = the
 * first release: the quarantine's row), and its value (anything JSON can hold: the release reader says what is
 * wrong with it).
 */
export interface LocatedRelease {
  rowNumber: number;
  path: string;
  value: unknown;
  /** A fault of the release as found (a record with no compiled release, a line that is not JSON): it is quarantined for it. */
  fault?: { path: string; code: ProblemCode; reason: string; rawValue: string | null };
}

/**
 * Every release a parsed JSON value holds, as OCDS publishes them: a release package (`releases`), a record package
 * (`records`, each read through its `compiledRelease`), a release on its own (`ocid`), or a JSON array of any of
 * these. Null when the value is none of them (not an OCDS file).
 */
function releasesOf(value: unknown, prefix: string, found: Omit<LocatedRelease, "rowNumber">[], topLevel = true): boolean {
  if (Array.isArray(value)) {
    if (!topLevel || value.length === 0) return false;
    return value.every((item, index) => releasesOf(item, jsonPath(prefix, index), found, false));
  }
  if (!isObject(value)) return false;
  if (Array.isArray(value.releases)) {
    value.releases.forEach((release, index) => found.push({ path: jsonPath(jsonPath(prefix, "releases"), index), value: release }));
    return true;
  }
  if (Array.isArray(value.records)) {
    value.records.forEach((record, index) => {
      const path = jsonPath(jsonPath(prefix, "records"), index);
      if (isObject(record) && isObject(record.compiledRelease)) {
        found.push({ path: jsonPath(path, "compiledRelease"), value: record.compiledRelease });
      } else {
        found.push({
          path, value: record,
          fault: {
            path: jsonPath(path, "compiledRelease"), code: "no-compiled-release", rawValue: null,
            reason: "a record without a compiled release (its releases would have to be merged first): load the release package, or a record package with compiledRelease",
          },
        });
      }
    });
    return true;
  }
  if (typeof value.ocid === "string") {
    found.push({ path: prefix, value });
    return true;
  }
  return false;
}

/** Whether a file's first characters look like OCDS: a package's, a record's or a release's keys. */
export function looksLikeOcds(head: string): boolean {
  return /"(releases|records|ocid)"\s*:/.test(head);
}

const EXPECTED = "expected an OCDS release package ({\"releases\": [...]}), a record package ({\"records\": [...]}), a release, a JSON array of these, or JSON Lines of them";

/**
 * Reads the releases of an OCDS file: JSON (one package, a release, or an array of packages) or JSON Lines (one
 * package, record or release per line, as OCDS Kit and the OCP data registry write them: `.jsonl`). A file that is
 * not JSON, or JSON that is not OCDS, is refused whole in words; a release that is wrong is the release reader's.
 */
export function readOcdsText(text: string, path: string): LocatedRelease[] {
  const found: Omit<LocatedRelease, "rowNumber">[] = [];
  if (/\.jsonl$/i.test(path)) {
    let ocdsLines = 0;
    text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === "") return;
      const prefix = `line ${index + 1}:`;
      let value: unknown;
      try {
        value = parseJsonText(line, path);
      } catch (error) {
        const reason = (error as InputError).problem ?? (error as Error).message;
        found.push({ path: prefix, value: null, fault: { path: prefix, code: "not-a-release", rawValue: printableExcerpt(line, 200), reason: `this line ${reason}` } });
        return;
      }
      if (releasesOf(value, prefix, found)) ocdsLines++;
      else found.push({ path: prefix, value, fault: { path: prefix, code: "not-a-release", rawValue: printableExcerpt(line, 200), reason: `this line is not OCDS (${EXPECTED})` } });
    });
    if (ocdsLines === 0) throw new InputError(`holds no OCDS line (${EXPECTED})`, { file: path });
  } else if (!releasesOf(parseJsonText(text, path), "", found)) {
    throw new InputError(`is JSON but not OCDS (${EXPECTED})`, { file: path });
  }
  return found.map((release, index) => ({ ...release, rowNumber: index + 1 }));
}
