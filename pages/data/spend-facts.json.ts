// Spend by institution, supplier, month and category, with each supplier's class under every definition.
import { warehousePathForSite } from "../../src/core/config.js";
import { spendFactsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", spendFactsSnapshot)));
