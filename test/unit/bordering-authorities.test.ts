// Which authorities border Tower Hamlets, from the boundaries the demo ships (ONS LAD May 2024, super generalised
// and clipped: the Thames is cut out of them), against an answer written by hand from the legal boundaries:
// Tower Hamlets borders Hackney and the City of London on land, Newham across the River Lea, and, across the
// Thames where the boundary runs mid-river, Southwark (Rotherhithe), Lewisham (Deptford) and Greenwich. It does
// not border Islington: the two come within about 460 m at Shoreditch, a corner, with Hackney between them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { borderingAuthorities } from "../../geo/bordering-authorities.js";
import { parseDefinitionsFile } from "../../loaders/definitions/load-definitions.js";

const SHIPPED = "data/demo/definitions/lad-2024-own-and-bordering.geojson";
const boundaries = JSON.parse(readFileSync(SHIPPED, "utf-8")) as unknown;
const HAND_ANSWER = {
  E09000001: "City of London", E09000012: "Hackney", E09000025: "Newham",
  E09000028: "Southwark", E09000023: "Lewisham", E09000011: "Greenwich",
};

describe("bordering authorities", () => {
  it("finds Tower Hamlets' neighbours on land and across the Thames from the shipped boundaries", () => {
    const { neighbours, missing } = borderingAuthorities(boundaries, ["E09000030"]);
    console.info(`Tower Hamlets borders, from ${SHIPPED}: ${neighbours.map((n) => `${n.name} (${n.sharedMetres} m)`).join(", ")}`);
    expect(missing).toEqual([]);
    expect(Object.fromEntries(neighbours.map((n) => [n.code, n.name]))).toEqual(HAND_ANSWER);
  });

  it("with a tolerance of 50 m (generalisation slop only), the neighbours across the Thames are lost: the tolerance is what bridges the river", () => {
    const touching = borderingAuthorities(boundaries, ["E09000030"], { toleranceMetres: 50, minimumSharedMetres: 500 });
    // Across the Thames the clipped boundaries do not touch: only the land and Lea neighbours remain.
    expect(touching.neighbours.map((n) => n.name).sort()).toEqual(["City of London", "Hackney", "Newham"]);
  });

  it("names codes the boundaries do not hold", () => {
    expect(borderingAuthorities(boundaries, ["E09000030", "E08000003"]).missing).toEqual(["E08000003"]);
  });

  it("the shipped definition pair lists the same area, registered office against operations", () => {
    const [registered] = parseDefinitionsFile(readFileSync("data/demo/definitions/local-area-2026-registered.json", "utf-8"), "data/demo/definitions/local-area-2026-registered.json");
    const [operations] = parseDefinitionsFile(readFileSync("data/demo/definitions/local-area-2026-operations.json", "utf-8"), "data/demo/definitions/local-area-2026-operations.json");
    expect([registered!.basis, operations!.basis]).toEqual(["registered", "operations"]);
    expect(registered!.area).toEqual(operations!.area);
    const names = registered!.area.kind === "bordering-authorities" ? registered!.area.neighbours!.map((n) => n.code) : [];
    expect(names).toEqual(expect.arrayContaining(["E09000028", "E09000023", "E09000011", "E06000042"]));
  });
});
