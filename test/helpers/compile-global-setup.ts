// Vitest's global setup: compile the CLI (and the fault tests' load child) before any test file runs, so that a
// test which spawns `anchor-spend` runs the code as it is now, never an older build/ (scripts/compile.ts).
import { compile } from "../../scripts/compile.js";

/** The load child, run compiled by test/helpers/cli-process.ts. */
export const LOAD_CHILD = "test/helpers/load-child.ts";

export default async function setup(): Promise<void> {
  await compile([LOAD_CHILD]);
}
