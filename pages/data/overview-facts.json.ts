// The overview's spend facts: by institution, supplier and month, suppliers outside every top list grouped by class.
import { warehousePathForSite } from "../../src/core/config.js";
import { overviewFactsSnapshot } from "../../src/site/page-data/overview-snapshot.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", overviewFactsSnapshot)));
