import { resolve } from "node:path";
import { sitePath } from "../../core/config.js";
import { warehouseOf, warehouseOption, type Command } from "../command.js";

export const report: Command = {
  summary: "print the load report (per file rows read, loaded, quarantined, amount loaded), or the board paper PDF",
  usage: "[options]",
  options: {
    warehouse: warehouseOption,
    json: { type: "boolean", description: "print JSON for machines" },
    pdf: { type: "string", valueName: "FILE", description: "print the board pack (cover, summary, figures, charts, sources) from the built site to an A4 PDF" },
    institution: { type: "string", valueName: "ID", description: "with --pdf: whose board pack (default: the first institution with a definition of local)" },
  },
  async run(values) {
    if (typeof values.pdf === "string") {
      const { printPdf } = await import("../../site/print-pdf.js");
      const printed = await printPdf(resolve(values.pdf), { site: sitePath(), ...(typeof values.institution === "string" ? { institution: values.institution } : {}) });
      console.log(`printed the board pack of ${printed.institution} (${printed.pages} A4 pages) to ${values.pdf}`);
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
