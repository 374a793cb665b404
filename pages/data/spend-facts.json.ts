// Spend by institution, supplier, month and category, with each supplier's class under every definition.
import { warehousePathForSite } from "../../src/config.js";
import { spendFactsSnapshot } from "../../src/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", spendFactsSnapshot)));
