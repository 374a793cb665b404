import { resolve } from "node:path";
import { sitePath } from "../../core/config.js";
import { warehouseOf, warehouseOption, type Command } from "../command.js";

export const report: Command = {
  summary: "print the load report (per file rows read, loaded, quarantined, amount loaded), or the board paper PDF",
  usage: "[options]",
  options: {
    warehouse: warehouseOption,
    json: { type: "boolean", description: "print JSON for machines (the load report's files; with --coverage, the coverage; with --public-bodies, those figures)" },
    coverage: { type: "boolean", description: "print only each institution's coverage: share of spend placed, by source (register, review, Companies House, Charity Commission, unplaced)" },
    "public-bodies": { type: "boolean", description: "print only each institution's spend with public bodies (NHS bodies, councils, HMRC), and the local share of influenceable spend of definitions that leave them out" },
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
    const [{ withWarehouse }, { formatLoadReport, loadReport }, { formatCoverage, supplierCoverage }, { formatPublicBodySpend, publicBodySpend }] = await Promise.all([
      import("../../warehouse/warehouse.js"), import("../../model/load-report.js"), import("../../model/supplier-coverage.js"), import("../../model/public-body-spend.js"),
    ]);
    const { lines, coverage, publicBodies } = await withWarehouse(warehouseOf(values), "read", async (w) => ({
      lines: await loadReport(w), coverage: await supplierCoverage(w), publicBodies: await publicBodySpend(w),
    }));
    // `report --json` stays the files' array it has always been; `--coverage --json` and `--public-bodies --json` give those.
    if (values.coverage) console.log(values.json ? JSON.stringify(coverage, null, 2) : formatCoverage(coverage));
    else if (values["public-bodies"]) console.log(values.json ? JSON.stringify(publicBodies, null, 2) : formatPublicBodySpend(publicBodies));
    else if (values.json) console.log(JSON.stringify(lines, null, 2));
    else console.log(`${formatLoadReport(lines)}\n\nCoverage (share of spend placed, by source):\n${formatCoverage(coverage)}`
      + `\n\nSpend with public bodies (the whole period of each institution's spend):\n${formatPublicBodySpend(publicBodies)}`);
    return 0;
  },
};
