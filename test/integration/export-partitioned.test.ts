// `anchor-spend export --format parquet --partition institution,year`: a Hive-partitioned Parquet dataset that
// DuckDB reads back with read_parquet(…, hive_partitioning = true), reproducing every institution's headline
// figures. The expected figures come from the model's own headline() on the warehouse (src/model/metrics.ts),
// the actual ones from SQL written here over the exported files alone.
// Inputs: the shipped demo (data/demo, see its PROVENANCE.md) as two institutions: DEMO with every month, and
// SECOND (three of its months less their last line, under another id, made here) sharing the demo's definitions.
import { DuckDBInstance } from "@duckdb/node-api";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headline, resolveScope } from "../../src/model/metrics.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const warehouse = join(folder.path, "w.duckdb");
const out = join(folder.path, "dataset");

beforeAll(() => {
  const inputs = join(folder.path, "inputs");
  cpSync("data/demo/reference", join(inputs, "reference"), { recursive: true });
  cpSync("data/demo/definitions", join(inputs, "definitions"), { recursive: true });
  for (const [id, months] of [["DEMO", readdirSync("data/demo/spend").filter((f) => f.endsWith(".csv"))], ["SECOND", ["demo-2024-04.csv", "demo-2024-05.csv", "demo-2025-01.csv"]]] as const) {
    const institution = join(inputs, id.toLowerCase());
    mkdirSync(join(institution, "spend"), { recursive: true });
    // SECOND's months lose their last line, so that their content (and hash) is not DEMO's, which would load once.
    for (const month of months) {
      const lines = readFileSync(join("data/demo/spend", month), "utf-8").trimEnd().split("\n");
      writeFileSync(join(institution, "spend", month), `${(id === "SECOND" ? lines.slice(0, -1) : lines).join("\n")}\n`);
    }
    cpSync("data/demo/suppliers.csv", join(institution, "suppliers.csv"));
    writeFileSync(join(institution, "institution.json"), JSON.stringify({ id, name: `${id} trust (synthetic, from the demo)`, kind: "nhs-trust", isDemo: true }));
  }
  const load = runCli(["load", inputs, "--warehouse", warehouse]);
  if (load.status !== 0) throw new Error(load.stderr + load.stdout);
  const exported = runCli(["export", "--level", "public", "--format", "parquet", "--partition", "institution,year", "--to", out, "--warehouse", warehouse]);
  if (exported.status !== 0) throw new Error(exported.stderr);
});
afterAll(() => folder.cleanup());

async function queryDataset(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("export --format parquet --partition institution,year", () => {
  it("writes spend as institution=…/year=… folders, every file listed in datapackage.json", () => {
    const descriptor = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf-8")) as { resources: { name: string; path: string[] }[] };
    const spend = descriptor.resources.find((r) => r.name === "spend")!;
    expect(spend.path).toContain("spend/institution=DEMO/year=2024/data_0.parquet");
    expect(spend.path).toContain("spend/institution=DEMO/year=2025/data_0.parquet");
    expect(spend.path).toContain("spend/institution=SECOND/year=2025/data_0.parquet");
    for (const resource of descriptor.resources) for (const path of resource.path) expect(existsSync(join(out, path)), path).toBe(true);
  });

  it("reproduces every institution's headline figures, read back with hive_partitioning", async () => {
    const rows = await queryDataset(`
      WITH spend AS (SELECT * FROM read_parquet('${out}/spend/**/*.parquet', hive_partitioning = true)),
           definitions AS (SELECT * FROM read_parquet('${out}/definitions.parquet')),
           -- Each institution's headline: its own headline definition before a shared one, then the latest version.
           chosen AS (
             SELECT i.institution, d.definition, d.version FROM (SELECT DISTINCT institution FROM spend) i, definitions d
             WHERE d.institution IS NULL OR d.institution = i.institution
             QUALIFY row_number() OVER (PARTITION BY i.institution ORDER BY d.headline DESC, d.institution NULLS LAST, d.definition, d.version DESC) = 1
           ),
           locality AS (SELECT * FROM read_parquet('${out}/locality/**/*.parquet', hive_partitioning = true))
      SELECT s.institution, count(*)::INTEGER AS lines, sum(s.amount)::DOUBLE AS total,
             coalesce(sum(s.amount) FILTER (l.status = 'local'), 0)::DOUBLE AS local,
             coalesce(sum(s.amount) FILTER (l.status = 'non_local'), 0)::DOUBLE AS non_local,
             coalesce(sum(s.amount) FILTER (l.status IS NULL OR l.status = 'unlocated'), 0)::DOUBLE AS unlocated,
             min(s.year)::INTEGER AS first_year, max(s.year)::INTEGER AS last_year
      FROM spend s JOIN chosen c USING (institution)
      LEFT JOIN locality l ON l.institution = s.institution AND l.supplier = s.supplier AND l.definition = c.definition AND l.version = c.version
      GROUP BY s.institution ORDER BY s.institution`);
    expect(rows.map((r) => r.institution)).toEqual(["DEMO", "SECOND"]);
    const expected = await withWarehouse(warehouse, "read", async (w) => {
      const figures: Record<string, Awaited<ReturnType<typeof headline>>> = {};
      for (const id of ["DEMO", "SECOND"]) figures[id] = await headline(w, await resolveScope(w, { institutionId: id }));
      return figures;
    });
    const pence = (pounds: unknown) => Math.round(Number(pounds) * 100);
    for (const row of rows) {
      const want = expected[String(row.institution)]!;
      expect(row.lines, String(row.institution)).toBe(want.lines);
      expect(pence(row.total), String(row.institution)).toBe(pence(want.totalSpend));
      expect(pence(row.local), String(row.institution)).toBe(pence(want.localSpend));
      expect(pence(row.non_local), String(row.institution)).toBe(pence(want.nonLocalSpend));
      expect(pence(row.unlocated), String(row.institution)).toBe(pence(want.unlocatedSpend));
      expect(want.localSpend).toBeGreaterThan(0);
    }
    expect(rows.find((r) => r.institution === "SECOND")!.lines).toBeLessThan(rows.find((r) => r.institution === "DEMO")!.lines as number);
  });
});
