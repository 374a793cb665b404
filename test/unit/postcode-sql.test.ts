import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalisePostcode } from "../../geo/postcode-parts.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder, withTempWarehouse } from "../helpers/temp-warehouse.js";

// The shipped reference postcodes (data/demo/reference; data/demo/PROVENANCE.md says where each came from): the ONS directory's three spellings of
// each postcode (pcd: 7 characters, pcd2: 8, pcds: canonical) and the Code-Point derivation's canonical column.
const NSPL = "data/demo/reference/nspl-nov2021-wc.csv.gz";
const CODE_POINT = "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz";

describe("normalise_postcode: geo/postcode-parts.ts registered in DuckDB", () => {
  it("gives JavaScript's answer, and the directory's own canonical form, for every shipped reference postcode", async () => {
    await withTempWarehouse(async (warehouse) => {
      const rows = await warehouse.all<{ given: string; canonical: string; sql: string | null }>(
        `SELECT given, canonical, normalise_postcode(given) AS sql FROM (
           SELECT unnest([pcd, pcd2, pcds, lower(pcds)]) AS given, pcds AS canonical FROM read_csv('${NSPL}', all_varchar = true)
           UNION ALL
           SELECT postcode, postcode FROM read_csv('${CODE_POINT}', all_varchar = true))`,
      );
      expect(rows.length).toBeGreaterThan(4 * 7000 + 50_000);
      const disagreeing = rows.filter((row) => row.sql !== normalisePostcode(row.given) || row.sql !== row.canonical);
      expect(disagreeing).toEqual([]);
    });
  });

  it("returns NULL for what is not a unit postcode, and for NULL", async () => {
    await withTempWarehouse(async (warehouse) => {
      expect(await warehouse.all(
        "SELECT normalise_postcode(t) AS postcode FROM (VALUES ('E1'), ('E1 6'), ('12345'), ('E1 8DEX'), (''), (NULL)) v(t)",
      )).toEqual(Array(6).fill({ postcode: null }));
    });
  });

  it("is there when the warehouse is opened read-only", async () => {
    const folder = tempFolder();
    try {
      const path = join(folder.path, "warehouse.duckdb");
      await withWarehouse(path, "write", async () => undefined);
      await withWarehouse(path, "read", async (warehouse) =>
        expect(await warehouse.one("SELECT normalise_postcode(' e18de ') AS postcode")).toEqual({ postcode: "E1 8DE" }));
    } finally {
      folder.cleanup();
    }
  });
});
