// `anchor-spend export`: fields leave only at or below the export's sharing level (from data/schema), and
// text cells a spreadsheet would run as formulas are neutralised. The hostile supplier is synthetic, written here.
import Papa from "papaparse";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTableSchema } from "../../loaders/schema/column-synonyms.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const warehouse = join(folder.path, "w.duckdb");
const csv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, "utf-8"), { header: true, skipEmptyLines: true });

beforeAll(() => {
  const trust = join(folder.path, "trust");
  cpSync("data/demo", trust, { recursive: true });
  // The formula corpus (issue 18, point 5) in names and expense types, with quotes, ";" and line breaks inside values.
  writeFileSync(join(trust, "spend", "hostile.csv"), [
    "Date,Supplier,Amount,Expense Type",
    '01/05/2024,"=HYPERLINK(""http://x"")",30000.00,+1+1',
    "02/05/2024,@SUM Ltd,31000.00,-1+1",
    '03/05/2024,"Quote ""Co"" Ltd; and\nsons",100.00,@SUM(1)',
    '04/05/2024,"\t=Tab Ltd",100.00,"a;b\r\nc"',
    '05/05/2024,-Minus Ltd,100.00,"\r=1"',
  ].join("\n") + "\n");
  // The register gains a company number column, with formulas for the hostile suppliers (issue 18, point 5).
  const register = readFileSync(join(trust, "suppliers.csv"), "utf-8").trimEnd().split(/\r?\n/);
  writeFileSync(join(trust, "suppliers.csv"), [`${register[0]},Company Number`, ...register.slice(1).map((line) => `${line},`),
    '@SUM Ltd,E1 8DE,,,N,N,"=HYPERLINK(""http://x"",""y"")"', '"=HYPERLINK(""http://x"")",E1 8DE,,,N,N,+1+1'].join("\n") + "\n");
  const load = runCli(["load", trust, "--warehouse", warehouse]);
  if (load.status !== 0) throw new Error(`exit ${load.status}: ${load.stderr.split("\n").filter((line) => !/^(loaded|skipped|already)/.test(line)).join("\n")}`);
});
afterAll(() => folder.cleanup());

describe("anchor-spend export", () => {
  for (const level of ["public", "partner"] as const) {
    it(`${level}: only fields shared at ${level} level carry values`, () => {
      const out = join(folder.path, level);
      const result = runCli(["export", "--institution", "DEMO", "--level", level, "--to", out, "--warehouse", warehouse]);
      expect(result.status, result.stderr).toBe(0);
      for (const [name, file] of [["spend", "spend/spend.csv"], ["suppliers", "suppliers.csv"]] as const) {
        const { data, meta } = csv(join(out, file));
        for (const field of readTableSchema(name).fields) {
          const shared = field.sharing === "public" || (level === "partner" && field.sharing === "partner");
          if (!meta.fields!.includes(field.name)) continue;
          const filled = data.filter((row) => (row[field.name] ?? "") !== "").length;
          if (!shared) expect(filled, `${name}.${field.name} (${field.sharing}) in a ${level} export`).toBe(0);
        }
        expect(existsSync(join(out, file.replace(/\.csv$/, ".parquet")))).toBe(true);
      }
      const descriptor = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf-8"));
      expect(descriptor.sharingLevel).toBe(level);
      expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual(["spend", "suppliers", "locality"]);
    });
  }

  it("neutralises formulas in text cells, never in amounts, and names no redacted payee", () => {
    const { data } = csv(join(folder.path, "public", "spend", "spend.csv"));
    const suppliers = new Set(data.map((row) => row.supplier));
    expect(suppliers.has(`'=HYPERLINK("http://x")`)).toBe(true);
    expect(suppliers.has("'@SUM Ltd")).toBe(true);
    expect([...suppliers].filter((name) => /^[=+\-@]/.test(name!))).toEqual([]);
    expect(data.some((row) => row.amount!.startsWith("-"))).toBe(true);
    expect([...suppliers].filter((name) => /redacted|personal data/i.test(name!))).toEqual(["REDACTED"]);
  });

  it("neutralises formulas in every text column of every CSV (company numbers too), and quotes every text cell (issue 18, point 5)", () => {
    for (const file of ["spend/spend.csv", "suppliers.csv", "locality.csv"]) {
      const path = join(folder.path, "public", file);
      const { data } = csv(path);
      for (const row of data) for (const [column, value] of Object.entries(row)) expect(value, `${file}: ${column}`).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
      // Every cell a quoted text, a bare number or empty: a ";"-joined postcode list is one cell wherever it is opened.
      const cell = String.raw`("(?:[^"]|"")*"|-?\d+(\.\d+)?|)`;
      const text = readFileSync(path, "utf-8");
      expect(text.endsWith("\r\n"), file).toBe(true);
      for (const line of text.split(/\r\n(?=(?:[^"]|"[^"]*")*$)/).filter(Boolean)) expect(line, file).toMatch(new RegExp(`^${cell}(,${cell})*$`));
    }
  });

  it("writes the export's CSV with the site's own writer (pages/shared/csv-cell.js): these lines, byte for byte", () => {
    // Written by hand from the hostile file above: text quoted (quotes doubled), formulas after an apostrophe,
    // amounts bare, CRLF line ends; the loader trims a cell's outer white space (the tab and CR prefixes), and a
    // line break inside a value stays inside its quoted cell. Spend has no expense area here: an empty cell; no
    // line is a supplier's month total: an empty period_total.
    const text = readFileSync(join(folder.path, "public", "spend", "spend.csv"), "utf-8");
    for (const line of [
      `"2024-05-01","'=HYPERLINK(""http://x"")",30000.00,"'+1+1",,\r\n`,
      `"2024-05-02","'@SUM Ltd",31000.00,"'-1+1",,\r\n`,
      `"2024-05-03","Quote ""Co"" Ltd; and\nsons",100.00,"'@SUM(1)",,\r\n`,
      `"2024-05-04","'=Tab Ltd",100.00,"a;b\r\nc",,\r\n`,
      `"2024-05-05","'-Minus Ltd",100.00,"'=1",,\r\n`,
    ]) expect(text).toContain(line);
    expect(text.startsWith(`"date","supplier","amount","expense_type","expense_area","period_total"\r\n`)).toBe(true);
  });
});

describe("a partner's export loaded into a fresh warehouse", () => {
  it("reproduces the public figures exactly, under every definition", async () => {
    const { headline, compareDefinitions, resolveScope } = await import("../../src/model/metrics.js");
    const { withWarehouse } = await import("../../src/warehouse/warehouse.js");
    const figures = async (path: string) => withWarehouse(path, "read", async (w) => {
      const scope = await resolveScope(w, { institutionId: "DEMO" });
      const compared = await compareDefinitions(w, scope);
      return { total: (await headline(w, scope)).totalSpend, byDefinition: compared.map(({ definition, headline: h }) => [definition.id, h.localSpend, h.nonLocalSpend, h.unlocatedSpend, h.localSuppliers]) };
    });
    const fresh = join(folder.path, "fresh.duckdb");
    const load = runCli(["load", join(folder.path, "public"), "--warehouse", fresh]);
    expect(load.status, load.stderr).toBe(0);
    expect(await figures(fresh)).toEqual(await figures(warehouse));
  }, 300_000); // a load of the export in the test itself: minutes, not the 60 s default, on 2 busy cores
});
