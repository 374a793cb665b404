import { defineConfig } from "vitest/config";
import { SlowFilesFirst } from "./test/helpers/slow-files-first.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { TZ: "UTC" },
    // Compiles the CLI into build/ first: the tests that spawn it run the current code.
    globalSetup: ["test/helpers/compile-global-setup.ts"],
    testTimeout: 60_000,
    // Long enough for the demo load and site build on a busy 2-core machine (over 4 minutes measured).
    hookTimeout: 600_000,
    // Test files run side by side: none writes a shared path (each works in a temporary folder; the demo
    // warehouse and site that several files read are made once per run, test/helpers/demo-site.ts). Three
    // workers on two cores: many tests wait on a process they spawned (the CLI, Chromium), and vitest's
    // default here (cores - 1) is one file at a time.
    maxWorkers: 3,
    // A worker runs its files one after another in one process, keeping modules loaded (and the shipped reference
    // they parse once) instead of starting afresh for each file: no test file changes a module's state for the next
    // (none mocks a module or changes process.env), and each opens and closes its own warehouses.
    isolate: false,
    // Files that take longest start first (test/helpers/slow-files-first.ts).
    sequence: { sequencer: SlowFilesFirst },
  },
});
