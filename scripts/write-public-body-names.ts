/**
 * Writes data/public-bodies/public-body-names.csv.gz, every supplier-name key that names a public body, from the
 * shipped reference (loaders/schema/public-bodies.ts: data/ods, data/boundaries, data/public-bodies): what every
 * load puts in the public_bodies table. Run after changing the rules or the reference files; a unit test
 * (test/unit/public-bodies.test.ts) fails while the file is out of date. The same input gives the same bytes.
 * Run: npx tsx scripts/write-public-body-names.ts
 */
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { PUBLIC_BODY_NAMES, publicBodyNames, publicBodyNamesCsv } from "../loaders/schema/public-bodies.js";

writeFileSync(PUBLIC_BODY_NAMES, gzipSync(Buffer.from(publicBodyNamesCsv(), "utf-8"), { level: 9 }));
const { names, ambiguous } = publicBodyNames();
console.log(`${PUBLIC_BODY_NAMES}: ${names.length} keys (${ambiguous.length} keys naming two bodies left out)`);
