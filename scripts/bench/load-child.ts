// Run by the benchmark in its own process: loads paths into a warehouse and prints seconds, peak memory and
// the time spent in SQL by statement, wall clock and CPU (ANCHOR_SPEND_SQL_TIMINGS=1, set by the benchmark).
import { loadInputs } from "../../loaders/load-inputs.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { peakRssMb } from "./peak-rss.js";

const [warehousePath, ...paths] = process.argv.slice(2);
const started = performance.now();
let sqlMilliseconds: Record<string, number> = {};
let sqlCpuMilliseconds: Record<string, number> = {};
const results = await withWarehouse(warehousePath!, "write", async (warehouse) => {
  const loaded = await loadInputs(warehouse, paths);
  sqlMilliseconds = Object.fromEntries(warehouse.sqlTimings ?? []);
  sqlCpuMilliseconds = Object.fromEntries(warehouse.sqlCpuTimings ?? []);
  return loaded;
});
const seconds = (performance.now() - started) / 1000;
const refused = results.filter((result) => result.status === "refused");
if (refused.length > 0) throw new Error(JSON.stringify(refused));
const rows = results.reduce((sum, result) => sum + (result.status === "loaded" && result.kind === "spend" ? result.outcome.rowsRead : 0), 0);
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(JSON.stringify({ seconds, cpuSeconds, rows, peakRssMb: peakRssMb(), sqlMilliseconds, sqlCpuMilliseconds }));
