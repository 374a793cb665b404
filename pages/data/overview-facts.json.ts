// The overview's spend facts: by institution, supplier and month, suppliers outside every top list grouped by class.
import { warehousePathForSite } from "../../src/config.js";
import { overviewFactsSnapshot } from "../../src/overview-snapshot.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", overviewFactsSnapshot)));
