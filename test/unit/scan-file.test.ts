// scanFile reads a file in 1 MB chunks: what it finds must not depend on where a chunk ends. The files are
// written by the test, with the character under test placed across the first chunk boundary.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { completeUtf8Length, scanFile } from "../../loaders/files/scan-file.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const CHUNK = 1 << 20;
const folder = tempFolder("anchor-spend-scan-");
afterAll(() => folder.cleanup());

/** ASCII filler, then `bytes` starting `offset` bytes before the first chunk boundary, then more filler. */
function straddling(name: string, bytes: number[], offset: number): string {
  const path = join(folder.path, name);
  const filler = Buffer.alloc(CHUNK - offset, "a");
  writeFileSync(path, Buffer.concat([filler, Buffer.from(bytes), Buffer.from("\nb,c\n")]));
  return path;
}

describe("scanFile across chunk boundaries", () => {
  it.each([1, 2, 3])("reads a 4-byte UTF-8 character cut %i byte(s) into the boundary as UTF-8", async (offset) => {
    const scan = await scanFile(straddling(`emoji-${offset}.csv`, [0xf0, 0x9f, 0x98, 0x80], offset));
    expect(scan.encoding).toBe("utf-8");
    expect(scan.lines).toBe(2);
  });

  it("reads a £ in Windows-1252 (a lone 0xA3) at the boundary as Windows-1252", async () => {
    expect((await scanFile(straddling("pound.csv", [0xa3, 0x31], 1))).encoding).toBe("windows-1252");
  });

  it("finds a no-break space cut by the boundary, and none in plain text", async () => {
    expect((await scanFile(straddling("nbsp.csv", [0xc2, 0xa0], 1))).unusualWhitespace).toBe(true);
    expect((await scanFile(straddling("plain.csv", [0x20, 0x41], 1))).unusualWhitespace).toBe(false);
  });

  it("refuses as UTF-8 a file ending inside a character", async () => {
    const path = join(folder.path, "cut.csv");
    writeFileSync(path, Buffer.from([0x61, 0xe2, 0x82]));
    expect((await scanFile(path)).encoding).toBe("windows-1252");
  });
});

describe("completeUtf8Length", () => {
  it.each([
    [[0x61, 0x62], 2],
    [[0x61, 0xc2], 1],
    [[0x61, 0xc2, 0xa3], 3],
    [[0x61, 0xe2, 0x82], 1],
    [[0xf0, 0x9f, 0x98], 0],
    [[0xf0, 0x9f, 0x98, 0x80], 4],
  ])("%j has %i whole bytes", (bytes, whole) => {
    expect(completeUtf8Length(Buffer.from(bytes))).toBe(whole);
  });
});
