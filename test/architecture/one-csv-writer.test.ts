// Issue 18, point 5: every CSV anchor-spend hands out goes through one formula-safe writer (pages/shared/csv-cell.js):
// the site's downloads (DownloadCsv) and the exports' files (src/share/write-csv.ts). This reads the sources and
// fails on any other way of writing CSV: DuckDB's COPY … (FORMAT csv), a data:text/csv link or a Blob built
// elsewhere, or a formula rule of its own (a "^[=+" pattern) outside the writer.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = resolve(import.meta.dirname, "../..");
const WRITER = "pages/shared/csv-cell.js";

function sources(folder: string): string[] {
  return readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|md)$/.test(entry.name))
    .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith("pages/data/"));
}

describe("one CSV writer", () => {
  const files = ["src", "loaders", "geo", "pages"].flatMap(sources);

  it("reads the tree", () => expect(files.length).toBeGreaterThan(80));

  it("writes no CSV but through pages/shared/csv-cell.js", () => {
    const others: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(projectRoot, file), "utf-8");
      if (/\bCOPY\b[\s\S]{0,400}?\bTO\b[\s\S]{0,200}?FORMAT\s*'?csv/i.test(text)) others.push(`${file}: COPY … (FORMAT csv)`);
      if (/data:text\/csv/.test(text) && file !== "pages/components/download-csv.js") others.push(`${file}: a data:text/csv link`);
      if (/new Blob\(/.test(text)) others.push(`${file}: a Blob`);
      if (/\^\[=\+/.test(text) && file !== WRITER) others.push(`${file}: a formula rule of its own`);
    }
    expect(others).toEqual([]);
  });

  it("offers every page's download through DownloadCsv", () => {
    // A page that names a .csv file hands it to DownloadCsv: no other download is built on a page.
    const pages = files.filter((file) => file.startsWith("pages/") && file.endsWith(".md"));
    const outside = pages.flatMap((file) => readFileSync(join(projectRoot, file), "utf-8").split("\n")
      .filter((line) => /\.csv\b/.test(line) && !/DownloadCsv\(/.test(line) && !/^\s*(\/\/|<!--)/.test(line))
      .map((line) => `${file}: ${line.trim()}`));
    expect(outside).toEqual([]);
  });
});
