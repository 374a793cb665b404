// Social value: priorities, committed vs delivered, proxy values, delivered locally, LM3, engagement.
import { warehousePathForSite } from "../../src/core/config.js";
import { socialValueSnapshot } from "../../src/site/page-data/social-value-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", socialValueSnapshot)));
