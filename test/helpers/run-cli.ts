import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";

/** Runs the real `anchor-spend` command (bin/anchor-spend.js) in the project root, with `env` added to the tests' own. */
export function runCli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(projectRoot, "bin", "anchor-spend.js"), ...args], {
    cwd: projectRoot,
    encoding: "utf-8",
    env: { ...process.env, FORCE_COLOR: "0", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
