// The maps of "What counts as local" on the demo warehouse: the headline definition's seven authorities (City of
// London, Hackney, Newham, Tower Hamlets; Bedford, Central Bedfordshire, Luton: data/demo/definitions) fall in two
// places, so two maps, each shading its own and outlining the neighbours; an ICB definition shades the authorities of
// its two ICBs (the published make-up of NHS North East London and NHS Bedfordshire, Luton and Milton Keynes).
import { beforeAll, describe, expect, it } from "vitest";
import { localDefinitionsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { areaMaps } from "../../src/site/page-data/area-maps.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { demoWarehouse } from "../helpers/demo-site.js";

let warehouse: string;
beforeAll(async () => {
  warehouse = await demoWarehouse();
});

const inFrame = (p: { longitude: number; latitude: number }, [w, s, e, n]: [number, number, number, number]) => p.longitude >= w && p.longitude <= e && p.latitude >= s && p.latitude <= n;

describe("the maps of the local area", () => {
  it("draw the headline definition's area as two maps, East London and Bedfordshire, with neighbours outlined and named", async () => {
    const { areas, locations } = await withWarehouse(warehouse, "read", localDefinitionsSnapshot);
    expect(areas.maps.map((m) => m.title)).toEqual(["City of London, Hackney, Newham and Tower Hamlets", "Bedford, Central Bedfordshire and Luton"]);
    const shaded = areas.maps.map((m) => m.shapes.filter((s) => s.shaded).map((s) => s.code).sort());
    expect(shaded).toEqual([["E09000001", "E09000012", "E09000025", "E09000030"], ["E06000032", "E06000055", "E06000056"]]);
    const outlined = areas.maps.map((m) => m.shapes.filter((s) => !s.shaded).map((s) => s.name));
    expect(outlined[0]).toEqual(expect.arrayContaining(["Islington", "Camden", "Waltham Forest", "Southwark", "Greenwich"]));
    expect(outlined[1]).toEqual(expect.arrayContaining(["Milton Keynes", "North Hertfordshire", "Buckinghamshire"]));
    // Every local supplier is on one of the maps; nothing past a frame is sent.
    const local = locations.filter((l) => l.status === "local");
    expect(local.length).toBeGreaterThan(10);
    for (const point of local) expect(areas.maps.some((m) => inFrame(point, m.frame)), point.supplier).toBe(true);
    for (const map of areas.maps) {
      for (const shape of map.shapes) for (const polygon of shape.geometry.coordinates) for (const ring of polygon) {
        for (const position of ring) expect(inFrame({ longitude: position[0]!, latitude: position[1]! }, [map.frame[0] - 1e-3, map.frame[1] - 1e-3, map.frame[2] + 1e-3, map.frame[3] + 1e-3])).toBe(true);
      }
    }
    // Small enough for the page's 1 MB: boundaries cut to the frames and rounded.
    expect(JSON.stringify(areas).length).toBeLessThan(150_000);
  });

  it("shade an ICB definition's authorities", async () => {
    const areas = await withWarehouse(warehouse, "read", async (w) => {
      const definition = await w.one<{ id: string; version: number; name: string; codes: string[] }>("SELECT definition_id AS id, version, name, codes FROM local_definitions WHERE definition_id = 'icb-footprint'");
      return areaMaps(w, definition, []);
    });
    const shaded = areas.maps.map((m) => m.shapes.filter((s) => s.shaded).map((s) => s.code).sort());
    expect(shaded).toEqual([
      ["E09000001", "E09000002", "E09000012", "E09000016", "E09000025", "E09000026", "E09000030", "E09000031"],
      ["E06000032", "E06000042", "E06000055", "E06000056"],
    ]);
  });
});
