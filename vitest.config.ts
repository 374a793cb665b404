import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { TZ: "UTC" },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The browser test builds the site into dist/: one file at a time keeps builds from overlapping.
    fileParallelism: false,
  },
});
