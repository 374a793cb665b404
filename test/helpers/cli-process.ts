import { spawn, type SpawnOptions } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";

export interface ProcessRun {
  /** Exit code, or null when a signal ended it. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  milliseconds: number;
  /** True when `killAfterMs`, `killOnStderr` or `kill()` ended it while it still ran. */
  killed: boolean;
}

export interface RunningProcess {
  done: Promise<ProcessRun>;
  kill(signal?: NodeJS.Signals): boolean;
}

/**
 * The real command, and the lean stand-in for its load and report (test/helpers/load-child.ts), both run as the
 * JavaScript that vitest's global setup compiled into build/ before the tests began.
 */
const PROGRAMS = {
  cli: [join(projectRoot, "bin", "anchor-spend.js")],
  child: [join(projectRoot, "build", "test", "helpers", "load-child.js")],
} as const;

export interface StartOptions {
  /** SIGKILL the process this many milliseconds after it starts (if it still runs). */
  killAfterMs?: number;
  /** SIGKILL the process as soon as its standard error matches. */
  killOnStderr?: RegExp;
  /** Run through `bash -c script`, the command line in "$@" (to set a ulimit, or mount a tmpfs first). */
  bashScript?: string;
  env?: Record<string, string>;
  uid?: number;
  gid?: number;
}

/**
 * Starts `anchor-spend` (program "cli") or the load child (program "child") in the project root without
 * waiting for it, so that a test can kill it, or start another beside it.
 */
export function startProcess(program: keyof typeof PROGRAMS, args: readonly string[], options: StartOptions = {}): RunningProcess {
  const started = performance.now();
  const command = [process.execPath, ...PROGRAMS[program], ...args];
  const spawnOptions: SpawnOptions = {
    cwd: projectRoot,
    env: { ...process.env, FORCE_COLOR: "0", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  };
  const child = options.bashScript
    ? spawn("bash", ["-c", options.bashScript, "bash", ...command], spawnOptions)
    : spawn(command[0]!, command.slice(1), spawnOptions);
  let stdout = "";
  let stderr = "";
  let killRequested = false;
  let exited = false;
  const kill = (signal: NodeJS.Signals = "SIGKILL") => {
    if (exited) return false;
    killRequested = true;
    return child.kill(signal);
  };
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (options.killOnStderr?.test(stderr)) kill();
  });
  const timer = options.killAfterMs === undefined ? null : setTimeout(() => kill(), options.killAfterMs);
  child.on("exit", () => (exited = true));
  const done = new Promise<ProcessRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => {
      exited = true;
      if (timer) clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, milliseconds: performance.now() - started, killed: killRequested && signal !== null });
    });
  });
  return { done, kill };
}
