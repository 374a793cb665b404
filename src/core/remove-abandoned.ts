import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Removes what a killed process left beside a file or folder it replaces whole: the entries of `folder`
 * named `<prefix><pid>` (and anything after the pid, such as `.wal`) whose process no longer runs.
 */
export function removeAbandoned(folder: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (pid === process.pid || (Number.isInteger(pid) && isRunning(pid))) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
  }
}

/** Whether a process of that id runs (one of another user counts). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
