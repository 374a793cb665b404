// The bad-input corpus (test/fixtures/bad, made by scripts/generate-bad-corpus.ts; big cases and hostile
// file names built here at test time): every file is loaded, in turn, into one warehouse, and either
//   - loads cleanly and reconciles, or
//   - is refused with a clear message and leaves the warehouse's content as it was.
//
// The reconciliation rule, for a loaded spend file (registers, directories and definitions: the counts):
//   read = loaded + quarantined                   in the report, in source_files, and in the warehouse's rows
//                                                  (distinct (sheet, row) in spend and in quarantine, disjoint);
//   rows read = the file's rows                   every row the generator wrote is loaded or quarantined, and
//                                                  no other row is: nothing lost, nothing invented;
//   loaded pence + quarantined pence = file pence where the file's pence is the sum, over its rows, of the pence
//                                                  the publisher wrote when the row's amount cell holds an amount
//                                                  (the generator's clean value; rows whose amount cell holds none
//                                                  count 0), loaded pence is SUM(spend.amount) of the file (equal to
//                                                  the report's and source_files' totals), and quarantined pence is
//                                                  the generator's pence of each row the warehouse quarantined.
//                                                  A quarantined row keeps only its bad cells' raw values, so the
//                                                  amount of a row quarantined for its date is the generator's,
//                                                  looked up by the row number the warehouse gives.
// A refusal is clear when its message names the file, holds the case's words, is at most 2,000 characters,
// holds no control or invisible characters and no raw internals (error class names, SQL); "unchanged" compares
// every table's count and row-hash sum before and after (test/helpers/warehouse-state.ts).
// A case whose generator names a known loader bug is expected to fail (it.fails) until the bug is fixed;
// ANCHOR_SPEND_SHOW_KNOWN_BUGS=1 shows how each fails.
import { cpSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { TEST_TIME_CASES, buildCase, writeCaseFiles, type BadCase } from "../../scripts/generate-bad-corpus.js";
import { Warehouse } from "../../src/warehouse/warehouse.js";
import { checkCountsLoad, checkNowhere, checkRefusalMessage, checkSpendLoad, checkUnchanged, readWarehouseRows, type CaseFigures, type CaseLoad, type WarehouseRows } from "../helpers/bad-corpus-checks.js";
import { startProcess } from "../helpers/cli-process.js";
import { tempFolder } from "../helpers/temp-warehouse.js";
import { contentChecksums } from "../helpers/warehouse-state.js";

const corpus = "test/fixtures/bad";
const committed = JSON.parse(readFileSync(join(corpus, "cases.json"), "utf-8")) as BadCase[];
const builtHere = await Promise.all(TEST_TIME_CASES.map(buildCase));
const cases: BadCase[] = [...committed, ...builtHere.map(({ meta }) => meta)];

// (On 2026-12-01 its setup ran past 25 CPU-minutes: SheetJS's JavaScript inflate never ended on
// xlsx-corrupt-at-20pc; loaders/files/read-workbook.ts now gives it Node's zlib, which refuses that file at once.)
describe("the bad-input corpus", () => {
  const folder = tempFolder("anchor-spend-bad-");
  const warehousePath = join(folder.path, "warehouse.duckdb");
  const loads = new Map<string, CaseLoad>();
  const passed = new Map<string, CaseFigures & { outcome: "loaded" | "refused" }>();
  let warehouse: Warehouse;
  let rows: WarehouseRows;
  let loadSeconds = 0;
  let oneAtATimeSeconds = 0;

  beforeAll(async () => {
    const started = performance.now();
    const root = join(folder.path, "cases");
    for (const { meta, files } of builtHere) await writeCaseFiles(join(root, meta.folder), files);
    for (const badCase of committed) cpSync(join(corpus, badCase.folder), join(root, badCase.folder), { recursive: true });
    warehouse = await Warehouse.openForWriting(warehousePath);
    // Files that may be refused load one at a time, with checksums around each (the state after one is the
    // state before the next). Files that must load go in together, as `anchor-spend load data/` would take
    // them: each still gets its own result and transaction, and a refusal among them fails its case anyway.
    const oneAtATime = performance.now();
    let state = await contentChecksums(warehouse);
    for (const badCase of cases.filter((c) => c.expect.outcome !== "loaded")) {
      const loadStarted = performance.now();
      const [result] = await loadInputs(warehouse, [join(root, badCase.folder, badCase.target)]);
      const milliseconds = performance.now() - loadStarted;
      const after = await contentChecksums(warehouse);
      loads.set(badCase.id, { result: result!, before: state, after, milliseconds });
      state = after;
    }
    oneAtATimeSeconds = (performance.now() - oneAtATime) / 1000;
    // In three runs: the small files; then definitions (every later load classifies its suppliers under each);
    // then the big files built here (100,000 rows make every later load's supersession check slower).
    const builtHereIds = new Set(builtHere.map(({ meta }) => meta.id));
    const runs = [
      (c: BadCase) => !builtHereIds.has(c.id) && c.kind !== "definitions",
      (c: BadCase) => !builtHereIds.has(c.id) && c.kind === "definitions",
      (c: BadCase) => builtHereIds.has(c.id),
    ];
    for (const inRun of runs) {
      const mustLoad = new Map(cases.filter((c) => c.expect.outcome === "loaded" && inRun(c)).map((c) => [resolve(root, c.folder, c.target), c]));
      let last = performance.now();
      await loadInputs(warehouse, [...mustLoad.keys()], {
        onFile: (result) => {
          const badCase = mustLoad.get(resolve(result.path));
          if (badCase) loads.set(badCase.id, { result, before: {}, after: {}, milliseconds: performance.now() - last });
          last = performance.now();
        },
      });
    }
    loadSeconds = (performance.now() - started) / 1000;
    rows = await readWarehouseRows(warehouse);
  }, 600_000);

  /** £1,234,567.89 from pence, exactly (BigInt: a total past 2^53 pence stays right). */
  const pounds = (pence: bigint): string => {
    const sign = pence < 0n ? "-" : "";
    const whole = (pence < 0n ? -pence : pence) / 100n;
    return `${sign}£${whole.toLocaleString("en-GB")}.${String((pence < 0n ? -pence : pence) % 100n).padStart(2, "0")}`;
  };

  afterAll(() => {
    warehouse?.close();
    const figures = [...passed.values()];
    const sum = (pick: (f: CaseFigures) => number) => figures.reduce((total, f) => total + pick(f), 0);
    const slowest = [...loads.entries()].sort((a, b) => b[1].milliseconds - a[1].milliseconds)[0];
    console.info([
      `bad-input corpus: ${cases.length} cases tried (${committed.length} committed, ${cases.length - committed.length} built at test time), ` +
        `${new Set(cases.map((c) => c.category)).size} categories, in ${loadSeconds.toFixed(1)} s (${oneAtATimeSeconds.toFixed(1)} s of it for the files that may be refused, one at a time with checksums; slowest ${slowest?.[0]} ${((slowest?.[1].milliseconds ?? 0) / 1000).toFixed(1)} s)`,
      `  held: ${figures.length} cases — ${figures.filter((f) => f.outcome === "loaded").length} loaded and reconciled, ${figures.filter((f) => f.outcome === "refused").length} refused clearly with the warehouse unchanged`,
      `  rows reconciled: ${sum((f) => f.rowsRead).toLocaleString("en-GB")} read = ${sum((f) => f.rowsLoaded).toLocaleString("en-GB")} loaded + ${sum((f) => f.rowsQuarantined).toLocaleString("en-GB")} quarantined; ` +
        `${pounds(figures.reduce((t, f) => t + f.pence, 0n))} in the files' amount cells accounted for`,
      `  known loader bugs shown: ${cases.filter((c) => c.knownBug).length} cases (${new Set(cases.flatMap((c) => (c.knownBug ? [c.knownBug] : []))).size} bugs)`,
    ].join("\n"));
    folder.cleanup();
  });

  it("has at least 200 cases, each with a unique id", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const badCase of cases) {
    // ANCHOR_SPEND_SHOW_KNOWN_BUGS=1 runs the known-bug cases as ordinary tests, to see how each fails.
    const test = badCase.knownBug && !process.env.ANCHOR_SPEND_SHOW_KNOWN_BUGS ? it.fails : it;
    test(`${badCase.category}/${badCase.id}${badCase.knownBug ? ` (known bug: ${badCase.knownBug.split(":")[0]})` : ""}`, async () => {
      const load = loads.get(badCase.id);
      expect(load, "loaded in beforeAll").toBeDefined();
      const { result } = load!;
      const expectation = badCase.expect;
      if (result.status === "refused") {
        expect(expectation.outcome, `refused (${result.error.slice(0, 300)}), but the case should load`).not.toBe("loaded");
        checkRefusalMessage(badCase, result.error, "messageIncludes" in expectation ? expectation.messageIncludes : []);
        checkUnchanged(load!);
        passed.set(badCase.id, { outcome: "refused", rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, pence: 0n });
        return;
      }
      expect(result.status, "loaded (not skipped, not already loaded)").toBe("loaded");
      expect(expectation.outcome, "loaded, but the case should be refused").not.toBe("refused");
      if (result.status !== "loaded" || expectation.outcome === "refused") return;
      expect(result.kind).toBe(badCase.kind);
      const figures = "counts" in expectation ? checkCountsLoad(rows, load!, expectation) : checkSpendLoad(rows, load!, expectation.rows);
      await checkNowhere(warehouse, badCase.mustNotAppear ?? []);
      passed.set(badCase.id, { outcome: "loaded", ...figures });
    });
  }

  it("pollutes no prototype (a definition carried a __proto__ key)", () => {
    expect((({}) as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps every quarantine reason short: the raw value is in raw_value, the reason quotes the start of it", async () => {
    const { longest } = await warehouse.one<{ longest: number }>("SELECT max(length(reason))::BIGINT AS longest FROM quarantine");
    expect(Number(longest)).toBeLessThanOrEqual(1_000);
  });

  it("reconciles as a whole, and the load report reads the warehouse afterwards in another process", async () => {
    const totals = await warehouse.one<{ files: number; bad: number; read: number; loaded: number; quarantined: number; spend: number; quarantine: number }>(
      `SELECT count(*)::INTEGER AS files, count(*) FILTER (rows_read <> rows_loaded + rows_quarantined)::INTEGER AS bad,
              sum(rows_read)::BIGINT AS read, sum(rows_loaded)::BIGINT AS loaded, sum(rows_quarantined)::BIGINT AS quarantined,
              (SELECT count(*) FROM spend)::BIGINT AS spend,
              (SELECT count(*) FROM (SELECT DISTINCT file_id, sheet, row_number FROM quarantine))::BIGINT AS quarantine
       FROM source_files`);
    expect(Number(totals.bad)).toBe(0);
    const spendFiles = await warehouse.one<{ loaded: number }>("SELECT coalesce(sum(rows_loaded), 0)::BIGINT AS loaded FROM source_files WHERE kind = 'spend'");
    expect(Number(totals.spend)).toBe(Number(spendFiles.loaded));
    expect(Number(totals.quarantine)).toBe(Number(totals.quarantined));
    expect(Number(totals.read)).toBe(Number(totals.loaded) + Number(totals.quarantined));
    warehouse.close();
    const report = await startProcess("child", ["report", warehousePath]).done;
    warehouse = await Warehouse.openForWriting(warehousePath);
    expect(report.status, report.stderr).toBe(0);
    const lines = JSON.parse(report.stdout) as { reconciles: boolean }[];
    expect(lines.length).toBe(Number(totals.files));
    expect(lines.every((line) => line.reconciles)).toBe(true);
  });
});
