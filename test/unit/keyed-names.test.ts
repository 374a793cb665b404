// A run's staged spend files key each supplier name once (loaders/spend/load-staged-spend.ts, keyNewNames): a file's
// names table is whole and holds each name once, whatever an earlier file (or one made ready beside it) left in the
// names kept. Each file here is written by the test; the keys expected are the streaming loader's (SupplierKeys).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SPEND_FIELDS } from "../../loaders/schema/column-synonyms.js";
import { tableSource } from "../../loaders/files/read-table.js";
import { headingsIn, readDetectionHead } from "../../loaders/schema/detect-kind.js";
import { scanFile } from "../../loaders/files/scan-file.js";
import { dropStagedSpend, stageSpendCsv } from "../../loaders/spend/stage-spend-csv.js";
import { forgetKeyedNames, keyNewNames } from "../../loaders/spend/load-staged-spend.js";
import { SupplierKeys, isDigitsOnly } from "../../loaders/spend/read-spend-row.js";
import { warehouseForTests } from "../helpers/temp-warehouse.js";

describe("keyNewNames", () => {
  const temp = warehouseForTests("anchor-spend-keyed-names-");

  /** Stages a file of one line per supplier name and keys its names, keeping at most `keep`; its names table, by name. */
  async function namesOf(file: string, suppliers: string[], keep: number) {
    const path = join(temp.folder, file);
    writeFileSync(path, `Date,Supplier,Amount\n${suppliers.map((name) => `01/04/2024,${name},1.00`).join("\n")}\n`);
    const source = tableSource(path, await scanFile(path));
    const head = await readDetectionHead(source);
    const staged = (await stageSpendCsv(temp.warehouse, source, { kind: "spend", head, headings: headingsIn(head, SPEND_FIELDS) }))!;
    const namesTable = `${staged.table}_names`;
    await keyNewNames(temp.warehouse, staged, namesTable, keep);
    const rows = await temp.warehouse.all<{ name: string; supplier_id: string; name_key: string; is_redacted: boolean; digits_only: boolean }>(
      `SELECT * FROM ${namesTable} ORDER BY name`);
    await dropStagedSpend(temp.warehouse, staged.table);
    return rows;
  }

  const keyed = (name: string) => {
    const keys = new SupplierKeys().of(name);
    return { name, supplier_id: keys.supplierId, name_key: keys.supplierKey, is_redacted: keys.isRedacted, digits_only: isDigitsOnly(name) };
  };
  const kept = async () => (await temp.warehouse.all<{ name: string }>("SELECT name FROM anchor_staging.keyed_names ORDER BY name")).map((row) => row.name);

  it("keys every name of each file, once, whether kept from an earlier file, new, or kept twice", async () => {
    expect(await namesOf("april.csv", ["Acme Ltd", "Beta Ltd", "Acme Ltd", "Redacted", "12345"], 10)).toEqual(
      ["12345", "Acme Ltd", "Beta Ltd", "Redacted"].map(keyed));
    expect(await kept()).toEqual(["12345", "Acme Ltd", "Beta Ltd", "Redacted"]);
    // Two files made ready at once may both keep a name.
    await temp.warehouse.run("INSERT INTO anchor_staging.keyed_names SELECT * FROM anchor_staging.keyed_names WHERE name = 'Acme Ltd'");
    expect(await namesOf("may.csv", ["Acme Ltd", "Gamma Ltd"], 10)).toEqual(["Acme Ltd", "Gamma Ltd"].map(keyed));
    expect(await kept()).toEqual(["12345", "Acme Ltd", "Acme Ltd", "Beta Ltd", "Gamma Ltd", "Redacted"]);
  });

  it("empties the names kept past its limit, and still keys every name of the file", async () => {
    expect(await namesOf("june.csv", ["Acme Ltd", "Delta Ltd", "Epsilon Ltd"], 7)).toEqual(["Acme Ltd", "Delta Ltd", "Epsilon Ltd"].map(keyed));
    expect(await kept()).toEqual(["Delta Ltd", "Epsilon Ltd"]);
    expect(await namesOf("july.csv", ["Acme Ltd", "Beta Ltd", "Delta Ltd"], 7)).toEqual(["Acme Ltd", "Beta Ltd", "Delta Ltd"].map(keyed));
    expect(await kept()).toEqual(["Acme Ltd", "Beta Ltd", "Delta Ltd", "Epsilon Ltd"]);
  });

  it("leaves nothing kept once the run forgets them", async () => {
    await forgetKeyedNames(temp.warehouse);
    expect(await temp.warehouse.all("SELECT 1 FROM duckdb_tables() WHERE database_name = 'anchor_staging' AND table_name = 'keyed_names'")).toEqual([]);
  });
});
