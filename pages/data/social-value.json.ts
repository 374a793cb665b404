// Social value: priorities, committed vs delivered, proxy values, delivered locally, LM3, engagement.
import { warehousePathForSite } from "../../src/config.js";
import { socialValueSnapshot } from "../../src/social-value-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", socialValueSnapshot)));
