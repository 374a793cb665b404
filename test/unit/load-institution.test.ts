import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { institutionFolderFor } from "../../loaders/schema/institution-folder.js";
import { parseInstitution } from "../../loaders/load-institution.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const EXAMPLE = '(expected e.g. {"id": "RWK", "name": "…", "kind": "nhs-trust"})';

describe("parseInstitution", () => {
  it.each([["null", "null"], ["[]", "a list"], ["42", "a number"], ['"RWK"', "a string"]])("refuses %s in words, naming the file", (text, found) => {
    expect(() => parseInstitution(text, "data/trust/institution.json"))
      .toThrow(`data/trust/institution.json: must be a JSON object with "id", "name" and "kind", found ${found} ${EXAMPLE}`);
  });

  it("reads an institution.json saved with a byte-order mark", () => {
    expect(parseInstitution('\uFEFF{"id": "RWK", "name": "A Trust", "kind": "nhs-trust"}', "institution.json").id).toBe("RWK");
  });
});

describe("institutionFolderFor", () => {
  const folder = tempFolder("anchor-spend-institution-");
  afterAll(folder.cleanup);

  it("finds an institution.json with a byte-order mark, and a mapping.json with one", () => {
    mkdirSync(join(folder.path, "bom", "spend"), { recursive: true });
    writeFileSync(join(folder.path, "bom", "institution.json"), '\uFEFF{"id": "BOM", "name": "Bom Trust", "kind": "nhs-trust"}');
    writeFileSync(join(folder.path, "bom", "mapping.json"), '\uFEFF{"columns": {"amount": "Total Paid"}}');
    expect(institutionFolderFor(join(folder.path, "bom", "spend", "april.csv"))).toEqual({
      institutionId: "BOM", folder: join(folder.path, "bom"), mapping: { columns: { amount: "Total Paid" }, vatBasis: null, dateOrder: null },
    });
  });

  it("refuses a folder named institution.json, and a mapping.json holding null, naming each", () => {
    mkdirSync(join(folder.path, "dir", "institution.json"), { recursive: true });
    expect(() => institutionFolderFor(join(folder.path, "dir", "april.csv")))
      .toThrow(`${join(folder.path, "dir", "institution.json")}: is a folder, not a file (expected a JSON file)`);
    mkdirSync(join(folder.path, "null-mapping"));
    writeFileSync(join(folder.path, "null-mapping", "institution.json"), '{"id": "NM", "name": "Trust", "kind": "nhs-trust"}');
    writeFileSync(join(folder.path, "null-mapping", "mapping.json"), "null");
    expect(() => institutionFolderFor(join(folder.path, "null-mapping", "april.csv"))).toThrow(`${join(folder.path, "null-mapping", "mapping.json")}: must be a JSON object`);
  });
});
