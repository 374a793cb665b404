// The CSV reader's caps (loaders/files/read-csv.ts): a record past MAX_RECORD_CHARS or a cell past
// MAX_CELL_CHARS is refused naming its row, as soon as it is seen (a 200 MB single line took 2 min 45 s and
// 4.0 GB before; that size runs in the long fault run, ANCHOR_SPEND_LONG_FAULTS=1). Files written here.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { MAX_CELL_CHARS, MAX_RECORD_CHARS, streamCsvRecords } from "../../loaders/files/read-csv.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder("anchor-spend-csv-caps-");
afterAll(() => folder.cleanup());

const HEADING = "Date,Supplier,Amount\n";
const LINE = "01/04/2024,Acme Ltd,10.00\n";

async function read(name: string, text: string): Promise<{ rows: number; error: InputError | null }> {
  const path = join(folder.path, name);
  writeFileSync(path, text);
  let rows = 0;
  try {
    await streamCsvRecords(path, "utf-8", () => rows++);
    return { rows, error: null };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { rows, error };
  }
}

describe("CSV caps", () => {
  it("refuses a line longer than the record cap, naming its row, having read the rows before it", async () => {
    const { rows, error } = await read("long-line.csv", `${HEADING}${LINE}01/04/2024,${"x".repeat(MAX_RECORD_CHARS + 10)},1.00\n${LINE}`);
    expect(error?.row).toBe(3);
    expect(error?.problem).toMatch(/longer than 32 MB .* in one line or record/);
    expect(rows).toBeLessThanOrEqual(2);
  });

  it("refuses a line with no line break at all (one line of a whole file)", async () => {
    const { error } = await read("one-line.csv", "y".repeat(MAX_RECORD_CHARS + 1));
    expect(error?.row).toBe(1);
  });

  it("refuses a quoted record whose line breaks keep every line short but the record past the cap", async () => {
    const cell = `"${`${"z".repeat(99)}\n`.repeat(Math.ceil(MAX_RECORD_CHARS / 100) + 1)}"`;
    const { error } = await read("long-record.csv", `${HEADING}${LINE}${LINE}01/04/2024,${cell},1.00\n`);
    expect(error?.row).toBe(4);
  });

  it("refuses a cell longer than the cell cap in a line under the record cap, naming row and cell", async () => {
    const { error } = await read("long-cell.csv", `${HEADING}01/04/2024,"${"c".repeat(MAX_CELL_CHARS + 1)}",1.00\n${LINE}`);
    expect(error?.row).toBe(2);
    expect(error?.problem).toMatch(/^cell 2 is longer than 16 MB/);
  });

  it("reads a file longer than the record cap made of short lines, every one", async () => {
    const lines = Math.ceil((MAX_RECORD_CHARS * 1.25) / LINE.length);
    const { rows, error } = await read("many-lines.csv", `${HEADING}${LINE.repeat(lines)}`);
    expect(error).toBeNull();
    expect(rows).toBe(lines + 1);
  });

  it("reads a 10 MB cell and the rows after it", async () => {
    const { rows, error } = await read("ten-mb.csv", `${HEADING}01/04/2024,"${"n".repeat(10 * 1024 * 1024)}",1.00\n${LINE}${LINE}`);
    expect(error).toBeNull();
    expect(rows).toBe(4);
  });
});
