// Definitions side by side, suppliers changing class, supplier locations and the drawn boundary.
import { warehousePathForSite } from "../../src/core/config.js";
import { localDefinitionsSnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", localDefinitionsSnapshot)));
