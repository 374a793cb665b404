import { dirname, join, resolve } from "node:path";
import { reviewFileName as REVIEW_FILE } from "../../core/config.js";
import { UsageError } from "../../core/errors.js";
import { warehouseOf, warehouseOption, type Command, type Values } from "../command.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const text = (values: Values, name: string) => (typeof values[name] === "string" && values[name] !== "" ? String(values[name]) : null);

/**
 * `suppliers match`: coverage before, the automatic matching (src/model/suppliers/match-suppliers.ts) and the
 * locality it moves in one transaction, the review file written (beside the warehouse unless --to says where),
 * coverage after.
 */
async function match(values: Values): Promise<number> {
  const [{ withWarehouse }, { supplierCoverage, formatCoverage }, { writeReviewFile }, { matchSuppliers }, { refreshSupplierLocality }] = await Promise.all([
    import("../../warehouse/warehouse.js"), import("../../model/supplier-coverage.js"), import("../../share/write-review-file.js"),
    import("../../model/suppliers/match-suppliers.js"), import("../../model/refresh-locality.js"),
  ]);
  const warehouse = warehouseOf(values);
  const institution = text(values, "institution");
  const to = resolve(text(values, "to") ?? join(dirname(warehouse), REVIEW_FILE));
  const result = await withWarehouse(warehouse, "write", async (w) => {
    const before = await supplierCoverage(w, institution);
    if (institution !== null && before.length === 0) throw new UsageError(`no institution "${institution}" with current spend is loaded`);
    const matched = await w.transaction(async () => {
      const counts = await matchSuppliers(w, institution === null ? {} : { institution });
      await refreshSupplierLocality(w, "all");
      return counts;
    });
    const written = await writeReviewFile(w, to, institution);
    return { before, matched, written, after: await supplierCoverage(w, institution) };
  });
  if (values.json) {
    console.log(JSON.stringify({ reviewFile: to, ...result }, null, 2));
    return 0;
  }
  const { matched } = result;
  console.log(`Coverage before matching (share of spend placed, by source):\n${formatCoverage(result.before)}\n`);
  console.log(matched.suppliers === 0
    ? "matched no supplier: no national register is loaded (load Companies House's basic company data or the Charity Commission extract first; see README)\n"
    : `matched ${matched.suppliers} suppliers against the loaded registers: accepted by identifier ${matched.identifier}, by exact name ${matched.name}, `
      + `by fuzzy name ${matched.fuzzy}; ${matched.toReview} with candidates to review; ${matched.unmatched} with none (decisions already loaded still win)\n`);
  console.log(`Coverage after matching:\n${formatCoverage(result.after)}\n`);
  console.log(`wrote ${to}: ${plural(result.written.rows, "candidate")} of ${plural(result.written.suppliers, "supplier")} to review (INTERNAL: it names payees; never publish it).`);
  console.log("Fill in its Decision column (accept one, reject, or none), then: anchor-spend suppliers review --accept FILE");
  return 0;
}

/** `suppliers review --accept FILE`: an analyst's decisions loaded, and coverage after. */
async function review(values: Values): Promise<number> {
  const file = text(values, "accept");
  if (file === null) throw new UsageError("say which edited review file to load: suppliers review --accept FILE");
  const [{ withWarehouse }, { supplierCoverage, formatCoverage }, { loadReviewDecisions }] = await Promise.all([
    import("../../warehouse/warehouse.js"), import("../../model/supplier-coverage.js"), import("../../../loaders/suppliers/load-review-decisions.js"),
  ]);
  const result = await withWarehouse(warehouseOf(values), "write", async (w) => ({
    load: await loadReviewDecisions(w, file), coverage: await supplierCoverage(w),
  }));
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const { load } = result;
  if (load.status === "already loaded") {
    console.log(`already loaded ${file}: same content, nothing changed`);
    return 0;
  }
  const { rowsRead, rowsLoaded, rowsQuarantined, decisions, undecided } = load.outcome;
  console.log(`loaded        ${file}: read ${rowsRead} = loaded ${rowsLoaded} + quarantined ${rowsQuarantined}; ${plural(decisions, "decision")} stored, ${plural(undecided, "row")} left undecided; ${plural(load.suppliers, "supplier")}' locality recomputed`);
  if (rowsQuarantined > 0) console.log("              the quarantined rows, with their row, column, value and reason: anchor-spend build --level internal (Quarantined rows)");
  console.log(`\nCoverage (share of spend placed, by source):\n${formatCoverage(result.coverage)}`);
  return 0;
}

/** `anchor-spend suppliers match | review --accept FILE`. */
export const suppliers: Command = {
  summary: "match suppliers to the national registers (writes suppliers-to-review.csv, prints coverage); load an analyst's review decisions",
  usage: "match [--institution ID] [--to FILE] | review --accept FILE",
  options: {
    warehouse: warehouseOption,
    institution: { type: "string", valueName: "ID", description: "match: this institution only (default: every one)" },
    to: { type: "string", valueName: "FILE", description: `match: where to write the review file (default: ${REVIEW_FILE} beside the warehouse)` },
    accept: { type: "string", valueName: "FILE", description: "review: the edited review file to load as decisions" },
    json: { type: "boolean", description: "print JSON for machines" },
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected ${rest.map((r) => `"${r}"`).join(" ")}`);
    switch (action) {
      case "match": return match(values);
      case "review": return review(values);
      default: throw new UsageError(`expected match or review, found ${action === undefined ? "nothing" : `"${action}"`}`);
    }
  },
};
