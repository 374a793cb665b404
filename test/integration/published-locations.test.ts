// Issue 18, point 4: register postcodes must not be recoverable from the public site's supplier locations
// (local-definitions.json, and the page's supplier-locations.csv made from it). The shipped reference is read
// here on its own (data/demo/reference: the Code-Point directory of the demo's area and the GB sector and district
// centroids derived from Code-Point, with how many postcodes each is the mean of; see data/demo/PROVENANCE.md).
// Two checks, each of which the earlier points (a register postcode's position to 3 decimals) failed:
//  1. every published point stands for an area of at least 10 unit postcodes: it is the centroid of a sector or
//     district that the shipped centroid files say holds 10 or more, so it says "one of these 10+", never one;
//  2. the attack recovers no register postcode: a supplier whose point lies in a 3-decimal cell (about
//     110 m × 70 m) holding exactly one unit postcode of the directory, that postcode being the one in the demo's
//     register (data/demo/suppliers.csv). (A centroid may fall in a sparse cell by chance: its one postcode is then
//     someone else's, which is why the attack is checked against the register, and check 1 is the guarantee.)
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { localDefinitionsSnapshot, supplierPoints } from "../../src/site/page-data/site-snapshots.js";
import { resolveScope } from "../../src/model/metrics.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { demoWarehouse } from "../helpers/demo-site.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const reference = (file: string) => gunzipSync(readFileSync(`data/demo/reference/${file}`)).toString("utf-8").trimEnd().split("\n");
/** A CSV line of the reference files (quoted fields hold commas only in names, after the columns used here). */
const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, ""));

function centroids(file: string, codeColumn: string, countColumn: string): Map<string, { latitude: number; longitude: number; postcodes: number }> {
  const [heading, ...lines] = reference(file);
  const names = cells(heading!);
  const at = (name: string) => names.indexOf(name);
  return new Map(lines.map((line) => {
    const row = cells(line);
    return [row[at(codeColumn)]!, { latitude: Number(row[at("lat")]), longitude: Number(row[at("lon")]), postcodes: Number(row[at(countColumn)]) }];
  }));
}

const cell3 = (latitude: number, longitude: number) => `${latitude.toFixed(3)},${longitude.toFixed(3)}`;

let points: { supplier: string; latitude: number; longitude: number; shownAt: string }[];
beforeAll(async () => {
  const snapshot = await withWarehouse(await demoWarehouse(), "read", (warehouse) => localDefinitionsSnapshot(warehouse));
  points = snapshot.locations as typeof points;
}, 300_000);

describe("supplier locations on the public site (issue 18, point 4)", () => {
  const sectors = centroids("postcode-sector-centroids-gb-codepoint2025.csv.gz", "sector", "postcodes");
  const districts = centroids("postcode-district-centroids-gb-codepoint2025.csv.gz", "district", "postcodes_with_coords");
  const [heading, ...units] = reference("postcodes-nel-blmk-codepoint2025.csv.gz");
  const names = cells(heading!);
  const directory = units.map((line) => {
    const row = cells(line);
    return { postcode: row[names.indexOf("postcode")]!, latitude: Number(row[names.indexOf("lat")]), longitude: Number(row[names.indexOf("lon")]) };
  });

  it("shows the demo's located suppliers", () => {
    // The 71 suppliers the earlier code showed at their own postcodes (the demo's located, paid in the headline
    // period) are all still shown: none is in a sector and district both under 10 postcodes.
    expect(points).toHaveLength(71);
    for (const point of points) expect(["sector", "district"]).toContain(point.shownAt);
  });

  const smallAreas = (shown: typeof points) => shown.map((point) => {
    const areas = [...sectors.values(), ...districts.values()].filter((area) => cell3(area.latitude, area.longitude) === cell3(point.latitude, point.longitude));
    return { supplier: point.supplier, postcodes: Math.max(0, ...areas.map((area) => area.postcodes)) };
  }).filter(({ postcodes }) => postcodes < 10);

  it("puts every point at the centroid of a sector or district of 10 or more unit postcodes", () => {
    expect(smallAreas(points)).toEqual([]);
  });

  it("counts the loaded directory's postcodes for centroids loaded before their counts were kept (schema 10)", async () => {
    const folder = tempFolder();
    try {
      const copy = join(folder.path, "old-centroids.duckdb");
      copyFileSync(await demoWarehouse(), copy);
      const shown = await withWarehouse(copy, "write", async (warehouse) => {
        await warehouse.run("UPDATE postcode_areas SET postcodes = NULL");
        return (await localDefinitionsSnapshot(warehouse)).locations as typeof points;
      });
      expect(shown.length).toBeGreaterThan(0);
      expect(smallAreas(shown)).toEqual([]);
    } finally {
      folder.cleanup();
    }
  });

  it("past the largest suppliers listed, sums the rest by place and class (still at centroids of 10+ postcodes)", async () => {
    const all = points as Awaited<ReturnType<typeof supplierPoints>>;
    const capped = await withWarehouse(await demoWarehouse(), "read", async (warehouse) => supplierPoints(warehouse, await resolveScope(warehouse), 10));
    // The demo's 71 are fewer than the page lists: every one is its own point.
    expect(all.every((point) => !point.grouped && point.suppliers === 1)).toBe(true);
    expect(capped.filter((point) => !point.grouped)).toEqual(all.slice(0, 10));
    // The other 61, grouped here by place and class from the full list, are the grouped points.
    const expected = new Map<string, { spend: number; suppliers: number }>();
    for (const point of all.slice(10)) {
      const key = `${point.latitude},${point.longitude},${point.shownAt},${point.status}`;
      const sum = expected.get(key) ?? { spend: 0, suppliers: 0 };
      expected.set(key, { spend: sum.spend + point.spend, suppliers: sum.suppliers + 1 });
    }
    const grouped = capped.filter((point) => point.grouped);
    expect(grouped.length).toBe(expected.size);
    for (const point of grouped) {
      const sum = expected.get(`${point.latitude},${point.longitude},${point.shownAt},${point.status}`)!;
      expect(point.suppliers).toBe(sum.suppliers);
      expect(point.spend).toBeCloseTo(sum.spend, 2);
      expect(point.supplier).toBe(`${sum.suppliers} other supplier${sum.suppliers === 1 ? "" : "s"}`);
      expect(point.precision).toBeNull();
    }
    expect(smallAreas(capped)).toEqual([]);
  });

  it("lets no register postcode be recovered as the one postcode in its point's 3-decimal cell", () => {
    const perCell = new Map<string, string[]>();
    for (const unit of directory) perCell.set(cell3(unit.latitude, unit.longitude), [...(perCell.get(cell3(unit.latitude, unit.longitude)) ?? []), unit.postcode]);
    const [registerHeading, ...registerLines] = readFileSync("data/demo/suppliers.csv", "utf-8").trimEnd().split(/\r?\n/);
    const registerColumns = cells(registerHeading!);
    const registered = new Map(registerLines.map(cells).map((row) => [row[registerColumns.indexOf("Supplier Name")]!, row[registerColumns.indexOf("Postcode")]!.toUpperCase().replace(/\s+/g, " ").trim()]));
    const recovered = points.filter((point) => {
      const inCell = perCell.get(cell3(point.latitude, point.longitude)) ?? [];
      return inCell.length === 1 && inCell[0] === registered.get(point.supplier);
    });
    expect(recovered.map((point) => point.supplier)).toEqual([]);
  });
});
