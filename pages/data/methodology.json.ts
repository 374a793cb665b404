// Definitions of local and institutions, as loaded, for the methodology page.
import { warehousePathForSite } from "../../src/core/config.js";
import { methodologySnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", methodologySnapshot)));
