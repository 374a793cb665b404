import { describe, expect, it } from "vitest";
import { MAX_AREA_DEPTH, parseLocalDefinition } from "../../geo/definition-spec.js";

const base = { id: "own", version: 1, name: "Own", description: "test", basis: "registered" };

describe("parseLocalDefinition", () => {
  it("accepts each kind with its parameters", () => {
    const areas = [
      { kind: "local-authorities", codes: ["E09000030"] },
      { kind: "icb", codes: ["E54000029"] },
      { kind: "postcode-prefixes", prefixes: ["E", "E1", "EC1A", "E1 6"] },
      { kind: "radius", sites: ["E1 8DE"], distance: 5, unit: "miles" },
      { kind: "polygon", file: "boundary.geojson" },
      { kind: "deprivation", index: "IoD2025", maxDecile: 2, within: { kind: "local-authorities", codes: ["E09000030"] } },
      { kind: "union", of: [{ kind: "icb", codes: ["E54000029"] }, { kind: "postcode-prefixes", prefixes: ["LU1"] }] },
      { kind: "intersection", of: [{ kind: "icb", codes: ["E54000029"] }, { kind: "deprivation", index: "IoD2019", domain: "health", maxDecile: 3 }] },
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

  it("a deprivation definition names its index and edition, and a domain the indices publish", () => {
    expect(parseLocalDefinition({ ...base, kind: "deprivation", maxDecile: 2 }).problems)
      .toEqual(['definition.index: expected the index and edition, one of "IoD2025", "IoD2019", found nothing']);
    expect(parseLocalDefinition({ ...base, kind: "deprivation", index: "IMD", maxDecile: 2 }).problems[0]).toMatch(/^definition.index: expected .*found "IMD"/);
    expect(parseLocalDefinition({ ...base, kind: "deprivation", index: "IoD2025", domain: "wealth", maxDecile: 2 }).problems)
      .toEqual(['definition.domain: expected one of "imd", "income", "employment", "education", "health", "crime", "barriers", "living-environment", found "wealth"']);
    const { definition } = parseLocalDefinition({ ...base, kind: "deprivation", index: "IoD2025", maxDecile: 2 });
    expect(definition?.area).toEqual({ kind: "deprivation", index: "IoD2025", domain: "imd", maxDecile: 2 });
  });

  it("refuses unknown kinds and bases", () => {
    expect(parseLocalDefinition({ ...base, kind: "county", codes: [] }).problems[0]).toMatch(/^definition.kind: expected one of local-authorities, bordering-authorities, icb/);
    expect(parseLocalDefinition({ ...base, basis: "head office", kind: "icb", codes: ["E54000029"] }).problems[0]).toMatch(/^basis: expected one of registered, trading, delivery, operations, any/);
  });

  it("refuses areas nested past the depth limit in words (not a stack overflow), and accepts them at the limit", () => {
    const icb = { kind: "icb", codes: ["E54000029"] };
    const nest = (depth: number): Record<string, unknown> => (depth === 0 ? icb : { kind: "union", of: [nest(depth - 1), icb] });
    expect(parseLocalDefinition({ ...base, ...nest(MAX_AREA_DEPTH) }).problems).toEqual([]);
    const { definition, problems } = parseLocalDefinition({ ...base, ...nest(MAX_AREA_DEPTH + 1) });
    expect(definition).toBeUndefined();
    expect(problems).toEqual([`definition${".of[0]".repeat(MAX_AREA_DEPTH)}: areas nested more than ${MAX_AREA_DEPTH} deep (expected at most ${MAX_AREA_DEPTH} levels of union, intersection and within)`]);
    // Built as text: 5,000 levels would overflow the stack of any recursive builder.
    const deep = JSON.parse(`${'{"kind":"union","of":['.repeat(5000)}{"kind":"icb","codes":["E54000029"]}${',{"kind":"icb","codes":["E54000029"]}]}'.repeat(5000)}`) as object;
    expect(parseLocalDefinition({ ...base, ...deep }).problems[0]).toContain("nested more than");
  });

  it("quotes the first few of many bad values and counts the rest", () => {
    const codes = Array.from({ length: 20_000 }, (_, i) => `X${i}`);
    const { problems } = parseLocalDefinition({ ...base, kind: "local-authorities", codes });
    expect(problems).toEqual(['definition.codes: expected local authority codes (e.g. E09000030) only, found ["X0","X1","X2","X3","X4", … and 19,995 more]']);
  });

  it("lists the first ten problems and counts the rest", () => {
    const of = Array.from({ length: 25 }, () => ({ kind: "icb", codes: ["bad"] }));
    const { problems } = parseLocalDefinition({ ...base, kind: "union", of });
    expect(problems).toHaveLength(11);
    expect(problems[9]).toBe('definition.of[9].codes: expected ICB codes (e.g. E54000029) only, found ["bad"]');
    expect(problems[10]).toBe("… and 15 more problems");
  });

  it("quotes a long or unprintable value short and printable", () => {
    const { problems } = parseLocalDefinition({ ...base, id: `\u001b[2J${"x".repeat(5000)}` });
    expect(problems[0]!.length).toBeLessThan(300);
    expect(problems[0]).not.toMatch(/[\u0000-\u001f]/);
  });
});
