import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { TZ: "UTC" },
    // Compiles the CLI into build/ first: the tests that spawn it run the current code.
    globalSetup: ["test/helpers/compile-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The browser test builds the site into dist/: one file at a time keeps builds from overlapping.
    fileParallelism: false,
  },
});
