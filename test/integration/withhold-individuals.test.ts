// Issue 18, point 3: payees that look like private individuals are a data-quality finding (counts in the load
// report and on the Data quality page, never names), and an institution can withhold them from everything it
// publishes (institution.json "withholdIndividuals": true). The demo (data/demo) with one synthetic spend file
// written here: three individuals (one with a quoted nickname), a company, and a redacted row whose amount cell
// holds a name with an inner quote (a quarantined cell that must never reach a public reason); and a contract
// (synthetic, added to the demo's contracts) let to one of the individuals. The "not withheld" case needs no more
// than the demo's institution.json and definitions beside that file.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePageData } from "../../src/site/write-page-data.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
const NAMES = ["John Smith", "Bloggs", "Johnny"];

const INDIVIDUALS_FILE = [
  "Date,Supplier,Amount",
  "01/05/2024,Mr John Smith,900000.00",
  "02/05/2024,J A Bloggs,800000.00",
  '03/05/2024,"Mr ""Johnny"" Smith",700000.00',
  "04/05/2024,Acme Widgets Ltd,500.00",
  '05/05/2024,REDACTED - personal data,"Mr ""Johnny"" Smith"',
].join("\n") + "\n";

/**
 * The demo trust, or (whole = false) only its institution.json and definitions, with its withholdIndividuals
 * setting and a spend file written here that pays three individuals.
 */
function loadedWarehouse(name: string, withhold: boolean, whole: boolean): string {
  const trust = join(folder.path, name);
  if (whole) cpSync("data/demo", trust, { recursive: true });
  else cpSync("data/demo/definitions", join(trust, "definitions"), { recursive: true });
  const institution = JSON.parse(readFileSync("data/demo/institution.json", "utf-8"));
  writeFileSync(join(trust, "institution.json"), JSON.stringify({ ...institution, withholdIndividuals: withhold }));
  mkdirSync(join(trust, "spend"), { recursive: true });
  writeFileSync(join(trust, "spend", "individuals.csv"), INDIVIDUALS_FILE);
  if (whole) {
    // A contract let to one of them: its name reaches tendering, social value and LM3 figures too.
    const contracts = join(trust, "social-value", "contracts.csv");
    writeFileSync(contracts, `${readFileSync(contracts, "utf-8").trimEnd()}\nDEMO-SV-099,DEMO,Mr John Smith,Window cleaning,Facilities management,50000.00,2024-04-01,2026-03-31,10%,SVQ-02,SVQ-02: P1,Quarterly\n`);
  }
  const warehouse = join(folder.path, `${name}.duckdb`);
  const load = runCli(["load", trust, "--warehouse", warehouse]);
  if (load.status !== 0) throw new Error(load.stderr);
  return warehouse;
}

/** Every file of a folder (recursively) as text. */
function texts(path: string): string {
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString("utf-8")).join("\n");
}

let withheld: string;
let shown: string;
beforeAll(() => {
  withheld = loadedWarehouse("withheld", true, true);
  shown = loadedWarehouse("shown", false, false);
}, 600_000);
afterAll(() => folder.cleanup());

describe("payees that look like individuals (issue 18, point 3)", () => {
  it("are counted per file in the load report (3 in the file written here, none in the demo's own)", () => {
    const report = JSON.parse(runCli(["report", "--json", "--warehouse", withheld]).stdout);
    const files = (report.files ?? report) as { path: string; individualPayees: number }[];
    expect(files.find((file) => file.path.endsWith("individuals.csv"))!.individualPayees).toBe(3);
    expect(files.filter((file) => !file.path.endsWith("individuals.csv")).reduce((n, file) => n + file.individualPayees, 0)).toBe(0);
  });

  it("withheld: no page data and no public export names them, nor the quarantined cell", async () => {
    const pages = join(folder.path, "withheld-pages");
    await writePageData(withheld, pages);
    const out = join(folder.path, "withheld-export");
    expect(runCli(["export", "--institution", "DEMO", "--level", "public", "--to", out, "--warehouse", withheld]).status).toBe(0);
    for (const text of [texts(pages), texts(out)]) {
      for (const name of NAMES) expect(text).not.toContain(name);
      expect(text).toContain("Individual (withheld)");
      expect(text).toContain("Acme Widgets Ltd");
    }
    expect(JSON.parse(readFileSync(join(pages, "data-quality.json"), "utf-8")).files.some((f: { individualPayees: number }) => f.individualPayees === 3)).toBe(true);
    // Nor their warehouse ids (a hash of the name's key: a name could be found from it by trying names).
    const ids = await withWarehouse(withheld, "read", (w) => w.all<{ id: string }>(
      "SELECT supplier_id AS id FROM suppliers WHERE name IN ('Mr John Smith', 'J A Bloggs', 'Mr \"Johnny\" Smith')"));
    expect(ids).toHaveLength(3);
    const published = texts(pages);
    for (const { id } of ids) expect(published).not.toContain(id.replace(/^s-/, ""));
  }, 300_000);

  it("not withheld: the site names them (the analyst's choice), but the quarantined cell never", async () => {
    const pages = join(folder.path, "shown-pages");
    await writePageData(shown, pages);
    const text = texts(pages);
    expect(text).toContain("Mr John Smith");
    expect(readFileSync(join(pages, "data-quality.json"), "utf-8")).not.toContain("Johnny");
  }, 300_000);
});
