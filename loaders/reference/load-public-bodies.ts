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
 * The table's comment is its mark: what it was last made to hold (the shipped file's SHA-256, the SQL that reads
 * it, the DuckDB that ran it and the warehouse's schema) and what it then held (its row count and the sum of its
 * rows' hashes). When the file, SQL, DuckDB and schema are this run's and the table still holds what the mark
 * says, nothing of the file is read (a reload of loaded files, issue 19: the table's count and hash sum take a
 * few milliseconds); otherwise the table's rows are compared with the file's, put right, and marked again. So a
 * row changed behind the loader's back (in the DuckDB CLI, say) is put right at the next load.
 */
export async function refreshPublicBodies(warehouse: Warehouse): Promise<boolean> {
  const shipped = shippedSql(sqlText(PUBLIC_BODY_NAMES));
  const { version } = await warehouse.one<{ version: string }>("SELECT library_version AS version FROM pragma_version()");
  const schema = Math.max(...migrations.map((migration) => migration.version));
  // The SQL is hashed without the file's path, so that two installs sharing a warehouse agree on the mark.
  const made = `shipped keys sha256 ${createHash("sha256").update(readFileSync(PUBLIC_BODY_NAMES)).digest("hex")}, `
    + `read by ${createHash("sha256").update(shippedSql("$file")).digest("hex").slice(0, 16)}, duckdb ${version}, schema ${schema}`;
  const heldNow = async () => {
    const { rows, sum } = await warehouse.one<{ rows: number; sum: string }>(
      `SELECT count(*)::BIGINT AS rows, coalesce(sum(hash(${ROW})::HUGEINT), 0)::VARCHAR AS sum FROM public_bodies`);
    return `holding ${rows} rows, hash sum ${sum}`;
  };
  const marked = await warehouse.all<{ comment: string | null }>(
    "SELECT comment FROM duckdb_tables() WHERE table_name = 'public_bodies' AND schema_name = 'main' AND database_name = current_database()");
  if (marked[0]?.comment === `${made}; ${await heldNow()}`) return false;
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
  await warehouse.run(`COMMENT ON TABLE public_bodies IS ${sqlText(`${made}; ${await heldNow()}`)}`);
  return !same;
}

/** The rows of the shipped keys' file (`file`: an SQL string literal). */
const shippedSql = (file: string) => `SELECT name_key, prefix, kind, recognised_by, nullif(code, '') AS code, reference_name
  FROM read_csv(${file}, header = true, columns = ${COLUMNS}, quote = '"', escape = '"')`;

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;
