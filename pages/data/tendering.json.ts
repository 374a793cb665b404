// Tendering: contracts with their weighting, questions and priorities, and the tendering and returns checks.
import { warehousePathForSite } from "../../src/config.js";
import { tenderingSnapshot } from "../../src/social-value-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", tenderingSnapshot)));
