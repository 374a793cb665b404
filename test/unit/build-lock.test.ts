// One site build at a time in a tree (src/site/build-lock.ts): a second waits for the first and says so, and a
// lock whose process is gone (a killed build) is taken over. A lock file of the test's own, not the tree's.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { withBuildLock } from "../../src/site/build-lock.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const folder = tempFolder();
afterAll(() => folder.cleanup());

describe("the site build lock", () => {
  it("runs a second build only after the first has ended, and says it waits", async () => {
    const lock = join(folder.path, "a", "build.lock");
    const events: string[] = [];
    const logged: string[] = [];
    let release!: () => void;
    const first = withBuildLock(() => undefined, async () => {
      events.push("first starts");
      await new Promise<void>((resolve) => (release = resolve));
      events.push("first ends");
    }, lock);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = withBuildLock((line) => logged.push(line), async () => {
      events.push("second starts");
    }, lock);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(events).toEqual(["first starts"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["first starts", "first ends", "second starts"]);
    expect(logged).toEqual([`waiting for the site build by process ${process.pid} to end`]);
    expect(existsSync(lock)).toBe(false);
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const lock = join(folder.path, "build.lock");
    // The id of a process that has just ended.
    const gone = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf-8" }).stdout.trim();
    writeFileSync(lock, gone);
    const logged: string[] = [];
    expect(await withBuildLock((line) => logged.push(line), async () => "built", lock)).toBe("built");
    expect(logged).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });
});
