// Times `npm start` as a new user meets it: from a fresh clone's installed tree (node_modules and the compiled
// CLI present, no Framework cache yet: neither npm bundles nor Framework's own; an empty warehouse) to the
// moment the site answers on 127.0.0.1. When it ends before serving, the tail of its output says why.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";

export async function timeStart(warehouse: string): Promise<{ seconds: number } | { notMeasured: string }> {
  // A fresh clone has no Framework cache (pages/.observablehq/cache): the first build makes its bundles.
  rmSync(join(projectRoot, "pages", ".observablehq", "cache"), { recursive: true, force: true });
  const started = performance.now();
  const child = spawn("npm", ["start", "--", "--warehouse", warehouse, "--port", "0"], { cwd: projectRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  try {
    const url = await new Promise<string>((found, fail) => {
      const look = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /anchor-spend site: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) found(match[1]!);
      };
      child.stdout.on("data", look);
      child.stderr.on("data", look);
      child.on("close", (code) => fail(new Error(`npm start ended (exit ${code}) before serving:\n${output.slice(-2000)}`)));
    });
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) return { notMeasured: `the served site answered HTTP ${response.status}` };
    return { seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const [first, ...rest] = (error as Error).message.split("\n");
    return { notMeasured: `${first}${rest.length > 0 ? `\n    ${rest.filter((line) => line.trim() !== "").slice(-12).join("\n    ")}` : ""}` };
  } finally {
    // npm, and the CLI under it, in the process group started above.
    if (child.pid !== undefined && child.exitCode === null) {
      const closed = new Promise((resolve) => child.once("close", resolve));
      process.kill(-child.pid, "SIGTERM");
      // Reaped here, so that its CPU time is not counted in whatever the caller times next.
      await closed;
    }
  }
}
