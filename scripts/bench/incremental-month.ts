// The cost of loading one more month into a warehouse of some history (issue 19: flat in history, ±20%): the same
// institution as the history (same seed: the same suppliers and their postcodes), one month later, of 10k lines
// whatever the history, loaded `runs` times, each into a fresh copy of the warehouse, so that the warehouse given
// is never written. Wall clock (the child's start-up included) and CPU, medians; the first run's SQL by statement.
//   npx tsx scripts/bench/incremental-month.ts DIR [rows,rows…] [--runs N]   (DIR's warehouse-<rows>.duckdb, as
//   scripts/bench/site-warehouses.ts makes them; `npm run bench` runs it after each size's site build)
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { formatTable } from "../../src/core/format-table.js";
import { compile } from "../compile.js";
import { generateInstitution } from "./generate-spend.js";
import { loadInChild } from "./site-warehouses.js";

export const INCREMENTAL_MONTH_ROWS = 10_000;
/** The target: the month's cost after the largest history within this share of its cost after the smallest. */
export const FLAT_TOLERANCE = 0.2;

export interface IncrementalMonth {
  /** Rows of history in the warehouse before the month. */
  rows: number;
  wallSeconds: number[]; cpuSeconds: number[];
  /** The first run's SQL by statement: wall and CPU milliseconds. */
  sqlMilliseconds: Record<string, number>; sqlCpuMilliseconds: Record<string, number>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Loads the month after `warehouse`'s history (of `rows` lines) `runs` times, each into a copy made in `scratch`. */
export async function incrementalMonth(scratch: string, warehouse: string, rows: number, runs = 3): Promise<IncrementalMonth> {
  const next = await generateInstitution(join(scratch, `next-${rows}`), { rowsPerMonth: INCREMENTAL_MONTH_ROWS, months: 1, firstMonth: 12 });
  const figures: IncrementalMonth = { rows, wallSeconds: [], cpuSeconds: [], sqlMilliseconds: {}, sqlCpuMilliseconds: {} };
  for (let run = 0; run < runs; run++) {
    const copy = join(scratch, `incremental-${rows}.duckdb`);
    copyFileSync(warehouse, copy);
    // A write-ahead log beside the warehouse (one not checkpointed) is part of it.
    if (existsSync(`${warehouse}.wal`)) copyFileSync(`${warehouse}.wal`, `${copy}.wal`);
    // On disk before the clock starts: else the load's checkpoint, syncing the file, would write the whole copy
    // (hundreds of MB at 10M) and the month would seem to grow with the history.
    for (const file of [copy, `${copy}.wal`].filter((f) => existsSync(f))) {
      const fd = openSync(file, "r+");
      fsyncSync(fd);
      closeSync(fd);
    }
    try {
      const load = loadInChild(copy, next.spendFiles);
      figures.wallSeconds.push(load.wallSeconds);
      figures.cpuSeconds.push(load.cpuSeconds);
      if (run === 0) {
        figures.sqlMilliseconds = load.sqlMilliseconds;
        figures.sqlCpuMilliseconds = load.sqlCpuMilliseconds;
      }
    } finally {
      rmSync(copy, { force: true });
      rmSync(`${copy}.wal`, { force: true });
    }
  }
  rmSync(next.folder, { recursive: true, force: true });
  return figures;
}

/** The figures as printed: each size's medians, then the largest history's against the smallest's, against the target. */
export function formatIncrementalMonths(months: IncrementalMonth[]): string {
  const round = (n: number) => Math.round(n).toLocaleString("en-GB");
  const lines = [`+${INCREMENTAL_MONTH_ROWS / 1000}k-row month into each warehouse (a copy), medians of ${months[0]?.wallSeconds.length ?? 0} runs (target: flat in history, ±${FLAT_TOLERANCE * 100}%):`];
  lines.push(formatTable(["history rows", "wall s", "CPU s", "runs (wall s)"], months.map((m) => [
    round(m.rows), median(m.wallSeconds).toFixed(2), median(m.cpuSeconds).toFixed(2), m.wallSeconds.map((s) => s.toFixed(2)).join(" "),
  ]), [0, 1, 2]));
  const sorted = [...months].sort((a, b) => a.rows - b.rows);
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (!first || !last || first === last) {
    lines.push("flatness not shown: one size only (give two: 1,000,000 and 10,000,000)");
  } else {
    const ratio = (of: (m: IncrementalMonth) => number[]) => median(of(last)) / median(of(first));
    const verdict = (r: number) => `${r.toFixed(2)} (${Math.abs(r - 1) <= FLAT_TOLERANCE ? "met" : "NOT MET"})`;
    lines.push(`after ${round(last.rows)} rows ÷ after ${round(first.rows)}: wall ${verdict(ratio((m) => m.wallSeconds))}, CPU ${verdict(ratio((m) => m.cpuSeconds))}`);
  }
  return lines.join("\n");
}

/** The first run's slowest statements of each size, side by side (where a month's cost grows with history). */
export function formatIncrementalProfile(months: IncrementalMonth[], top = 10): string {
  const statements = new Set<string>();
  for (const m of months) for (const [statement] of Object.entries(m.sqlMilliseconds).sort((a, b) => b[1] - a[1]).slice(0, top)) statements.add(statement);
  const round = (n: number) => Math.round(n).toLocaleString("en-GB");
  return formatTable(
    ["statement (first run)", ...months.flatMap((m) => [`ms after ${round(m.rows)}: wall`, "CPU"])],
    [...statements].map((statement) => [statement, ...months.flatMap((m) => [
      (m.sqlMilliseconds[statement] ?? 0).toFixed(0), (m.sqlCpuMilliseconds[statement] ?? 0).toFixed(0),
    ])]).concat([["(all SQL)", ...months.flatMap((m) => [
      Object.values(m.sqlMilliseconds).reduce((a, b) => a + b, 0).toFixed(0), Object.values(m.sqlCpuMilliseconds).reduce((a, b) => a + b, 0).toFixed(0),
    ])]]),
    months.flatMap((_, i) => [1 + 2 * i, 2 + 2 * i]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: "string", default: "3" }, profile: { type: "boolean", default: false } } });
  const [folder, sizes = "1000000,10000000"] = positionals;
  if (!folder) throw new Error("usage: npx tsx scripts/bench/incremental-month.ts DIR [rows,rows…] [--runs N] [--profile]");
  await compile();
  const scratch = mkdtempSync(join(tmpdir(), "anchor-spend-month-"));
  try {
    const months: IncrementalMonth[] = [];
    for (const size of sizes.split(",").map(Number)) {
      const warehouse = join(folder, `warehouse-${size}.duckdb`);
      if (!existsSync(warehouse)) throw new Error(`no ${warehouse}: make it with scripts/bench/site-warehouses.ts`);
      months.push(await incrementalMonth(scratch, warehouse, Math.ceil(size / 12) * 12, Number(values.runs)));
    }
    console.log(formatIncrementalMonths(months));
    if (values.profile) console.log(`\n${formatIncrementalProfile(months)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
