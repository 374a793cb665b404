import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { DuckDBInstance as Instance } from "../core/duckdb.js";
import { mkdir } from "node:fs/promises";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { migrateAside } from "./migrate-aside.js";
import { migrations } from "./migrations.js";
import { createViews, KEPT_VIEWS, views, viewsMark } from "./views.js";
import { decodeValue } from "./decode-row.js";
import { registerPostcodeFunctions } from "../../geo/postcode-sql.js";
import { looksLikeIndividual } from "../core/individual-name.js";
import { textSqlFunction } from "../core/text-sql-function.js";

const LATEST_VERSION = Math.max(...migrations.map((m) => m.version));
/** How large the write-ahead log of a load grows before DuckDB checkpoints it (see openForWriting). */
const CHECKPOINT_THRESHOLD = "256MB";

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * Warehouses this process holds open for writing. DuckDB's file lock keeps other processes out, but not a
 * second open in the same process, which would let two writers each believe they succeeded.
 */
const openForWritingHere = new Set<string>();

/** An existing file at `path` that is not a DuckDB database (DuckDB writes "DUCK" at byte 8) is refused. */
function refuseNonWarehouse(path: string): void {
  if (!existsSync(path)) return;
  const info = statSync(path);
  if (info.isDirectory()) throw new Error(`${path} is a folder, not a warehouse file (expected e.g. data/warehouse.duckdb)`);
  // A named pipe would block the read below (and DuckDB) forever; a device or socket is no warehouse either.
  if (!info.isFile()) throw new Error(`${path} is not a regular file (a named pipe, socket or device), not a warehouse: give --warehouse a .duckdb file`);
  const header = Buffer.alloc(12);
  const descriptor = openSync(path, "r");
  try {
    readSync(descriptor, header, 0, 12, 0);
  } finally {
    closeSync(descriptor);
  }
  if (statSync(path).size > 0 && header.subarray(8, 12).toString("latin1") !== "DUCK") {
    throw new Error(`${path} is not a DuckDB warehouse (it holds something else): give --warehouse a new or existing .duckdb file`);
  }
}

