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

  it("reads withholdIndividuals as true or false (false when absent), and refuses anything else in words", () => {
    const base = '"id": "RWK", "name": "A Trust", "kind": "nhs-trust"';
    expect(parseInstitution(`{${base}}`, "institution.json").withholdIndividuals).toBe(false);
    expect(parseInstitution(`{${base}, "withholdIndividuals": true}`, "institution.json").withholdIndividuals).toBe(true);
    expect(() => parseInstitution(`{${base}, "withholdIndividuals": "yes"}`, "institution.json"))
      .toThrow('"withholdIndividuals" must be true or false, found "yes"');
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
      institutionId: "BOM", folder: join(folder.path, "bom"), mapping: { columns: { amount: "Total Paid" }, vatBasis: null, dateOrder: null, period: null, replaces: {} },
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

  it("reads mapping.json's period and replaces, and refuses them in words when malformed", () => {
    const trust = join(folder.path, "periods");
    mkdirSync(trust);
    writeFileSync(join(trust, "institution.json"), '{"id": "P", "name": "Council", "kind": "council"}');
    const mappingFile = join(trust, "mapping.json");
    writeFileSync(mappingFile, '{"period": {"payments.csv": "2011-01"}, "replaces": {"v2.csv": "v1.csv"}}');
    expect(institutionFolderFor(join(trust, "payments.csv"))!.mapping).toMatchObject({ period: { "payments.csv": "2011-01" }, replaces: { "v2.csv": "v1.csv" } });
    writeFileSync(mappingFile, '{"period": "January 2011"}');
    expect(() => institutionFolderFor(join(trust, "payments.csv"))).toThrow(`${mappingFile}:period: "period" must be a month written YYYY-MM, e.g. "2011-01", or an object of file name → month`);
    writeFileSync(mappingFile, '{"period": {"payments.csv": "2011-13"}}');
    expect(() => institutionFolderFor(join(trust, "payments.csv"))).toThrow(`"period.payments.csv" must be a month written YYYY-MM`);
    writeFileSync(mappingFile, '{"replaces": ["v1.csv"]}');
    expect(() => institutionFolderFor(join(trust, "payments.csv"))).toThrow(`"replaces" must be an object of file name → the name of the earlier file it re-publishes`);
  });
});
