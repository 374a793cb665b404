import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { findUnclosedQuote, scanReferenceLines, stageReferenceCsv } from "../../loaders/reference/stage-reference-csv.js";
import { InputError } from "../../src/core/errors.js";
import { tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

const folder = tempFolder("anchor-spend-reference-");
afterAll(folder.cleanup);
const file = (name: string, bytes: string | Buffer) => {
  const path = join(folder.path, name);
  writeFileSync(path, bytes);
  return path;
};

async function staged(path: string, headerIndex: number, columns: number): Promise<{ row_number: number; c0: string | null }[]> {
  return withTempWarehouse(async (warehouse) => {
    const lines = await stageReferenceCsv(warehouse, path, headerIndex, columns);
    return (await warehouse.all<{ row_number: number; c0: string | null }>(`SELECT ${lines.line("s.rowid")}::INTEGER AS row_number, c0 FROM staged_reference s ORDER BY s.rowid`))
      .map(({ row_number, c0 }) => ({ row_number: Number(row_number), c0 }));
  });
}

describe("stageReferenceCsv", () => {
  // Line numbers as an editor shows them: the heading is line 2 below (after one blank line).
  const text = "\npcds,lat\nA,1\n\nB,2\n\n\nC,3\n  ,4\nD,5\n";
  const expected = [{ row_number: 3, c0: "A" }, { row_number: 5, c0: "B" }, { row_number: 8, c0: "C" }, { row_number: 9, c0: "  " }, { row_number: 10, c0: "D" }];

  it("numbers rows by their line in the file, blank lines counted", async () => {
    expect(await staged(file("blank.csv", text), 1, 2)).toEqual(expected);
    expect(await staged(file("blank-crlf.csv", text.replace(/\n/g, "\r\n")), 1, 2)).toEqual(expected);
    expect(await staged(file("blank.csv.gz", gzipSync(text)), 1, 2)).toEqual(expected);
    expect(await staged(file("no-blank.csv", "pcds,lat\nA,1\nB,2\n"), 0, 2)).toEqual([{ row_number: 2, c0: "A" }, { row_number: 3, c0: "B" }]);
  });

  it("reads a Windows-1252 file as the characters it holds", async () => {
    const path = file("cp1252.csv", Buffer.concat([Buffer.from("pcds,ward\n"), Buffer.from([0x42, 0xe9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94]), Buffer.from(",x\n")]));
    expect(await staged(path, 0, 2)).toEqual([{ row_number: 2, c0: "Bé € “q”" }]);
  });

  it("refuses a quote never closed in words, naming the row", async () => {
    const path = file("quote.csv", 'pcds,lat\nE1 8DN,51.5\n"E1 8DP,51.5\nE1 8DQ,51.5\n');
    const error = await withTempWarehouse((warehouse) => stageReferenceCsv(warehouse, path, 0, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: a quote \\(\\"\\) is opened and not closed before the end of the line`));
  });
});

describe("scanReferenceLines and findUnclosedQuote", () => {
  it("find blank lines after the heading, invalid UTF-8, and the line of an unclosed quote", async () => {
    expect(await scanReferenceLines(file("scan.csv", "\n\nh\n\nx\n\r\ny\n\n"), 3)).toEqual({ blankLines: [4, 6, 8], utf8: true });
    expect((await scanReferenceLines(file("latin.csv", Buffer.from([0x68, 0x0a, 0xe9, 0x0a])), 1)).utf8).toBe(false);
    expect(await findUnclosedQuote(file("q1.csv", 'a,"b"\n"c""d",e\nf,"g\nh\n'))).toBe(3);
    expect(await findUnclosedQuote(file("q2.csv", 'a,"b"\n"c""d",e\n'))).toBeNull();
  });
});
