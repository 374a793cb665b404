import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { FeatureCollection, MultiPolygon } from "geojson";
import { projectRoot } from "../src/core/config.js";

/** The shipped boundaries of the UK's 361 local authority districts, May 2024 (data/boundaries/README.md). */
export const AUTHORITY_BOUNDARIES = join(projectRoot, "data", "boundaries", "lad-2024-uk-bsc.geojson.gz");

export type AuthorityBoundaries = FeatureCollection<MultiPolygon, { code: string; name: string }>;

let boundaries: AuthorityBoundaries | undefined;

/** The shipped authority boundaries, each feature with its `code` (LAD24CD) and `name` (LAD24NM): read once. */
export function shippedAuthorityBoundaries(): AuthorityBoundaries {
  boundaries ??= JSON.parse(gunzipSync(readFileSync(AUTHORITY_BOUNDARIES)).toString("utf-8")) as AuthorityBoundaries;
  return boundaries;
}
