// When DuckDB's CSV reader may read a spend file (loaders/spend/stage-spend-csv.ts), and when the file is left to
// the streaming reader because DuckDB would read it differently. Each file here is written by the test.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SPEND_FIELDS } from "../../loaders/schema/column-synonyms.js";
import { tableSource } from "../../loaders/files/read-table.js";
import { headingsIn, readDetectionHead } from "../../loaders/schema/detect-kind.js";
import { holdsUnusualWhitespace, scanFile } from "../../loaders/files/scan-file.js";
import { dropStagedSpend, stageOtherCells, stageSpendCsv } from "../../loaders/spend/stage-spend-csv.js";
import { warehouseForTests } from "../helpers/temp-warehouse.js";

const HEADING = "Date,Expense Type,Supplier,Amount";
const LINE = "01/04/2024,Catering,Acme Ltd,£1.00";

describe("stageSpendCsv", () => {
  const temp = warehouseForTests("anchor-spend-stage-");

  async function stage(name: string, content: string | Buffer) {
    const path = join(temp.folder, name);
    writeFileSync(path, content);
    const source = tableSource(path, await scanFile(path));
    const head = await readDetectionHead(source);
    return stageSpendCsv(temp.warehouse, source, { kind: "spend", head, headings: headingsIn(head, SPEND_FIELDS) });
  }

  it("stages a plain file below its title, numbering rows as the file does", async () => {
    const staged = await stage("plain.csv", `"Spend over £25,000 - April"\n${HEADING}\n${LINE}\n  ${LINE.replace("Acme", "Beta")}  \n`);
    expect(staged?.headerRow).toBe(2);
    const rows = await temp.warehouse.all<{ c2: string; c3: string }>(`SELECT c2, c3 FROM ${staged!.table} ORDER BY rowid`);
    expect(rows).toEqual([{ c2: "Acme Ltd", c3: "£1.00" }, { c2: "Beta Ltd", c3: "£1.00" }]);
  });

  it("keeps only the cells the insert reads, and reads the others again, line for line, when they are wanted", async () => {
    const staged = await stage("unread.csv", `Entity,Date,Expense Type,Supplier,Note,Amount\nE1,01/04/2024,Catering,Acme Ltd, first ,£1.00\nE2,02/04/2024,Catering,Beta Ltd,,2.00\n`);
    const columns = await temp.warehouse.all<{ name: string }>(`SELECT name FROM pragma_table_info('${staged!.table}') ORDER BY cid`);
    expect(columns.map((column) => column.name)).toEqual(["c1", "c2", "c3", "c5", "amount_sql"]);
    const everyCell = await stageOtherCells(temp.warehouse, staged!);
    expect(await temp.warehouse.all(`SELECT s.rowid::INTEGER AS line, c0, c1, c4, c5 FROM ${everyCell} ORDER BY s.rowid`)).toEqual([
      { line: 0, c0: "E1", c1: "01/04/2024", c4: "first", c5: "£1.00" }, { line: 1, c0: "E2", c1: "02/04/2024", c4: "", c5: "2.00" }]);
    await dropStagedSpend(temp.warehouse, staged!.table);
  });

  it("gives no cells read again from a file that has changed since it was staged (it is then streamed)", async () => {
    const staged = await stage("changed.csv", `Entity,${HEADING}\nE1,${LINE}\n`);
    writeFileSync(join(temp.folder, "changed.csv"), `Entity,${HEADING}\nE1,${LINE}\nE2,${LINE}\n`);
    expect(await stageOtherCells(temp.warehouse, staged!)).toBeNull();
    writeFileSync(join(temp.folder, "changed.csv"), "");
    expect(await stageOtherCells(temp.warehouse, staged!)).toBeNull();
    await dropStagedSpend(temp.warehouse, staged!.table);
  });

  it("trims all white space, as JavaScript does, where the file holds more than spaces", async () => {
    const staged = await stage("nbsp.csv", `${HEADING}\n01/04/2024,Catering,\u00a0Acme Ltd\t,1.00\n`);
    expect(staged).not.toBeNull();
    expect(await temp.warehouse.all(`SELECT c2 FROM ${staged!.table}`)).toEqual([{ c2: "Acme Ltd" }]);
  });

  it.each([
    ["a blank line between rows (DuckDB skips it: row numbers would shift)", `${HEADING}\n${LINE}\n\n${LINE}\n`],
    ["a cell holding a line break", `${HEADING}\n01/04/2024,Catering,"Acme\nLtd",1.00\n${LINE}\n`],
    ["a row with more cells than headings", `${HEADING}\n${LINE},extra\n`],
    ["a row with fewer cells than headings (a note)", `${HEADING}\n${LINE}\nTotal\n`],
    ["text after a closing quote", `${HEADING}\n01/04/2024,Catering,"Acme" Ltd,1.00\n`],
    ["a blank line above the heading", `Spend\n\n${HEADING}\n${LINE}\n`],
    ["lines ended by CR alone", `${HEADING}\r${LINE}\r`],
    ["no heading row", `${LINE}\n${LINE}\n`],
  ])("leaves a file with %s to the streaming reader", async (_what, content) => {
    expect(await stage(`${_what.length}.csv`, content)).toBeNull();
  });

  it("leaves a Windows-1252 file to the streaming reader", async () => {
    expect(await stage("cp1252.csv", Buffer.from(`${HEADING}\n01/04/2024,Caf\xe9,Acme Ltd,\xa31.00\n`, "latin1"))).toBeNull();
  });
});

describe("holdsUnusualWhitespace", () => {
  it.each([
    ["a tab", "a\tb", true],
    ["a no-break space", "a\u00a0b", true],
    ["a thin space", "a\u2009b", true],
    ["an ideographic space", "a\u3000b", true],
    ["a lone carriage return", "a\rb", true],
    ["CR LF line ends only", "a,b\r\nc,d\r\n", false],
    ["curly quotes and dashes (not white space)", "‘a’ – “b” — …", false],
    ["plain spaces", "a b  c", false],
  ])("%s: %s", (_what, text, expected) => {
    expect(holdsUnusualWhitespace(Buffer.from(text, "utf-8"))).toBe(expected);
  });
});
