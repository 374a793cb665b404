import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../core/config.js";
import { PROBLEM_LIST } from "../../core/problem-codes.js";
import { readTableSchema } from "../../../loaders/schema/column-synonyms.js";
import type { Warehouse } from "../../warehouse/warehouse.js";
import { withFactsArrow } from "./facts-arrow.js";
import { groupedFactsSnapshot, overviewFactsSnapshot } from "./overview-snapshot.js";
import { dataQualitySnapshot, localDefinitionsSnapshot, methodologySnapshot } from "./site-snapshots.js";
import { socialValueSnapshot, tenderingSnapshot } from "./social-value-snapshots.js";

/** The shared data schema (data/schema), and the codes of the problems a row can have, for the page that documents it to partners. */
async function schemaSnapshot() {
  const descriptor = JSON.parse(readFileSync(join(projectRoot, "data", "schema", "datapackage.json"), "utf-8")) as unknown;
  return { descriptor, tables: [readTableSchema("spend"), readTableSchema("suppliers")], problems: PROBLEM_LIST };
}

/** Suppliers kept one by one on the Suppliers page: the top this many of any period (the rest grouped by class). */
export const SUPPLIERS_LISTED = 100;
/** Local suppliers the Market page names per category (its table shows the largest three). */
export const MARKET_LOCAL_NAMED = 3;

/**
 * Every file the pages read from pages/data/ (`FileAttachment("data/<name>")`), and how it is computed from
 * the warehouse: each entry gives one or more files. src/site/write-page-data.ts writes them all before a
 * build, from one read-only connection. A `.json` file holds its value as JSON; an `.arrow` file holds the
 * Arrow IPC bytes given. Spend facts are sized by what each page shows, never by the history.
 */
export const PAGE_DATA: ((warehouse: Warehouse) => Promise<Record<string, unknown>>)[] = [
  async (w) => ({ "overview-facts.json": await overviewFactsSnapshot(w) }),
  async (w) => withFactsArrow("suppliers", await groupedFactsSnapshot(w, { topSuppliers: SUPPLIERS_LISTED, byCategory: true })),
  async (w) => withFactsArrow("market", await groupedFactsSnapshot(w, { topSuppliers: 0, byCategory: true, topLocalPerCategory: MARKET_LOCAL_NAMED })),
  async (w) => ({ "local-definitions.json": await localDefinitionsSnapshot(w) }),
  async (w) => ({ "social-value.json": await socialValueSnapshot(w) }),
  async (w) => ({ "tendering.json": await tenderingSnapshot(w) }),
  async (w) => ({ "data-quality.json": await dataQualitySnapshot(w) }),
  async (w) => ({ "methodology.json": await methodologySnapshot(w) }),
  async () => ({ "schema.json": await schemaSnapshot() }),
];
