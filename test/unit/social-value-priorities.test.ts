import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/core/config.js";
import { parsePrioritiesFramework } from "../../loaders/social-value/load-priorities.js";

const measure = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: `Measure ${code}`, unit: "people", direction: "higher", ...extra });
const priority = (code: string, measures = [measure(`${code}-M`)]) => ({ code, name: `Priority ${code}`, businessPriority: "A business priority", measures });
const parse = (framework: unknown) => () => parsePrioritiesFramework(JSON.stringify(framework), "priorities.json");

describe("priorities framework", () => {
  it("reads the shipped demo framework: five priorities, ten measures, one proxy value with its source and year", () => {
    const file = join(projectRoot, "data", "demo", "social-value", "priorities.json");
    const framework = parsePrioritiesFramework(readFileSync(file, "utf-8"), file);
    expect(framework.priorities.map((p) => p.code)).toEqual(["P1", "P2", "P3", "P4", "P5"]);
    expect(framework.priorities.flatMap((p) => p.measures)).toHaveLength(10);
    const proxies = framework.priorities.flatMap((p) => p.measures.filter((m) => m.proxy));
    expect(proxies.map((m) => [m.code, m.proxy!.valuePerUnit, m.proxy!.year])).toEqual([["ENV-CO2E", 245, 2021]]);
    expect(proxies[0]!.proxy!.source).toMatch(/gov\.uk/);
    expect(framework).toMatchObject({ maxPriorities: 6, minimumWeightingPercent: 10, reportingFrequency: "quarterly" });
  });

  it("rejects an unknown unit, naming the measure and the units it knows", () => {
    expect(parse({ name: "F", priorities: [priority("P1", [measure("M1", { unit: "smiles" })])] }))
      .toThrow(/priorities\.json: .*priorities\[0\]\.measures\[0\]\.unit: "smiles" is not a known unit \(expected one of people, fte, hours/);
  });

  it("rejects duplicate priority and measure codes, saying where the first one is", () => {
    expect(parse({ name: "F", priorities: [priority("P1", [measure("M1")]), priority("p1", [measure("M1")])] }))
      .toThrow(/priorities\[1\]\.code: priority code "p1" is also used at priorities\[0\].*priorities\[1\]\.measures\[0\]\.code: measure code "M1" is also used at priorities\[0\]\.measures\[0\]/);
  });

  it("rejects more priorities than the configured maximum, or than six by default", () => {
    const seven = Array.from({ length: 7 }, (_, i) => priority(`P${i + 1}`));
    expect(parse({ name: "F", priorities: seven })).toThrow(/7 priorities, more than the maximum of 6 \(maxPriorities, by default\)/);
    expect(parse({ name: "F", maxPriorities: 3, priorities: seven.slice(0, 4) })).toThrow(/4 priorities, more than the maximum of 3 \(maxPriorities\)/);
    expect(parse({ name: "F", maxPriorities: 3, priorities: seven.slice(0, 3) })()).toMatchObject({ maxPriorities: 3 });
  });

  it("collects every problem, and wants a proxy value's source and year", () => {
    const thrown = (() => {
      try {
        parse({ priorities: [{ code: "P1", name: "x", measures: [measure("M1", { direction: "up", proxy: { valuePerUnit: 10 } })] }] })();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(thrown).toContain("name: expected a non-empty string");
    expect(thrown).toContain("priorities[0].businessPriority: expected a non-empty string");
    expect(thrown).toContain('priorities[0].measures[0].direction: expected "higher" or "lower"');
    expect(thrown).toContain("priorities[0].measures[0].proxy.source: expected a non-empty string");
    expect(thrown).toContain("priorities[0].measures[0].proxy.year: required with a proxy value");
  });
});
