import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText } from "../../loaders/files/decode-text.js";
import { parseJsonText, readJsonFile } from "../../loaders/files/read-json.js";
import { InputError } from "../../src/core/errors.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\uFEFF]/u;

function refusal(work: () => unknown): InputError {
  try {
    work();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("not refused");
}

describe("decodeText", () => {
  it("reads Windows-1252 bytes 0x80–0x9F as the characters they stand for (€ ‘ ’ – —), not as control characters", () => {
    expect(decodeText(Uint8Array.from([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xa3, 0xe9]), "windows-1252")).toBe("€‘’“”–—£é");
  });

  it("drops a UTF-8 byte-order mark", () => {
    expect(decodeText(Buffer.from("\uFEFF{\"a\":1}"), "utf-8")).toBe("{\"a\":1}");
  });
});

describe("parseJsonText", () => {
  it("parses JSON with or without a byte-order mark", () => {
    expect(parseJsonText("\uFEFF{\"id\":\"RWK\"}", "institution.json")).toEqual({ id: "RWK" });
    expect(parseJsonText("null", "institution.json")).toBeNull();
  });

  it("refuses text that is not JSON naming the file and where it stopped, quoting none of its bytes", () => {
    const binary = refusal(() => parseJsonText("\u0000\u0000'\n shapefile", "area.geojson"));
    expect(binary.message).toMatch(/^area\.geojson: is not valid JSON \(unexpected character U\+0000 at line 1, column 1\)$/);
    expect(UNPRINTABLE.test(binary.message)).toBe(false);
    const yaml = refusal(() => parseJsonText("id: RWK\nname: x", "institution.json"));
    expect(yaml.message).toBe('institution.json: is not valid JSON (unexpected character "i" at line 1, column 1)');
    expect(refusal(() => parseJsonText("{\"a\": 1,\n\"b\" 2}", "m.json")).message).toMatch(/at line 2, column 5\)$/);
    expect(refusal(() => parseJsonText("{\"a\": ", "m.json")).message).toContain("ends before the JSON is complete");
    expect(refusal(() => parseJsonText("  ", "m.json")).message).toContain("is empty");
  });
});

describe("readJsonFile", () => {
  const folder = tempFolder("anchor-spend-json-");
  afterAll(folder.cleanup);

  it("reads a file saved with a byte-order mark, and one in Windows-1252", () => {
    writeFileSync(join(folder.path, "bom.json"), "\uFEFF{\"name\":\"Bow\"}");
    writeFileSync(join(folder.path, "cp1252.json"), Buffer.from([...Buffer.from("{\"name\":\"Bow "), 0x96, ...Buffer.from(" Poplar\"}")]));
    expect(readJsonFile(join(folder.path, "bom.json"))).toEqual({ name: "Bow" });
    expect(readJsonFile(join(folder.path, "cp1252.json"))).toEqual({ name: "Bow – Poplar" });
  });

  it("refuses a folder in words, naming it (the error code stays in the cause)", () => {
    mkdirSync(join(folder.path, "institution.json"));
    const error = refusal(() => readJsonFile(join(folder.path, "institution.json")));
    expect(error.message).toBe(`${join(folder.path, "institution.json")}: is a folder, not a file (expected a JSON file)`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe("EISDIR");
  });
});
