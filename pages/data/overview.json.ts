// Overview figures: scope (institution, headline definition, period), headline, monthly local share, top suppliers.
import { warehousePathForSite } from "../../src/config.js";
import { overviewSnapshot } from "../../src/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", overviewSnapshot)));
