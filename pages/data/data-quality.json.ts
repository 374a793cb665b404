// Per-file load report (hashes, counts, load times) and quarantined rows by reason.
import { warehousePathForSite } from "../../src/core/config.js";
import { dataQualitySnapshot } from "../../src/site/page-data/site-snapshots.js";
import { withWarehouse } from "../../src/warehouse/warehouse.js";

process.stdout.write(JSON.stringify(await withWarehouse(warehousePathForSite(), "read", dataQualitySnapshot)));
