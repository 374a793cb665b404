import { resolve } from "node:path";
import { sitePath } from "../../core/config.js";
import { warehouseOf, warehouseOption, type Command } from "../command.js";

export const report: Command = {
  summary: "print the load report (per file rows read, loaded, quarantined, amount loaded), or the board paper PDF",
  usage: "[options]",
  options: {
    warehouse: warehouseOption,
    json: { type: "boolean", description: "print JSON for machines" },
    pdf: { type: "string", valueName: "FILE", description: "print the built site's overview and social value pages to a PDF, for board papers" },
  },
  async run(values) {
    if (typeof values.pdf === "string") {
      const { BOARD_PAPER_PAGES, printPdf } = await import("../../site/print-pdf.js");
      const printed = await printPdf(resolve(values.pdf), BOARD_PAPER_PAGES, sitePath());
      console.log(`printed ${printed.join(", ")} to ${values.pdf}`);
      return 0;
    }
    const [{ withWarehouse }, { formatLoadReport, loadReport }] = await Promise.all([
      import("../../warehouse/warehouse.js"), import("../../model/load-report.js"),
    ]);
    const lines = await withWarehouse(warehouseOf(values), "read", loadReport);
    console.log(values.json ? JSON.stringify(lines, null, 2) : formatLoadReport(lines));
    return 0;
  },
};
