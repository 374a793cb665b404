// Vitest's global setup: compile the CLI and the fault tests' load child (scripts/compile.ts PROGRAMS) before any test
// file runs, so that a test which spawns `anchor-spend` runs the code as it is now, never an older build/; and
// make the run's scratch folder, where work shared by several test files is kept (once-per-run.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { compile } from "../../scripts/compile.js";

export default async function setup(project: TestProject): Promise<() => void> {
  await compile();
  const runFolder = mkdtempSync(join(tmpdir(), "anchor-spend-test-run-"));
  project.provide("runFolder", runFolder);
  return () => rmSync(runFolder, { recursive: true, force: true });
}
