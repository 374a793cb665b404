// A definition whose boundary file has 1,000,000 vertices (full-resolution boundaries are this size) loads
// (issue 18, point 6: the quadratic crossing check was killed at 120 s with no message), with progress lines,
// and its suppliers are classified. Long run only (ANCHOR_SPEND_LONG_FAULTS=1): it prints its time, which is
// not a target. The boundary is generated here: a wavy ring around the demo's East London (not a real area).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const LONG = process.env.ANCHOR_SPEND_LONG_FAULTS === "1";
const VERTICES = 1_000_000;

describe.runIf(LONG)("a 1M-vertex boundary file", () => {
  it("loads as a polygon definition, reporting progress, and classifies the demo's suppliers under it", async () => {
    const folder = tempFolder("anchor-spend-big-boundary-");
    try {
      const data = join(folder.path, "big", "definitions");
      mkdirSync(data, { recursive: true });
      const ring = Array.from({ length: VERTICES }, (_, i) => {
        const t = (2 * Math.PI * i) / VERTICES;
        const r = 0.05 * (1 + 0.3 * Math.sin(40 * t));
        return [-0.05 + r * Math.cos(t), 51.53 + r * Math.sin(t)];
      });
      ring.push(ring[0]!);
      writeFileSync(join(data, "wavy.geojson"), JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [ring] } }] }));
      writeFileSync(join(data, "wavy-polygon.json"), JSON.stringify({ id: "wavy-polygon", version: 1, name: "A wavy ring of 1M vertices", description: "generated", basis: "registered", kind: "polygon", file: "wavy.geojson" }));
      writeFileSync(join(folder.path, "big", "institution.json"), JSON.stringify({ id: "DEMO", name: "Demo NHS Foundation Trust", kind: "nhs-trust", isDemo: true }));
      const warehouse = await Warehouse.openForWriting(join(folder.path, "w.duckdb"));
      try {
        await loadInputs(warehouse, ["data/demo/institution.json", "data/demo/reference", "data/demo/suppliers.csv"]);
        const progress: string[] = [];
        const started = performance.now();
        const [result] = await loadInputs(warehouse, [join(data, "wavy-polygon.json")], { onProgress: (path, count, unit) => progress.push(`${path}: ${count} ${unit ?? "rows"}`) });
        const seconds = (performance.now() - started) / 1000;
        expect(result?.status, result?.status === "refused" ? result.error : "").toBe("loaded");
        expect(progress.length).toBeGreaterThan(0);
        expect(progress.at(-1)).toMatch(/wavy\.geojson: \d+ of feature 1's 1,000,000 boundary segments checked for crossings/);
        const classified = await warehouse.one<{ suppliers: number }>(
          "SELECT count(*)::INTEGER AS suppliers FROM supplier_locality WHERE definition_id = 'wavy-polygon' AND status IN ('local', 'non_local')");
        expect(classified.suppliers).toBeGreaterThan(0);
        console.info(`1M-vertex boundary: definition loaded and suppliers classified in ${seconds.toFixed(1)} s, ${progress.length} progress lines, ${classified.suppliers} suppliers classified`);
      } finally {
        warehouse.close();
      }
    } finally {
      folder.cleanup();
    }
  }, 1_200_000);
});
