// Per-file load report (hashes, counts, load times) and quarantined rows by reason.
import { warehousePathForSite } from "../../src/config.js";
import { dataQualitySnapshot } from "../../src/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", dataQualitySnapshot)));
