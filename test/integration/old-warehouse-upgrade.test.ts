// Warehouses made by the first releases upgrade fully (issue 18, point 7): a warehouse of schema v1 or v2 holding
// the demo as that release loaded it (test/fixtures/old-schemas/, with its provenance) is migrated, the current
// demo is loaded into it, and its figures are a fresh warehouse's. Before migration 13 every file of that load was
// refused ("Cannot read properties of null (reading 'kind')": the old definitions had no spec) and the ICB
// definition was "already loaded with another area".
import { DuckDBInstance } from "@duckdb/node-api";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs, type FileResult } from "../../loaders/load-inputs.js";
import { compareDefinitions, resolveScope } from "../../src/model/metrics.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const OLD = "test/fixtures/old-schemas";
const folder = tempFolder("anchor-spend-old-upgrade-");
afterAll(() => folder.cleanup());

/** A warehouse file of an old schema, holding the rows that release's demo load left (one gzipped CSV per table). */
async function oldWarehouseWithDemo(path: string, version: "v1" | "v2"): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(readFileSync(join(OLD, `${version}.sql`), "utf-8"));
  const data = join(OLD, `${version}-demo`);
  for (const file of readdirSync(data).sort()) {
    await connection.run(`COPY ${file.replace(/\.csv\.gz$/, "")} FROM '${resolve(data, file)}' (HEADER)`);
  }
  // The file id sequence as that load left it (each file loaded took the next id).
  await connection.run("SELECT nextval('source_file_ids') FROM range((SELECT max(file_id) FROM source_files))");
  await connection.run("CHECKPOINT");
  connection.closeSync();
  instance.closeSync();
}

/** Every DEMO definition's headline figures, by definition id. */
async function figures(warehouse: Warehouse): Promise<Record<string, unknown>> {
  const scope = await resolveScope(warehouse, { institutionId: "DEMO" });
  return Object.fromEntries((await compareDefinitions(warehouse, scope)).map(({ definition, headline }) => [definition.id, headline]));
}

const refusals = (results: FileResult[]) => results.flatMap((result) => (result.status === "refused" ? [result.error] : []));

let fresh: Record<string, unknown>;
beforeAll(async () => {
  const warehouse = await Warehouse.openForWriting(join(folder.path, "fresh.duckdb"));
  try {
    expect(refusals(await loadInputs(warehouse, ["data/demo"]))).toEqual([]);
    fresh = await figures(warehouse);
  } finally {
    warehouse.close();
  }
}, 600_000);

describe.each(["v1", "v2"] as const)("a warehouse of schema %s holding that release's demo", (version) => {
  it("migrates, loads the current demo with nothing refused, and gives a fresh warehouse's figures", async () => {
    const path = join(folder.path, `${version}.duckdb`);
    await oldWarehouseWithDemo(path, version);
    const warehouse = await Warehouse.openForWriting(path);
    try {
      const before = await warehouse.one<{ spend: number; definitions: number }>(
        "SELECT (SELECT count(*) FROM spend)::INTEGER AS spend, (SELECT count(*) FROM local_definitions)::INTEGER AS definitions");
      expect(before).toEqual({ spend: 2008, definitions: 2 });
      expect(refusals(await loadInputs(warehouse, ["data/demo"]))).toEqual([]);
      const upgraded = await figures(warehouse);
      expect(Object.keys(upgraded).sort()).toEqual(Object.keys(fresh).sort());
      expect(Object.keys(fresh).length).toBeGreaterThanOrEqual(7);
      expect(upgraded).toEqual(fresh);
    } finally {
      warehouse.close();
    }
  }, 600_000);
});
