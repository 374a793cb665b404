import { describe, expect, it } from "vitest";
import { parseLocalDefinition } from "../../geo/local-definition.js";

const valid = {
  id: "own-local-authorities", version: 1, name: "Our authorities", kind: "local-authorities", basis: "registered",
  description: "test", codes: ["E09000030", "E06000032"],
};

describe("parseLocalDefinition", () => {
  it("accepts a well-formed definition", () => {
    const { definition, problems } = parseLocalDefinition(valid);
    expect(problems).toEqual([]);
    expect(definition).toMatchObject({ id: "own-local-authorities", version: 1, codes: ["E09000030", "E06000032"], headline: false });
  });

  it("lists every problem, not only the first", () => {
    const { definition, problems } = parseLocalDefinition({ ...valid, id: "Bad Id", version: 0, codes: ["E09000030", "nope"] });
    expect(definition).toBeUndefined();
    expect(problems).toHaveLength(3);
    expect(problems.join(" ")).toContain('"nope"');
  });

  it("refuses kinds and bases it does not know or cannot classify yet", () => {
    expect(parseLocalDefinition({ ...valid, kind: "radius" }).problems[0]).toContain("kind");
    expect(parseLocalDefinition({ ...valid, basis: "delivery" }).problems[0]).toContain("not supported yet");
  });

  it("checks codes against the kind", () => {
    expect(parseLocalDefinition({ ...valid, kind: "icb", codes: ["E09000030"] }).problems[0]).toContain("not icb codes");
    expect(parseLocalDefinition({ ...valid, kind: "postcode-districts", codes: ["E1", "WC1A"] }).problems).toEqual([]);
  });
});
