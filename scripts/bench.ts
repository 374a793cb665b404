/**
 * `npm run bench`: what the pipeline costs against the engine it stands on and an analyst's script, on this machine.
 *   1. Load, at each size, in twelve monthly files and in one file, `--repeat` times, alternating (medians printed):
 *      DuckDB's own read_csv of the files into a table (the floor); a pandas + GeoPandas script computing local
 *      share from the same files (scripts/bench/local-share-pandas.py; skipped, saying so, without Debian's
 *      python3-pandas / python3-geopandas); `anchor-spend load` of the same files (parse, validate, normalise,
 *      suppliers, locate, classify against every definition) in its own process, compiled as the CLI runs.
 *      The two local shares are printed side by side.
 *   2. Site: the demo's build; `npm start` from a fresh tree to a served site; the build from each size's
 *      warehouse and every page's bytes in headless Chromium.
 *   3. An incremental month loaded into each size's warehouse (a copy; scripts/bench/incremental-month.ts), its cost
 *      after the largest history against the smallest's; 4. classification rates of every definition kind.
 *   5. With `--registers` (or alone, `--registers-only`): a generated 5-million-row Companies House register loaded and
 *      50,000 distinct suppliers matched against it (`--register-rows`, `--register-suppliers`; scripts/bench/registers.ts).
 * Sizes: 100k and 1M rows (`--sizes 100000,1000000`; add 10M with `--ten-million`). Prints every target beside
 * its figure and writes bench-results/latest.json. Targets are printed, never asserted.
 * `--warehouses DIR`: the site is built from DIR's warehouse of each size (twelve monthly files), made there and
 * kept when missing (scripts/bench/site-warehouses.ts; a 10M load takes minutes), instead of the load runs' own.
 * `--load-only`: the load part alone (1.), then stops.
 * `--site-only`: the site part alone (demo build, npm start, each size's build and pages) and the month loaded
 * into each size's warehouse, no load or classification runs; with `--warehouses` and `--sizes 1000000,10000000`,
 * a quiet-machine run of every site target and of the month's flatness in history in a few minutes.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { demoDataPath, partnersDemoDataPath, projectRoot } from "../src/core/config.js";
import { withWarehouse } from "../src/warehouse/warehouse.js";
import { loadInputs } from "../loaders/load-inputs.js";
import { compileStoredDefinitions, locatedPoint } from "../src/model/refresh-locality.js";
import type { LocatedPostcodeRow } from "../src/model/locate-postcodes.js";
import { formatTable } from "../src/core/format-table.js";
import { buildSite } from "../src/site/build-site.js";
import { compareDefinitions, resolveScope } from "../src/model/metrics.js";
import { compile } from "./compile.js";
import { generateInstitution } from "./bench/generate-spend.js";
import { pandasMissing, runPandas } from "./bench/run-pandas.js";
import { timeStart } from "./bench/time-start.js";
import { measurePages, sitePaths, type PagesFigures } from "./bench/measure-pages.js";
import { formatStartUp, measureStartUp } from "./bench/startup.js";
import { loadInChild, referenceWarehouse, siteWarehouse } from "./bench/site-warehouses.js";
import { formatIncrementalMonths, formatIncrementalProfile, incrementalMonth, type IncrementalMonth } from "./bench/incremental-month.js";
import { benchRegisters, formatRegisterFigures } from "./bench/registers.js";

const { values } = parseArgs({ options: {
  sizes: { type: "string", default: "100000,1000000" }, "ten-million": { type: "boolean", default: false }, repeat: { type: "string", default: "3" },
  "startup-only": { type: "boolean", default: false }, "load-only": { type: "boolean", default: false }, "site-only": { type: "boolean", default: false }, warehouses: { type: "string" },
  registers: { type: "boolean", default: false }, "registers-only": { type: "boolean", default: false },
  "register-rows": { type: "string", default: "5000000" }, "register-suppliers": { type: "string", default: "50000" },
} });
const sizes = values.sizes!.split(",").map(Number).concat(values["ten-million"] ? [10_000_000] : []);
const repeat = Math.max(1, Number(values.repeat));
const scratch = mkdtempSync(join(tmpdir(), "anchor-spend-bench-"));
const siteWarehouses = values.warehouses ?? join(scratch, "site-warehouses");

/** Wall-clock and CPU seconds (this process's, DuckDB's threads included) of DuckDB reading the files into a table, closed. */
async function rawReadCsv(files: string[]): Promise<{ seconds: number; cpuSeconds: number }> {
  const instance = await DuckDBInstance.create(join(scratch, "raw.duckdb"));
  const connection = await instance.connect();
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The dialect is given and each file read by its own read_csv, as an analyst's script would: DuckDB 1.5's
  // sniffer, left to find a header below a title line, or handed the list of files at once, is over ten
  // times slower (measured here) and would flatter the comparison.
  for (const [index, file] of files.entries()) {
    await connection.run(`${index === 0 ? "CREATE OR REPLACE TABLE raw AS" : "INSERT INTO raw"}
      SELECT * FROM read_csv('${file}', skip = 1, header = true, delim = ',', quote = '"', escape = '"')`);
  }
  connection.closeSync();
  instance.closeSync();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  rmSync(join(scratch, "raw.duckdb"), { force: true });
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** anchor-spend's local share of the loaded warehouse under a definition (its own metrics), for the side-by-side check. */
async function anchorLocalShare(warehouse: string, definitionId: string): Promise<number | null> {
  return withWarehouse(warehouse, "read", async (w) => {
    const compared = await compareDefinitions(w, await resolveScope(w));
    return compared.find((c) => c.definition.id === definitionId)?.headline.localShare ?? null;
  });
}

interface LayoutFigures {
  layout: string; rows: number; files: number;
  rawSeconds: number[]; loadSeconds: number[]; pandasSeconds: number[] | string;
  /** CPU seconds of each read_csv and load (wall clocks stretch with the machine's load; CPU much less). */
  rawCpuSeconds: number[]; loadCpuSeconds: number[];
  /** The 1-minute load average at the start of each run. */
  loadAverages: number[];
  anchorShare: number | null; anchorShareDrawn: number | null; pandasShare: number | null; pandasShareDrawn: number | null;
  peakRssMb: number; sqlSeconds: Record<string, number>; sqlCpuSeconds: Record<string, number>; warehouse: string;
}

/** One layout of one size: generated once, then the floor, the script and the load, alternated `repeat` times. */
async function benchLayout(rows: number, layout: "12 monthly files" | "one file", reference: string): Promise<LayoutFigures> {
  const months = layout === "one file" ? 1 : 12;
  const folder = join(scratch, `institution-${rows}-${months}`);
  console.error(`generating ${rows.toLocaleString("en-GB")} rows in ${layout}…`);
  const institution = await generateInstitution(folder, { rowsPerMonth: Math.ceil(rows / months), months });
  const figures: LayoutFigures = {
    layout, rows: institution.rows, files: institution.spendFiles.length, rawSeconds: [], loadSeconds: [], rawCpuSeconds: [], loadCpuSeconds: [], loadAverages: [], pandasSeconds: pandasMissing() ?? [],
    anchorShare: null, anchorShareDrawn: null, pandasShare: null, pandasShareDrawn: null, peakRssMb: 0, sqlSeconds: {}, sqlCpuSeconds: {}, warehouse: "",
  };
  for (let run = 0; run < repeat; run++) {
    figures.loadAverages.push(loadavg()[0]!);
    console.error(`  run ${run + 1} of ${repeat} (load average ${figures.loadAverages.at(-1)!.toFixed(1)}): read_csv, pandas, anchor-spend load…`);
    const raw = await rawReadCsv(institution.spendFiles);
    figures.rawSeconds.push(raw.seconds);
    figures.rawCpuSeconds.push(raw.cpuSeconds);
    if (Array.isArray(figures.pandasSeconds)) {
      const pandas = runPandas(join(folder, "suppliers.csv"), institution.spendFiles);
      figures.pandasSeconds.push(pandas.seconds);
      figures.pandasShare = pandas.localShare;
      figures.pandasShareDrawn = pandas.localShareDrawn;
    }
    const warehouse = join(scratch, `warehouse-${rows}-${months}-${run}.duckdb`);
    cpSync(reference, warehouse);
    const load = loadInChild(warehouse, [folder]);
    figures.loadSeconds.push(load.wallSeconds);
    figures.loadCpuSeconds.push(load.cpuSeconds);
    if (run === 0) {
      figures.peakRssMb = load.peakRssMb;
      figures.sqlSeconds = Object.fromEntries(Object.entries(load.sqlMilliseconds).map(([statement, ms]) => [statement, ms / 1000]));
      figures.sqlCpuSeconds = Object.fromEntries(Object.entries(load.sqlCpuMilliseconds).map(([statement, ms]) => [statement, ms / 1000]));
      figures.anchorShare = await anchorLocalShare(warehouse, "own-local-authorities");
      figures.anchorShareDrawn = await anchorLocalShare(warehouse, "own-boundaries-polygon");
      figures.warehouse = warehouse;
    } else {
      rmSync(warehouse, { force: true });
    }
  }
  return figures;
}

/** CPU seconds of this process (its DuckDB threads too) and of its waited-for children (Framework's build), from /proc. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat: fields 16 and 17 (cutime, cstime) in clock ticks of 1/100 s, after the parenthesised name.
    const fields = readFileSync("/proc/self/stat", "utf-8").replace(/^.*\) /, "").split(" ");
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}

type SiteFigures = { siteBuildSeconds: number; siteBuildCpuSeconds: number; loadAverage: number; pages: PagesFigures };

/** Builds the site from the warehouse into the scratch folder, timed (wall and CPU), then opens every page. */
async function benchSite(warehouse: string, label: string): Promise<SiteFigures> {
  console.error(`building the site from ${label}…`);
  const site = join(scratch, `site-${label.replace(/\W+/g, "-")}`);
  const loadAverage = loadavg()[0]!;
  const started = performance.now();
  const cpu = cpuSeconds();
  // Rewrites the shared pages/data (see buildSite); the next `npm run build` or `npm start` rewrites it from
  // its own warehouse.
  await buildSite(warehouse, () => undefined, { outputDir: site });
  const siteBuildSeconds = (performance.now() - started) / 1000;
  const siteBuildCpuSeconds = cpuSeconds() - cpu;
  const pages = await measurePages(site, await sitePaths());
  for (const page of "pages" in pages ? pages.pages : []) {
    if (page.problems.length > 0) console.error(`${page.path} built from ${label}:\n  ${page.problems.join("\n  ")}`);
  }
  rmSync(site, { recursive: true, force: true });
  return { siteBuildSeconds, siteBuildCpuSeconds, loadAverage, pages };
}

async function benchClassification(): Promise<{ definition: string; kind: string; postcodes: number; postcodesPerSecond: number }[]> {
  const warehousePath = join(scratch, "reference.duckdb");
  await withWarehouse(warehousePath, "write", (w) => loadInputs(w, [join(projectRoot, "data/demo/reference"), join(projectRoot, "data/demo/definitions")]));
  return withWarehouse(warehousePath, "read", async (w) => {
    const definitions = await compileStoredDefinitions(w);
    const kinds = new Map((await w.all<{ id: string; kind: string }>("SELECT definition_id AS id, kind FROM local_definitions")).map((r) => [r.id, r.kind]));
    const rows = await w.all<LocatedPostcodeRow & Record<string, unknown>>(
      `SELECT p.postcode AS postcode_as_given, p.postcode, split_part(p.postcode, ' ', 1) || ' ' || left(split_part(p.postcode, ' ', 2), 1) AS sector,
              split_part(p.postcode, ' ', 1) AS district, 'unit' AS precision, p.latitude, p.longitude, p.lad_code,
              coalesce(p.icb_code, ai.icb_code) AS icb_code, p.lsoa11_code, p.lsoa21_code, p.terminated, '' AS reason
       FROM postcodes p LEFT JOIN authority_icb ai USING (lad_code)`,
    );
    const points = rows.map(locatedPoint);
    return definitions.map((definition) => {
      const started = performance.now();
      let local = 0;
      for (const point of points) if (definition.isLocal(point)) local++;
      const seconds = (performance.now() - started) / 1000;
      return { definition: `${definition.id} v${definition.version} (${local} local)`, kind: kinds.get(definition.id) ?? "", postcodes: points.length, postcodesPerSecond: points.length / seconds };
    });
  });
}

const round = (n: number) => Math.round(n).toLocaleString("en-GB");
const met = (ok: boolean) => (ok ? "met" : "NOT MET");
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the start`;
console.log(`anchor-spend benchmark — ${machine}; medians of ${repeat} alternated runs\n`);
if (!values["load-only"]) console.log(`${formatStartUp(await measureStartUp(), 5)}\n`);
if (values["registers-only"]) {
  console.log(formatRegisterFigures(await benchRegisters(scratch, Number(values["register-rows"]), Number(values["register-suppliers"]))));
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
if (values["startup-only"]) {
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
await compile();

const layouts: LayoutFigures[] = [];
if (!values["site-only"]) {
  // Reference first (as an analyst's warehouse already holds it), copied under each load being measured.
  const reference = referenceWarehouse(scratch);
  for (const size of sizes) for (const layout of ["12 monthly files", "one file"] as const) layouts.push(await benchLayout(size, layout, reference));

  console.log("Load (seconds are medians, wall clock; anchor-spend's include its start-up, pandas' its imports):");
  console.log(formatTable(
    ["rows", "files", "read_csv s", "pandas s", "load s", "load rows/s", "load ÷ read_csv rows/s", "load ÷ pandas time", "CPU s: read_csv / load", "peak RSS MB", "load average", "local share: anchor-spend / pandas", "drawn: anchor-spend / pandas"],
    layouts.map((l) => {
      const raw = median(l.rawSeconds);
      const load = median(l.loadSeconds);
      const pandas = Array.isArray(l.pandasSeconds) ? median(l.pandasSeconds) : null;
      const pct = (share: number | null) => (share === null ? "–" : `${(share * 100).toFixed(4)}%`);
      return [
        round(l.rows), String(l.files), raw.toFixed(1), pandas === null ? "skipped" : pandas.toFixed(1), load.toFixed(1), round(l.rows / load),
        `${((raw / load) * 100).toFixed(1)}% (${met(raw / load >= 0.5)})`,
        pandas === null ? `skipped: ${String(l.pandasSeconds)}` : `${(load / pandas).toFixed(2)} (${met(load <= pandas)})`,
        `${median(l.rawCpuSeconds).toFixed(1)} / ${median(l.loadCpuSeconds).toFixed(1)}`, round(l.peakRssMb), l.loadAverages.map((a) => a.toFixed(1)).join(" "), `${pct(l.anchorShare)} / ${pct(l.pandasShare)}`, `${pct(l.anchorShareDrawn)} / ${pct(l.pandasShareDrawn)}`,
      ];
    }),
    [0, 1, 2, 3, 4, 5, 6, 7, 8],
  ));
  console.log("targets: load ≥ 50% of read_csv rows/s, and load time ≤ the pandas + GeoPandas script's (ratio ≤ 1), at 1M in 12 files and in 1 file");
  console.log("(CPU seconds, every thread's, stretch far less than wall clocks when the machine is shared: their ratio is the steadier comparison)\n");

  // The largest size's two layouts (twelve files hold a few more rows than one: each month is rounded up).
  for (const profiled of layouts.slice(-2)) {
    const statements = Object.entries(profiled.sqlSeconds).sort((a, b) => b[1] - a[1]);
    // "beside:" statements ran on the second connection, while the main one ran others (their CPU seconds are the
    // whole process's meanwhile): summed on their own line.
    const besides = (statement: string) => statement.startsWith("beside: ");
    const sum = (entries: [string, number][]) => entries.reduce((total, [, seconds]) => total + seconds, 0);
    const inSql = sum(statements.filter(([statement]) => !besides(statement)));
    const inSqlCpu = sum(Object.entries(profiled.sqlCpuSeconds).filter(([statement]) => !besides(statement)));
    const beside = sum(statements.filter(([statement]) => besides(statement)));
    const besideCpu = sum(Object.entries(profiled.sqlCpuSeconds).filter(([statement]) => besides(statement)));
    const wall = profiled.loadSeconds[0]!;
    const cpu = profiled.loadCpuSeconds[0]!;
    console.log(`where the ${round(profiled.rows)}-row load's time goes in ${profiled.layout} (first run, ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU; by SQL statement; the rest is JavaScript, start-up and closing the warehouse):`);
    console.log(formatTable(
      ["statement", "wall s", "share of the load's wall clock", "CPU s", "share of its CPU"],
      [...statements.slice(0, 12).map(([statement, seconds]) => {
        const cpuSeconds = profiled.sqlCpuSeconds[statement] ?? 0;
        return [statement, seconds.toFixed(2), `${((seconds / wall) * 100).toFixed(0)}%`, cpuSeconds.toFixed(2), `${((cpuSeconds / cpu) * 100).toFixed(0)}%`];
      }),
      ["(all SQL on the warehouse's connection)", inSql.toFixed(2), `${((inSql / wall) * 100).toFixed(0)}%`, inSqlCpu.toFixed(2), `${((inSqlCpu / cpu) * 100).toFixed(0)}%`],
      ["(all SQL beside it, at the same time: the next file staged)", beside.toFixed(2), `${((beside / wall) * 100).toFixed(0)}%`, besideCpu.toFixed(2), "(overlapped)"]],
      [1, 2, 3, 4],
    ));
    console.log();
  }
}
if (values["load-only"]) {
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

// Site: npm start from a fresh tree (no Framework cache: the first build makes it), then the demo's build (as
// `npm run build` after `npm start` rebuilds it: the demo and the partners demo, the bundles made), then each
// size's warehouse (built before its extra month, so from exactly its rows).
console.error("timing npm start from a fresh tree…");
const startLoadAverage = loadavg()[0]!;
const started = await timeStart(join(scratch, "start.duckdb"));
const demoWarehouse = join(scratch, "demo.duckdb");
loadInChild(demoWarehouse, [join(projectRoot, demoDataPath), join(projectRoot, partnersDemoDataPath)]);
const demoSite = await benchSite(demoWarehouse, "the demo");
const sites: (SiteFigures & { label: string; rows: number })[] = [{ label: "demo", rows: 0, ...demoSite }];
const incremental: IncrementalMonth[] = [];
for (const rows of sizes) {
  // The load runs' own warehouse of this size, unless --warehouses (or --site-only) says to make or reuse one.
  const loaded = layouts.find((l) => l.layout === "12 monthly files" && l.rows === Math.ceil(rows / 12) * 12);
  const { warehouse, rows: held } = loaded && values.warehouses === undefined ? { warehouse: loaded.warehouse, rows: loaded.rows } : await siteWarehouse(siteWarehouses, rows);
  sites.push({ label: `${round(held)} rows`, rows: held, ...(await benchSite(warehouse, `${held} rows`)) });
  // The same institution, one month later, of the same size whatever the history, `--repeat` times, each into a
  // copy, so that a kept warehouse stays as it was.
  console.error(`loading a month into copies of the ${held}-row warehouse…`);
  incremental.push(await incrementalMonth(scratch, warehouse, held, repeat));
}
const printIncremental = () => console.log(`\n${formatIncrementalMonths(incremental)}\nwhere the month's time goes, by SQL statement:\n${formatIncrementalProfile(incremental)}\n`);
const buildTarget = (rows: number) => (rows === 0 ? 10 : rows < 5_000_000 ? 20 : 60);
console.log("Site:");
console.log(formatTable(
  ["warehouse", "build s", "CPU s", "load average", "target (wall)", "largest page KB", "pages over 1 MB"],
  sites.map((s) => {
    const pages = "pages" in s.pages ? s.pages.pages : [];
    const largestPage = pages.reduce<{ path: string; bytes: number } | null>((a, b) => (a === null || b.bytes > a.bytes ? b : a), null);
    const over = pages.filter((p) => p.bytes > 1_000_000).map((p) => p.path);
    const limit = buildTarget(s.rows);
    return [s.label, s.siteBuildSeconds.toFixed(1), s.siteBuildCpuSeconds.toFixed(1), s.loadAverage.toFixed(1), `< ${limit} s (${met(s.siteBuildSeconds < limit)})`,
      largestPage ? `${round(largestPage.bytes / 1000)} (${largestPage.path})` : `not measured (${"notMeasured" in s.pages ? s.pages.notMeasured : ""})`,
      pages.length === 0 ? "–" : over.length === 0 ? "none (met)" : `${over.join(", ")} (NOT MET)`];
  }),
  [1, 2, 3],
));
console.log(`npm start, fresh tree to a served site (load average ${startLoadAverage.toFixed(1)} as it started): ${"seconds" in started ? `${started.seconds.toFixed(1)} s (target < 30 s: ${met(started.seconds < 30)})` : `not measured (${started.notMeasured})`}`);
const pagePaths = "pages" in demoSite.pages ? demoSite.pages.pages.map((p) => p.path) : [];
if (pagePaths.length > 0) {
  console.log("every page's bytes in headless Chromium, KB (target ≤ 1,000 at 1M and 10M rows):");
  console.log(formatTable(["page", ...sites.map((s) => s.label)], pagePaths.map((path) => [path, ...sites.map((s) => {
    const page = "pages" in s.pages ? s.pages.pages.find((p) => p.path === path) : undefined;
    return page ? `${round(page.bytes / 1000)}${page.problems.length > 0 ? ` (${page.problems.length} problems)` : ""}` : "–";
  })]), sites.map((_, i) => i + 1)));
}
printIncremental();
if (values["site-only"]) {
  mkdirSync(join(projectRoot, "bench-results"), { recursive: true });
  writeFileSync(join(projectRoot, "bench-results", "site-latest.json"), JSON.stringify({ machine, date: new Date().toISOString(), sites, started, incremental }, null, 2));
  rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

const classification = await benchClassification();
console.log(formatTable(["definition", "kind", "postcodes", "postcodes/s", "target"], classification.map((c) => {
  const floor = ["radius", "polygon"].includes(c.kind) ? 200_000 : 1_000_000;
  return [c.definition, c.kind, round(c.postcodes), round(c.postcodesPerSecond), `≥ ${round(floor)} (${met(c.postcodesPerSecond >= floor)})`];
}), [2, 3]));
mkdirSync(join(projectRoot, "bench-results"), { recursive: true });
const registers = values.registers ? await benchRegisters(scratch, Number(values["register-rows"]), Number(values["register-suppliers"])) : null;
if (registers) console.log(`\n${formatRegisterFigures(registers)}`);
writeFileSync(join(projectRoot, "bench-results", "latest.json"), JSON.stringify({ machine, date: new Date().toISOString(), repeat, layouts, sites, started, incremental, classification, registers }, null, 2));
rmSync(scratch, { recursive: true, force: true });
