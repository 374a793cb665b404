import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../core/config.js";
import { PROBLEM_LIST, problemTitle } from "../../core/problem-codes.js";
import { quarantinedRows } from "../../model/load-report.js";
import { readTableSchema } from "../../../loaders/schema/column-synonyms.js";
import type { Warehouse } from "../../warehouse/warehouse.js";
import { withFactColumns } from "./page-facts.js";
import { columnar, groupedFactsSnapshot, overviewFactsSnapshot } from "./overview-snapshot.js";
import { dataQualitySnapshot, localDefinitionsSnapshot, methodologySnapshot } from "./site-snapshots.js";
import { socialValueSnapshot, tenderingSnapshot } from "./social-value-snapshots.js";

/** The shared data schema (data/schema), and the codes of the problems a row can have, for the page that documents it to partners. */
async function schemaSnapshot() {
  const descriptor = JSON.parse(readFileSync(join(projectRoot, "data", "schema", "datapackage.json"), "utf-8")) as unknown;
  return { descriptor, tables: [readTableSchema("spend"), readTableSchema("suppliers")], problems: PROBLEM_LIST };
}

/**
 * Who a build is for: `public` (the published site: quarantine counts only, never a raw value) or `internal` (the
 * analysts' build, `build --level internal`: every quarantined row with its raw value; never to be published).
 */
export type SiteLevel = "public" | "internal";

/** Quarantined rows the analysts' page lists at most (the rest are counted, and `report --json` has them all). */
export const QUARANTINE_ROWS_LISTED = 20_000;

/** The analysts' list of quarantined rows: in an internal build only; a public build says where to find it, with no row. */
async function quarantineRowsSnapshot(warehouse: Warehouse, level: SiteLevel) {
  if (level !== "internal") return { level, total: null, rows: null };
  const { total, rows } = await quarantinedRows(warehouse, QUARANTINE_ROWS_LISTED);
  return { level, total, rows: columnar(rows.map((row) => ({ ...row, reasonTitle: problemTitle(row.code) }))) };
}

/** Suppliers kept one by one on the Suppliers page: the top this many of any period (the rest grouped by class). */
export const SUPPLIERS_LISTED = 100;
/** Local suppliers the Market page names per category (its table shows the largest three). */
export const MARKET_LOCAL_NAMED = 3;

/**
 * Every file the pages read from pages/data/ (`FileAttachment("data/<name>")`), and how it is computed from
 * the warehouse: each entry gives one or more files. src/site/write-page-data.ts writes them all before a
 * build, from one read-only connection, each value as JSON. Spend facts are sized by what each page shows, never
 * by the history, and carried in dictionary columns (page-facts.ts).
 */
export const PAGE_DATA: ((warehouse: Warehouse, level: SiteLevel) => Promise<Record<string, unknown>>)[] = [
  async (w) => ({ "overview-facts.json": await overviewFactsSnapshot(w) }),
  async (w) => ({ "suppliers.json": withFactColumns(await groupedFactsSnapshot(w, { topSuppliers: SUPPLIERS_LISTED, byCategory: true, suppliersPaid: true })) }),
  async (w) => ({ "market.json": withFactColumns(await groupedFactsSnapshot(w, { topSuppliers: 0, byCategory: true, topLocalPerCategory: MARKET_LOCAL_NAMED })) }),
  async (w) => ({ "local-definitions.json": await localDefinitionsSnapshot(w) }),
  async (w) => ({ "social-value.json": await socialValueSnapshot(w) }),
  async (w) => ({ "tendering.json": await tenderingSnapshot(w) }),
  async (w) => ({ "data-quality.json": await dataQualitySnapshot(w) }),
  async (w) => ({ "methodology.json": await methodologySnapshot(w) }),
  async () => ({ "schema.json": await schemaSnapshot() }),
  async (w, level) => ({ "quarantine-rows.json": await quarantineRowsSnapshot(w, level) }),
];
