// Vitest's global setup: compile the CLI (and the fault tests' load child) before any test file runs, so that a
// test which spawns `anchor-spend` runs the code as it is now, never an older build/ (scripts/compile.ts); and
// make the run's scratch folder, where work shared by several test files is kept (once-per-run.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { compile } from "../../scripts/compile.js";

/** The load child, run compiled by test/helpers/cli-process.ts. */
export const LOAD_CHILD = "test/helpers/load-child.ts";

export default async function setup(project: TestProject): Promise<() => void> {
  await compile([LOAD_CHILD]);
  const runFolder = mkdtempSync(join(tmpdir(), "anchor-spend-test-run-"));
  project.provide("runFolder", runFolder);
  return () => rmSync(runFolder, { recursive: true, force: true });
}
