import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { buildPath, compile } from "../compile.js";
import { generateRegisterBench } from "./generate-register.js";

export interface RegisterFigures {
  companies: number; suppliers: number; fileMb: number; generateSeconds: number;
  registerSeconds: number; spendSeconds: number; matchSeconds: number; peakRssMb: number; peakAfterRegisterMb: number; heapAfterRegisterMb: number;
  /** CPU seconds of the child process (every thread's) in each step: steadier than wall clock on a shared machine. */
  registerCpuSeconds: number; spendCpuSeconds: number; matchCpuSeconds: number;
  /** Wall-clock and CPU milliseconds by SQL statement (its first words), over the three steps. */
  sqlMilliseconds: Record<string, number>; sqlCpuMilliseconds: Record<string, number>;
  counts: Record<string, number>; loadAverage: string;
}

/**
 * The national-register benchmark (`npm run bench -- --registers`): a generated register of `companies` rows in the
 * published Companies House layout loaded (its own process, for its peak memory), then `suppliers` distinct supplier
 * names loaded as a spend file (matched as part of load) and matched again in full. Goals: under 60 s, under 2 GB.
 */
export async function benchRegisters(scratch: string, companies: number, suppliers: number): Promise<RegisterFigures> {
  const folder = join(scratch, "registers");
  mkdirSync(folder, { recursive: true });
  const generated = performance.now();
  const { register, spend } = await generateRegisterBench(folder, companies, suppliers);
  const generateSeconds = (performance.now() - generated) / 1000;
  await compile();
  const output = execFileSync(process.execPath, [join(buildPath, "scripts/bench/register-child.js"), join(folder, "warehouse.duckdb"), register, spend],
    { encoding: "utf-8", maxBuffer: 1 << 24, env: { ...process.env, ANCHOR_SPEND_SQL_TIMINGS: "1" } });
  const figures = JSON.parse(output) as Omit<RegisterFigures, "companies" | "suppliers" | "fileMb" | "generateSeconds" | "loadAverage">;
  const fileMb = statSync(register).size / 2 ** 20;
  rmSync(folder, { recursive: true, force: true });
  return { companies, suppliers, fileMb, generateSeconds, ...figures, loadAverage: loadavg().map((l) => l.toFixed(1)).join(" ") };
}

export function formatRegisterFigures(f: RegisterFigures): string {
  const total = f.registerSeconds + f.spendSeconds;
  const slowest = Object.entries(f.sqlMilliseconds).sort(([, a], [, b]) => b - a).slice(0, 6)
    .map(([statement, ms]) => `    ${(ms / 1000).toFixed(1)} s wall, ${((f.sqlCpuMilliseconds[statement] ?? 0) / 1000).toFixed(1)} s CPU: ${statement}`);
  return [
    `National registers: ${f.companies.toLocaleString("en-GB")} generated companies (${f.fileMb.toFixed(0)} MB, published layout; generated in ${f.generateSeconds.toFixed(1)} s), ${f.suppliers.toLocaleString("en-GB")} distinct suppliers`,
    `  register load ${f.registerSeconds.toFixed(1)} s (${f.registerCpuSeconds.toFixed(1)} s CPU); spend load with matching ${f.spendSeconds.toFixed(1)} s (${f.spendCpuSeconds.toFixed(1)} s CPU); full rematch ${f.matchSeconds.toFixed(1)} s (${f.matchCpuSeconds.toFixed(1)} s CPU)`,
    `  load + match ${total.toFixed(1)} s (goal < 60 s: ${total < 60 ? "met" : "NOT MET"}); peak RSS ${f.peakRssMb.toFixed(0)} MB (goal < 2048 MB: ${f.peakRssMb < 2048 ? "met" : "NOT MET"}; ${f.peakAfterRegisterMb.toFixed(0)} MB by the end of the register load, when node's heap was ${f.heapAfterRegisterMb.toFixed(0)} MB)`,
    `  matched: ${JSON.stringify(f.counts)}; load average at the end ${f.loadAverage}`,
    "  slowest SQL statements:", ...slowest,
  ].join("\n");
}
