import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../core/config.js";
import { isRunning } from "../core/remove-abandoned.js";

/** Held by the process that builds the site in this tree; it holds that process's id. */
const LOCK = join(projectRoot, "pages", ".observablehq", "build.lock");

/**
 * Runs `work` (a site build) while no other process builds the site in this tree: every build writes the same
 * pages/data and clears the same Framework cache, whatever its warehouse and output folder, so two at once
 * would mix their data. A second build waits for the first, and says so; a lock left by a killed build (its
 * process gone) is taken over.
 */
export async function withBuildLock<T>(log: (line: string) => void, work: () => Promise<T>, lock: string = LOCK): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true });
  let told = false;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number.parseInt(readFileSync(lock, "utf-8"), 10);
    } catch {
      continue; // released between the two calls
    }
    // An empty lock is one being written: its process runs.
    if (Number.isInteger(holder) && holder > 0 && !isRunning(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (!told) log(`waiting for the site build by process ${Number.isInteger(holder) ? holder : "(starting)"} to end`);
    told = true;
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}
