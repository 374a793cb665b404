import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, rmSync } from "node:fs";
import { basename, dirname } from "node:path";
import { removeAbandoned } from "../core/remove-abandoned.js";

/**
 * Migrates a warehouse in a copy beside it and puts the copy in its place whole.
 *
 * DuckDB cannot always replay its write-ahead log after a crash: replaying an ALTER TABLE of a table with a
 * CHECK constraint fails ("Failure while replaying WAL file … GetDefaultDatabase with no default database
 * set") and the file can never be opened again. A migration therefore never runs in the warehouse: `migrate`
 * gets the path of a copy (of the warehouse if it `exists`, checkpointed by the caller; else a new file),
 * migrates it and checkpoints it (its log empty), and the copy is fsynced and renamed over the warehouse, or,
 * for a new warehouse, hard-linked to its name (which fails if another process made one meanwhile). A kill at
 * any moment leaves the warehouse as it was, or migrated; a copy left by a killed process is removed next time.
 */
export async function migrateAside(
  path: string,
  exists: boolean,
  migrate: (stagedPath: string) => Promise<void>,
): Promise<"placed" | "created by another process"> {
  removeAbandoned(dirname(path), `${basename(path)}.migrating-`);
  const staged = `${path}.migrating-${process.pid}`;
  rmSync(staged, { force: true });
  rmSync(`${staged}.wal`, { force: true });
  try {
    if (exists) copyFileSync(path, staged);
    await migrate(staged);
    if (existsSync(`${staged}.wal`)) throw new Error(`migrating the warehouse ${path} left a write-ahead log: not putting it in place`);
    fsyncPath(staged);
    if (exists) {
      renameSync(staged, path);
    } else {
      try {
        linkSync(staged, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return "created by another process";
        throw error;
      }
    }
    fsyncPath(dirname(path));
    return "placed";
  } finally {
    rmSync(staged, { force: true });
    rmSync(`${staged}.wal`, { force: true });
  }
}

function fsyncPath(path: string): void {
  const descriptor = openSync(path, "r");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
