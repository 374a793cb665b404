// Start-up of the compiled CLI, as a user feels it (issues 13 and 19): `--help`, the start of a load, and a
// no-op reload of the demo, each run several times, alternated, in processes of their own; medians of wall
// clock and of CPU (user + system, from /usr/bin/time when the machine has it: on a busy machine the wall
// clock waits for the cores and CPU does not). `node -e 0` is measured beside them: node's own start here.
//   tsx scripts/bench/startup.ts [--runs N]      (or `npm run bench -- --startup-only`)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { projectRoot } from "../../src/core/config.js";
import { formatTable } from "../../src/core/format-table.js";
import { compile } from "../compile.js";

interface Timed { wall: number; cpu: number | null }

export interface StartUpFigure {
  measure: string;
  /** Median wall-clock seconds, and median CPU seconds when measured. */
  wall: number;
  cpu: number | null;
  /** The target in seconds (wall clock), or null for the baseline. */
  target: number | null;
}

const TIME = "/usr/bin/time";
const cli = join(projectRoot, "bin", "anchor-spend.js");

/** Runs node with `args` once; throws unless it exits 0. */
function run(args: string[]): Timed {
  const timed = existsSync(TIME);
  const started = performance.now();
  const result = spawnSync(timed ? TIME : process.execPath, timed ? ["-f", "cpu %U %S", process.execPath, ...args] : args, {
    cwd: projectRoot, encoding: "utf-8", env: { ...process.env, FORCE_COLOR: "0" },
  });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
  const cpu = /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(result.stderr);
  return { wall, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Measures each start-up figure `runs` times (alternated), in a scratch folder of its own. */
export async function measureStartUp(runs = 5): Promise<StartUpFigure[]> {
  await compile();
  const scratch = mkdtempSync(join(tmpdir(), "anchor-spend-startup-"));
  try {
    const empty = join(scratch, "empty");
    mkdirSync(empty);
    const demo = join(scratch, "demo.duckdb");
    run([cli, "load", join(projectRoot, "data/demo"), "--warehouse", demo]);
    const measures: { measure: string; target: number | null; args: (trial: number) => string[] }[] = [
      { measure: "node -e 0 (node's own start)", target: null, args: () => ["-e", "0"] },
      { measure: "anchor-spend --help", target: 0.5, args: () => [cli, "--help"] },
      // All of a load but the reading: start, open and create a warehouse, walk the (empty) folder, report.
      { measure: "load start (empty folder, new warehouse)", target: 2, args: (trial) => [cli, "load", empty, "--warehouse", join(scratch, `new-${trial}.duckdb`)] },
      { measure: "no-op reload of the demo (all already loaded)", target: 1, args: () => [cli, "load", join(projectRoot, "data/demo"), "--warehouse", demo] },
    ];
    const samples = measures.map(() => [] as Timed[]);
    for (let trial = 0; trial < runs; trial++) {
      for (const [index, measure] of measures.entries()) samples[index]!.push(run(measure.args(trial)));
    }
    return measures.map(({ measure, target }, index) => {
      const cpu = samples[index]!.map((sample) => sample.cpu);
      return { measure, target, wall: median(samples[index]!.map((sample) => sample.wall)), cpu: cpu.every((c) => c !== null) ? median(cpu as number[]) : null };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function formatStartUp(figures: readonly StartUpFigure[], runs: number): string {
  return `start-up of the compiled CLI (median of ${runs} runs each; targets on the wall clock):\n${formatTable(
    ["measure", "wall s", "CPU s", "target s", "met"],
    figures.map((f) => [f.measure, f.wall.toFixed(2), f.cpu === null ? "–" : f.cpu.toFixed(2), f.target === null ? "" : `< ${f.target}`,
      f.target === null ? "" : f.wall < f.target ? "yes" : "NO"]),
    [1, 2, 3],
  )}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
  const runs = Number(values.runs);
  console.log(formatStartUp(await measureStartUp(runs), runs));
}
