// Run by the fault tests in a process of their own, compiled to build/test/helpers/load-child.js by vitest's
// global setup: what `anchor-spend load` and `anchor-spend report --json` do (src/cli/commands/load.ts,
// report.ts), with no command table or option parsing, so that a kill timed from the start lands in the load.
// Same warehouse calls, same messages, same exit codes (0 ok, 1 a refused file or an error).
//   load-child.ts load <warehouse> <path…>     prints each file's result on stderr, as the CLI does
//   load-child.ts report <warehouse>           prints the load report as JSON on stdout
import { loadInputs } from "../../loaders/load-inputs.js";
import { loadReport } from "../../src/model/load-report.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

const [mode, warehousePath, ...paths] = process.argv.slice(2);
try {
  if (!warehousePath || (mode !== "load" && mode !== "report")) throw new Error("usage: load-child.ts load|report <warehouse> [path…]");
  if (mode === "report") {
    process.stdout.write(JSON.stringify(await withWarehouse(warehousePath, "read", loadReport)));
  } else {
    const results = await withWarehouse(warehousePath, "write", (warehouse) =>
      loadInputs(warehouse, paths, {
        onFile: (result) => console.error(result.status === "refused" ? `REFUSED       ${result.error}` : `${result.status.padEnd(14)}${result.path}`),
      }));
    process.exitCode = results.some((result) => result.status === "refused") ? 1 : 0;
  }
} catch (error) {
  console.error(`anchor-spend ${mode}: ${(error as Error).message}`);
  process.exitCode = 1;
}
