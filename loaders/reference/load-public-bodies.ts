import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";
import { migrations } from "../../src/warehouse/migrations.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";

/**
 * Every key publicBodyNames() (loaders/schema/public-bodies.ts) gives, as the CSV this loader reads (written by
 * scripts/write-public-body-names.ts). Here, not beside the rule, so that refreshing the table imports no reader.
 */
export const PUBLIC_BODY_NAMES = join(projectRoot, "data", "public-bodies", "public-body-names.csv.gz");

const COLUMNS = "{'name_key': 'VARCHAR', 'prefix': 'BOOLEAN', 'kind': 'VARCHAR', 'recognised_by': 'VARCHAR', 'code': 'VARCHAR', 'reference_name': 'VARCHAR'}";
const ROW = "name_key, prefix, kind, recognised_by, code, reference_name";

/**
 * Makes the public_bodies table hold the shipped keys (data/public-bodies/public-body-names.csv.gz, written from
 * the shipped reference by scripts/write-public-body-names.ts), rewriting it whole only when it holds anything
 * else: the same file leaves the table untouched. The caller gives the transaction (a load does it in the
 * transaction of the file it loads, so that a refused file changes nothing). Returns whether it rewrote the table.
 *
 * The table's comment says what it was last made to hold: the shipped file's SHA-256, the SQL that reads it and
 * the warehouse's schema. When that is this code's and this file's, the table is current and nothing is read
 * (a reload of loaded files, issue 19); otherwise the table's rows are compared with the file's, and the comment
 * written with them. Only this function writes the table (migrations aside: their version is in the mark).
 */
export async function refreshPublicBodies(warehouse: Warehouse): Promise<boolean> {
  const shipped = `SELECT name_key, prefix, kind, recognised_by, nullif(code, '') AS code, reference_name
                   FROM read_csv(${sqlText(PUBLIC_BODY_NAMES)}, header = true, columns = ${COLUMNS}, quote = '"', escape = '"')`;
  const schema = Math.max(...migrations.map((migration) => migration.version));
  const mark = `shipped keys sha256 ${createHash("sha256").update(readFileSync(PUBLIC_BODY_NAMES)).digest("hex")}, `
    + `read by ${createHash("sha256").update(shipped).digest("hex").slice(0, 16)}, schema ${schema}`;
  const held = await warehouse.all<{ comment: string | null }>(
    "SELECT comment FROM duckdb_tables() WHERE table_name = 'public_bodies' AND schema_name = 'main' AND database_name = current_database()");
  if (held[0]?.comment === mark) return false;
  const { same } = await warehouse.one<{ same: boolean }>(
    `WITH shipped AS MATERIALIZED (${shipped}),
     sums AS (
       SELECT (SELECT count(*) FROM shipped) AS shipped_rows, (SELECT count(*) FROM public_bodies) AS held_rows,
              (SELECT coalesce(sum(hash(${ROW})::HUGEINT), 0) FROM shipped) AS shipped_sum,
              (SELECT coalesce(sum(hash(${ROW})::HUGEINT), 0) FROM public_bodies) AS held_sum
     )
     SELECT shipped_rows = held_rows AND shipped_sum = held_sum AS same FROM sums`,
  );
  if (!same) {
    await warehouse.run("DELETE FROM public_bodies");
    await warehouse.run(`INSERT INTO public_bodies (${ROW}) ${shipped}`);
  }
  await warehouse.run(`COMMENT ON TABLE public_bodies IS ${sqlText(mark)}`);
  return !same;
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
