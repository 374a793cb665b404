import { describe, expect, it } from "vitest";
import { parseLocalDefinition } from "../../geo/definition-spec.js";

const base = { id: "own", version: 1, name: "Own", description: "test", basis: "registered" };

describe("parseLocalDefinition", () => {
  it("accepts each kind with its parameters", () => {
    const areas = [
      { kind: "local-authorities", codes: ["E09000030"] },
      { kind: "icb", codes: ["E54000029"] },
      { kind: "postcode-prefixes", prefixes: ["E", "E1", "EC1A", "E1 6"] },
      { kind: "radius", sites: ["E1 8DE"], distance: 5, unit: "miles" },
      { kind: "polygon", file: "boundary.geojson" },
      { kind: "deprivation", maxDecile: 2, within: { kind: "local-authorities", codes: ["E09000030"] } },
      { kind: "union", of: [{ kind: "icb", codes: ["E54000029"] }, { kind: "postcode-prefixes", prefixes: ["LU1"] }] },
      { kind: "intersection", of: [{ kind: "icb", codes: ["E54000029"] }, { kind: "deprivation", maxDecile: 3 }] },
    ];
    for (const area of areas) {
      const { definition, problems } = parseLocalDefinition({ ...base, ...area });
      expect(problems, area.kind).toEqual([]);
      expect(definition?.area.kind).toBe(area.kind);
    }
  });

  it("names the field and what was expected, for every problem", () => {
    const { definition, problems } = parseLocalDefinition({ ...base, id: "Bad Id", version: 0, kind: "local-authorities", codes: ["E09000030", "nope"] });
    expect(definition).toBeUndefined();
    expect(problems).toEqual([
      'id: expected kebab-case (a-z, 0-9, -), found "Bad Id"',
      "version: expected a whole number ≥ 1, found 0",
      'definition.codes: expected local authority codes (e.g. E09000030) only, found ["nope"]',
    ]);
  });

  it("checks nested areas with their path", () => {
    const { problems } = parseLocalDefinition({ ...base, kind: "union", of: [{ kind: "icb", codes: ["E09000030"] }, { kind: "radius", sites: ["E1 8DE"], distance: -1 }] });
    expect(problems).toEqual([
      'definition.of[0].codes: expected ICB codes (e.g. E54000029) only, found ["E09000030"]',
      "definition.of[1].distance: expected a positive number, found -1",
    ]);
  });

  it("refuses unknown kinds and bases", () => {
    expect(parseLocalDefinition({ ...base, kind: "county", codes: [] }).problems[0]).toMatch(/^definition.kind: expected one of local-authorities, icb/);
    expect(parseLocalDefinition({ ...base, basis: "head office", kind: "icb", codes: ["E54000029"] }).problems[0]).toMatch(/^basis: expected one of registered, trading, delivery, any/);
  });
});
