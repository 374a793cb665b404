// Run by the register benchmark in its own process: loads a generated register, then a spend file of distinct
// suppliers (which matches them, as part of load), then matches every supplier again; prints seconds and peak memory.
import { loadInputs } from "../../loaders/load-inputs.js";
import { matchSuppliers } from "../../src/model/suppliers/match-suppliers.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";
import { peakRssMb } from "./peak-rss.js";

const [warehousePath, register, council] = process.argv.slice(2);
const figures = await withWarehouse(warehousePath!, "write", async (warehouse) => {
  const time = async <T>(work: () => Promise<T>): Promise<[number, T, number]> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(cpu);
    return [(performance.now() - started) / 1000, result, (used.user + used.system) / 1e6];
  };
  const [registerSeconds, loaded, registerCpuSeconds] = await time(() => loadInputs(warehouse, [register!]));
  const peakAfterRegisterMb = peakRssMb();
  const heapAfterRegisterMb = process.memoryUsage().heapTotal / 2 ** 20;
  const [spendSeconds, spend, spendCpuSeconds] = await time(() => loadInputs(warehouse, [council!]));
  const peakAfterSpendMb = peakRssMb();
  const refused = [...loaded, ...spend].filter((result) => result.status === "refused");
  if (refused.length > 0) throw new Error(JSON.stringify(refused));
  const [matchSeconds, counts, matchCpuSeconds] = await time(() => warehouse.transaction(() => matchSuppliers(warehouse)));
  const rows = loaded.reduce((sum, result) => sum + (result.status === "loaded" ? result.outcome.rowsLoaded : 0), 0);
  const sqlMilliseconds = Object.fromEntries(warehouse.sqlTimings ?? []);
  const sqlCpuMilliseconds = Object.fromEntries(warehouse.sqlCpuTimings ?? []);
  return { registerSeconds, registerCpuSeconds, rows, spendSeconds, spendCpuSeconds, matchSeconds, matchCpuSeconds, counts, peakAfterRegisterMb, heapAfterRegisterMb, peakAfterSpendMb, sqlMilliseconds, sqlCpuMilliseconds };
});
process.stdout.write(JSON.stringify({ ...figures, peakRssMb: peakRssMb() }));