/** An open DuckDB warehouse. Only `anchor-spend load` opens it for writing; everything else reads. */
export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    /** The warehouse this connection works beside (alongside()); null for the warehouse itself. */
    private readonly main: Warehouse | null = null,
  ) {
    this.sqlTimings = main ? main.sqlTimings : process.env.ANCHOR_SPEND_SQL_TIMINGS === "1" ? new Map() : null;
    this.sqlCpuTimings = main ? main.sqlCpuTimings : this.sqlTimings ? new Map() : null;
  }

  /** The connection alongside() made, closed with this one. */
  private side: Warehouse | null = null;
  /** The statement the connection beside is running: a setting is not changed under it. */
  private sideStatement: Promise<unknown> | null = null;
  /** A setting this connection is changing (SET, RESET): the connection beside starts no statement meanwhile. */
  private settingChange: Promise<unknown> | null = null;

  /**
   * Runs a statement so that a setting never changes under a statement of the connection beside (DuckDB's
   * settings are every connection's; changing its threads under a running query can fail it): on this connection a
   * SET or RESET waits for the statement beside to end; beside, a statement waits for a setting being changed, and
   * for a memory limit this connection holds (withMemoryLimit) to be lifted: the work under it has the limit to itself.
   */
  private async inTurn<T>(sql: string, work: () => Promise<T>): Promise<T> {
    const main = this.main;
    const changesSetting = /^\s*(SET|RESET)\b/i.test(sql);
    if (!main && !changesSetting) return work();
    if (main) {
      while (main.settingChange || main.limitLifted) await (main.settingChange ?? main.limitLifted)!.catch(() => undefined);
    } else {
      while (this.sideStatement) await this.sideStatement.catch(() => undefined);
    }
    // Started in the same turn as the check above: nothing of the other connection's starts in between.
    const running = work();
    if (main) main.sideStatement = running;
    else this.settingChange = running;
    try {
      return await running;
    } finally {
      if (main && main.sideStatement === running) main.sideStatement = null;
      if (!main && this.settingChange === running) this.settingChange = null;
    }
  }

  /**
   * A second connection to the same DuckDB, for work run while this connection's goes on (the next file's lines
   * read into a staging table while this file's transaction runs: loaders/load-inputs.ts). It sees what this
   * connection has committed, never its open transaction; it is closed with the warehouse. Its statements are
   * timed with this connection's, marked "beside:".
   */
  async alongside(): Promise<Warehouse> {
    if (this.main) return this;
    if (!this.side) {
      const connection = await this.instance.connect();
      await connection.run("SET TimeZone = 'UTC'");
      this.side = new Warehouse(this.instance, connection, this.path, this);
    }
    return this.side;
  }

  /**
   * Opens (creating and migrating if need be) the warehouse for writing, and recreates its views (views.ts).
   * Migrations never run in the warehouse itself: a new warehouse, or one a migration is pending for, is
   * migrated in a copy beside it that is checkpointed, fsynced and then renamed into place (migrate-aside.ts),
   * so a process killed at any moment leaves the warehouse as it was or fully migrated, never a write-ahead
   * log DuckDB cannot replay.
   */
  static async openForWriting(path: string): Promise<Warehouse> {
    const key = resolve(path);
    if (openForWritingHere.has(key)) throw new Error(`the warehouse ${path} is already open for writing in this process: one load at a time`);
    refuseNonWarehouse(path);
    await mkdir(dirname(path), { recursive: true });
    let warehouse = existsSync(path) ? await Warehouse.open(path, {}) : null;
    openForWritingHere.add(key);
    try {
      if (warehouse === null || (await warehouse.schemaVersion()) < LATEST_VERSION) {
        await warehouse?.run("CHECKPOINT");
        const placed = await migrateAside(path, warehouse !== null, async (stagedPath) => {
          const staged = await Warehouse.open(stagedPath, {});
          try {
            await staged.migrate();
            await staged.recreateViews();
            await staged.run("CHECKPOINT");
          } finally {
            staged.closeHandles();
          }
        });
        warehouse?.closeHandles();
        warehouse = null;
        if (placed === "created by another process") openForWritingHere.delete(key);
        if (placed === "created by another process") return await Warehouse.openForWriting(path);
        warehouse = await Warehouse.open(path, {});
      }
      await warehouse.recreateViews();
      // Each file's transaction commits to the write-ahead log; DuckDB checkpoints (compresses the log into the file)
      // when the log passes this size, and on close. Its default, 16 MB, checkpointed every other monthly file of a
      // 1M-row year (83k lines each, fewer than a row group: they go through the log), a sixth of such a load (issue
      // 19). A killed load leaves the log of the files it committed, which the next open (for reading too) replays:
      // each file there whole, or not at all, as before. The log, and what it holds in memory, stays under 256 MB.
      await warehouse.run(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
    } catch (error) {
      warehouse?.closeHandles();
      openForWritingHere.delete(key);
      throw error;
    }
    return warehouse;
  }

  /**
   * Opens an existing warehouse read-only; a missing file is an error, not an empty warehouse. Its views are
   * this code's (views.ts), created as temporary views, whatever the file keeps.
   */
  static async openForReading(path: string): Promise<Warehouse> {
    if (!existsSync(path)) throw new Error(`no warehouse at ${path}: run \`anchor-spend load\` first`);
    refuseNonWarehouse(path);
    const warehouse = await Warehouse.open(path, { access_mode: "READ_ONLY" });
    try {
      // An older warehouse lacks tables and columns this code reads: say so, not a binder error.
      const version = await warehouse.schemaVersion();
      if (version < LATEST_VERSION) {
        throw new Error(`the warehouse ${path} was made by an earlier anchor-spend (schema version ${version}, this one reads ${LATEST_VERSION}): run \`anchor-spend load\` on it (with any file) to upgrade it`);
      }
      await createViews(warehouse, { temporary: true });
    } catch (error) {
      warehouse.close();
      throw error;
    }
    return warehouse;
  }

  /**
   * A warehouse held in memory, migrated and with its views, for work whose result is thrown away (validate):
   * nothing is written to disk but what DuckDB spills into spillFolder.
   */
  static async inMemory(spillFolder: string): Promise<Warehouse> {
    const warehouse = await Warehouse.open(":memory:", { temp_directory: spillFolder });
    try {
      await warehouse.migrate();
      await warehouse.recreateViews();
    } catch (error) {
      warehouse.closeHandles();
      throw error;
    }
    return warehouse;
  }

  private static async open(path: string, options: Record<string, string>): Promise<Warehouse> {
    let instance: DuckDBInstance;
    try {
      // Nothing is ever downloaded: only the statically linked extensions (parquet, json, icu) are used.
      instance = await Instance.create(path, { ...options, autoinstall_known_extensions: "false" });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(message)) {
        throw new Error(`the warehouse ${path} is in use by another process (another load?); try again when it ends`, { cause: error });
      }
      throw new Error(`cannot open the warehouse ${path}: ${message}`, { cause: error });
    }
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    // SQL and JavaScript share one postcode rule: geo/postcode-parts.ts, callable as normalise_postcode(text).
    registerPostcodeFunctions(connection);
    // looks_like_individual(name): the individual-name rule (src/core/individual-name.ts), for the load report and published names.
    connection.registerScalarFunction(textSqlFunction("looks_like_individual", looksLikeIndividual, "boolean"));
    return new Warehouse(instance, connection, path);
  }

  /**
   * Wall-clock milliseconds spent in SQL, by statement (its first words), when ANCHOR_SPEND_SQL_TIMINGS=1:
   * the benchmark's profile of where a load's time goes. Null (and nothing timed) otherwise.
   */
  readonly sqlTimings: Map<string, number> | null;
  /** The process's CPU milliseconds (every thread's, DuckDB's included) in the same statements: steadier than wall clock on a shared machine. */
  readonly sqlCpuTimings: Map<string, number> | null;

  private async timed<T>(sql: string, work: () => Promise<T>): Promise<T> {
    if (!this.sqlTimings || !this.sqlCpuTimings) return work();
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await work();
    } finally {
      // A file's own table (staged_quarantine_12, spend_csv_3) timed with every file's.
      const statement = `${this.main ? "beside: " : ""}${sql.replace(/\s+/g, " ").trim().split(" ").slice(0, 8).join(" ").replace(/_\d+(?=\b|_)/g, "_N")}`;
      const used = process.cpuUsage(cpu);
      this.sqlTimings.set(statement, (this.sqlTimings.get(statement) ?? 0) + performance.now() - started);
      this.sqlCpuTimings.set(statement, (this.sqlCpuTimings.get(statement) ?? 0) + (used.user + used.system) / 1000);
    }
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.inTurn(sql, () => this.timed(sql, () => this.connection.run(sql, params)));
  }

  /** Appends rows to a table (its name, schema and database) through DuckDB's appender, as one statement. */
  async append(table: readonly [string, string, string], fill: (appender: DuckDBAppender) => void): Promise<void> {
    const sql = `APPEND TO ${[...table].reverse().join(".")}`;
    await this.inTurn(sql, () => this.timed(sql, async () => {
      const appender = await this.connection.createAppender(...table);
      try {
        fill(appender);
      } finally {
        appender.closeSync();
      }
    }));
  }

  /**
   * Rows decoded to the types their columns declare (decode-row.ts): integers and doubles as numbers (an
   * integer past 2^53 is refused), DECIMAL money as its exact decimal text ("1234.50"), dates as ISO text.
   */
  async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.inTurn(sql, () => this.timed(sql, () => this.connection.runAndReadAll(sql, params)));
    return reader.convertRowObjects(decodeValue) as unknown as T[];
  }

  async one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T> {
    const rows = await this.all<T>(sql, params);
    const first = rows[0];
    if (first === undefined) throw new Error(`query returned no row: ${sql}`);
    return first;
  }

  /**
   * Runs `work` with DuckDB's memory limit at `limit` (e.g. "1GB"), then puts back DuckDB's default (nothing else
   * sets it): past the limit DuckDB spills to the warehouse's temp directory (`<warehouse>.tmp`, or the in-memory
   * warehouse's spill folder) rather than grow, for work over a national register's millions of rows. Work within
   * work runs under the outer limit. When the work fails inside a transaction DuckDB has aborted, the default cannot
   * be put back until the ROLLBACK (DuckDB refuses every statement before it): transaction() puts it back then, and
   * the work's own error is the one thrown.
   */
  async withMemoryLimit<T>(limit: string, work: () => Promise<T>): Promise<T> {
    if (this.memoryLimited) return work();
    await this.run(`SET memory_limit = '${limit.replace(/'/g, "")}'`);
    this.holdLimit();
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      try {
        await this.run("RESET memory_limit");
        this.liftLimit();
      } catch (error) {
        if (!failed) throw error;
        this.memoryLimitAfterRollback = true;
      }
    }
  }

  /** Whether a withMemoryLimit() is running; whether its limit is still to be put back, after a ROLLBACK. */
  private memoryLimited = false;
  private memoryLimitAfterRollback = false;
  /** While a memory limit is held: settled when it is lifted (the connection beside waits for it). */
  private limitLifted: Promise<void> | null = null;
  private lift: (() => void) | null = null;

  private holdLimit(): void {
    this.memoryLimited = true;
    this.limitLifted = new Promise((resolve) => {
      this.lift = resolve;
    });
  }

  private liftLimit(): void {
    this.memoryLimited = false;
    this.lift?.();
    this.lift = null;
    this.limitLifted = null;
  }

  /** Runs `work` in one transaction: all of it lands, or none of it does. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run("BEGIN TRANSACTION");
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.run("ROLLBACK");
      if (this.memoryLimitAfterRollback) {
        await this.run("RESET memory_limit");
        this.memoryLimitAfterRollback = false;
        this.liftLimit();
      }
      throw error;
    }
    try {
      await this.run("COMMIT");
    } catch (error) {
      // A failed COMMIT has already ended the transaction; say why it failed (a full disk, a read-only file…).
      const message = error instanceof Error ? error.message : String(error);
      const hint = /space|ENOSPC|disk/i.test(message) ? "the disk is full" : /read-only|permission|EACCES|EROFS/i.test(message) ? "the warehouse cannot be written (read-only)" : "the write failed";
      throw new Error(`could not save to the warehouse ${this.path}: ${hint} (${message}); nothing from this file was saved`, { cause: error });
    }
    return result;
  }

  /** The last migration applied (0 for an empty file). */
  async schemaVersion(): Promise<number> {
    const table = await this.one<{ found: number }>("SELECT count(*)::INTEGER AS found FROM duckdb_tables() WHERE table_name = 'schema_version' AND schema_name = 'main' AND database_name = current_database()");
    if (table.found === 0) return 0;
    const row = await this.one<{ version: number | null }>("SELECT max(version) AS version FROM schema_version");
    return row.version ?? 0;
  }

  private async migrate(): Promise<void> {
    await this.run(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
    );
    const current = await this.schemaVersion();
    await this.dropKeptViews();
    for (const migration of migrations.filter((m) => m.version > current)) {
      await this.transaction(async () => {
        await this.run(migration.sql);
        await this.run("INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [migration.version, migration.name]);
      });
    }
  }

  /**
   * Views the file keeps made afresh (this code's dropped and created again, or an older migration's dropped),
   * unless they are this code's already: every one there, and no other, each marked as made by this code and
   * this DuckDB (views.ts viewsMark). Then nothing is written.
   */
  private async recreateViews(): Promise<void> {
    const { version } = await this.one<{ version: string }>("SELECT library_version AS version FROM pragma_version()");
    const mark = viewsMark(version);
    const kept = await this.all<{ name: string; comment: string | null }>(KEPT_VIEWS);
    const marked = new Set(kept.filter((view) => view.comment === mark).map((view) => view.name));
    if (kept.length === views.length && views.every((view) => marked.has(view.name))) return;
    await this.dropKeptViews();
    await this.transaction(() => createViews(this, { temporary: false, mark }));
  }

  private async dropKeptViews(): Promise<void> {
    const kept = await this.all<{ name: string }>(KEPT_VIEWS);
    await this.transaction(async () => {
      for (const { name } of kept) await this.run(`DROP VIEW IF EXISTS "${name}"`);
    });
  }

  close(): void {
    // The connection beside closes itself alone; the warehouse stays open for writing.
    if (!this.main) openForWritingHere.delete(resolve(this.path));
    this.closeHandles();
  }

  private closeHandles(): void {
    if (this.main) return this.connection.closeSync();
    this.side?.connection.closeSync();
    this.side = null;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Opens a warehouse, runs `work`, and always closes it. */
export async function withWarehouse<T>(
  path: string,
  mode: "read" | "write",
  work: (warehouse: Warehouse) => Promise<T>,
): Promise<T> {
  const warehouse = mode === "write" ? await Warehouse.openForWriting(path) : await Warehouse.openForReading(path);
  try {
    return await work(warehouse);
  } finally {
    warehouse.close();
  }
}
