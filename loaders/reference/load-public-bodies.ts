import type { Warehouse } from "../../src/warehouse/warehouse.js";
import { PUBLIC_BODY_NAMES } from "../schema/public-bodies.js";

const COLUMNS = "{'name_key': 'VARCHAR', 'prefix': 'BOOLEAN', 'kind': 'VARCHAR', 'recognised_by': 'VARCHAR', 'code': 'VARCHAR', 'reference_name': 'VARCHAR'}";
const ROW = "name_key, prefix, kind, recognised_by, code, reference_name";

/**
 * Makes the public_bodies table hold the shipped keys (data/public-bodies/public-body-names.csv.gz, written from
 * the shipped reference by scripts/write-public-body-names.ts), rewriting it whole only when it holds anything
 * else: the same file leaves the table untouched. The caller gives the transaction (a load does it in the
 * transaction of the file it loads, so that a refused file changes nothing). Returns whether it rewrote the table.
 */
export async function refreshPublicBodies(warehouse: Warehouse): Promise<boolean> {
  const shipped = `SELECT name_key, prefix, kind, recognised_by, nullif(code, '') AS code, reference_name
                   FROM read_csv(${sqlText(PUBLIC_BODY_NAMES)}, header = true, columns = ${COLUMNS}, quote = '"', escape = '"')`;
  const { same } = await warehouse.one<{ same: boolean }>(
    `WITH shipped AS MATERIALIZED (${shipped}),
     sums AS (
       SELECT (SELECT count(*) FROM shipped) AS shipped_rows, (SELECT count(*) FROM public_bodies) AS held_rows,
              (SELECT coalesce(sum(hash(${ROW})::HUGEINT), 0) FROM shipped) AS shipped_sum,
              (SELECT coalesce(sum(hash(${ROW})::HUGEINT), 0) FROM public_bodies) AS held_sum
     )
     SELECT shipped_rows = held_rows AND shipped_sum = held_sum AS same FROM sums`,
  );
  if (same) return false;
  await warehouse.run("DELETE FROM public_bodies");
  await warehouse.run(`INSERT INTO public_bodies (${ROW}) ${shipped}`);
  return true;
}

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
