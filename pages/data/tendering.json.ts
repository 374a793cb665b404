// Tendering: contracts with their weighting, questions and priorities, and the tendering and returns checks.
import { warehousePathForSite } from "../../src/core/config.js";
import { tenderingSnapshot } from "../../src/site/page-data/social-value-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", tenderingSnapshot)));
