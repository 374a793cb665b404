// Work done once per vitest run and shared by the test files that only read what it made (the demo loaded into
// a warehouse, the site built from it). Test files run in parallel workers: the first to ask does the work,
// under a lock (a folder, made atomically), and writes its result beside it; the others wait for that result.
// The run's folder comes from vitest's global setup (test/helpers/compile-global-setup.ts), which removes it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** A scratch folder for the whole run, shared by every test file. */
    runFolder: string;
  }
}

type Outcome<T> = { value: T } | { error: string };

/** `make(folder)`'s result (JSON), made once per run under `name`, whichever test file asks first. */
export async function oncePerRun<T>(name: string, make: (folder: string) => Promise<T>): Promise<T> {
  const folder = join(inject("runFolder"), name);
  const outcomeFile = `${folder}.json`;
  let mine = true;
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    mine = false;
  }
  if (mine) {
    let outcome: Outcome<T>;
    try {
      outcome = { value: await make(folder) };
    } catch (error) {
      outcome = { error: (error as Error).message };
    }
    writeFileSync(`${outcomeFile}.tmp`, JSON.stringify(outcome));
    renameSync(`${outcomeFile}.tmp`, outcomeFile);
  }
  for (;;) {
    let text: string | null = null;
    try {
      text = readFileSync(outcomeFile, "utf-8");
    } catch {
      await sleep(200);
      continue;
    }
    const outcome = JSON.parse(text) as Outcome<T>;
    if ("error" in outcome) throw new Error(`${name} (made once for the run by another test file) failed: ${outcome.error}`);
    return outcome.value;
  }
}
