// Faults while loading: the load killed with SIGKILL at seeded points of a large load, two loads (and a
// report) at once, a full disk, a read-only warehouse, a --warehouse path that is not a warehouse. Each leaves
// a warehouse that opens and holds either the state before the load or the state after it — compared by every
// table's count and row-hash sum, leaving out source_files.loaded_at (the one column two loads of the same
// file differ in) — and says what went wrong in words.
//
// The loads run in test/helpers/load-child.ts, a process doing what the CLI's load does (same calls, messages
// and exit codes) without the CLI's three seconds of start-up importing the site builder, so that kills land
// in the load; the long run checks that the real `anchor-spend load` leaves the same "after" state.
//
// The default run is short (4 kills during a 12,000-row load, 2 concurrent trials, disk full by a file-size
// limit). ANCHOR_SPEND_LONG_FAULTS=1 runs the long one: 24 kills during a 300,000-row load, each killed
// warehouse loaded again to completion, 8 concurrent trials, the real command's after state, and a real
// ENOSPC on a small tmpfs where `unshare -m` may mount one.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInputs } from "../../loaders/load-inputs.js";
import { BAD_SEED, largeSpendCsv } from "../../scripts/generate-bad-corpus.js";
import { seededRandom } from "../../scripts/seeded-random.js";
import { Warehouse, withWarehouse } from "../../src/warehouse/warehouse.js";
import { startProcess, type ProcessRun } from "../helpers/cli-process.js";
import { tempFolder } from "../helpers/temp-warehouse.js";
import { VOLATILE_COLUMNS, changedTables, contentChecksums } from "../helpers/warehouse-state.js";

const LONG = process.env.ANCHOR_SPEND_LONG_FAULTS === "1";
const SETTINGS = LONG ? { rows: 300_000, kills: 24, concurrent: 8, reloadEveryKill: true } : { rows: 12_000, kills: 4, concurrent: 2, reloadEveryKill: false };
const IN_USE = /in use by another process/;
/** What a second writer in the same process is told. */
const IN_USE_HERE = /in use by another process|already open for writing in this process/;
/** A failed write said in words: what failed, and not the error of the ROLLBACK that followed it. */
const WRITE_FAILED = /could not save|no space|disk is full|too large|could not write|cannot be written|read-only|permission denied/i;
const RUNS_AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

type State = Record<string, string>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The content of a warehouse, opened read-only as `anchor-spend report` and the site build open it. */
const stateOf = (path: string): Promise<State> => withWarehouse(path, "read", (warehouse) => contentChecksums(warehouse, VOLATILE_COLUMNS));

describe("faults during a load", () => {
  const folder = tempFolder("anchor-spend-faults-");
  const trust = join(folder.path, "trust");
  const big = join(trust, "later", "big.csv");
  const extra = join(trust, "later", "extra.csv");
  const base = join(folder.path, "base.duckdb");
  const states = new Map<string, State>();
  const figures: string[] = [];
  const referencePaths = new Map<string, string>();
  let bigRows = 0;
  let loadMs = 0;
  let trial = 0;

  /** A fresh copy of the base warehouse (the state before the load), in a folder of its own. */
  const copyOfBase = (name: string): string => {
    const path = join(folder.path, `${name}-${++trial}`, "warehouse.duckdb");
    mkdirSync(dirname(path), { recursive: true });
    copyFileSync(base, path);
    return path;
  };
  /** Which known state a warehouse holds (comparing with every reference state made so far). */
  const nameOf = (state: State): string => [...states].find(([, known]) => changedTables(known, state).length === 0)?.[0] ?? "neither";
  const describeState = (state: State): string => {
    const name = nameOf(state);
    if (name !== "neither") return name;
    const nearest = [...states].map(([known, sums]) => [known, changedTables(sums, state)] as const).sort((a, b) => a[1].length - b[1].length)[0];
    return `neither (nearest ${nearest?.[0]}, differing in ${nearest?.[1].join(", ")})`;
  };

  beforeAll(async () => {
    mkdirSync(join(trust, "spend"), { recursive: true });
    mkdirSync(join(trust, "definitions"), { recursive: true });
    mkdirSync(dirname(big), { recursive: true });
    writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "FAULTS", name: "Fault-test trust", kind: "nhs-trust" }));
    writeFileSync(join(trust, "definitions", "local.json"), JSON.stringify({
      id: "east-london-districts", version: 1, name: "East London districts", description: "E1 and E2", kind: "postcode-prefixes", prefixes: ["E1", "E2"],
    }));
    writeFileSync(join(trust, "spend", "april.csv"), largeSpendCsv(300, BAD_SEED + 1, "2024-04").text);
    const large = largeSpendCsv(SETTINGS.rows, BAD_SEED, "2024-06");
    bigRows = large.rows;
    writeFileSync(big, large.text);
    writeFileSync(extra, largeSpendCsv(500, BAD_SEED + 2, "2024-07").text);
    await withWarehouse(base, "write", (warehouse) => loadInputs(warehouse, [join(trust, "institution.json"), join(trust, "definitions"), join(trust, "spend")]));
    states.set("before", await stateOf(base));
    // The state after: the same load, uninterrupted (and how long it takes, process start to exit).
    const after = copyOfBase("after");
    const run = await startProcess("child", ["load", after, big]).done;
    expect(run.status, run.stderr).toBe(0);
    loadMs = run.milliseconds;
    states.set("after", await stateOf(after));
    referencePaths.set("after", after);
    const loaded = await withWarehouse(after, "read", (warehouse) => warehouse.one<{ rows: number; pence: string }>(
      "SELECT rows_loaded AS rows, (amount_loaded * 100)::BIGINT::VARCHAR AS pence FROM source_files WHERE path LIKE '%big.csv'"));
    expect([Number(loaded.rows), loaded.pence], "the large load reconciles with the generator's rows and pence").toEqual([large.rows, String(large.pence)]);
    figures.push(`large load: ${bigRows.toLocaleString("en-GB")} rows, ${(loadMs / 1000).toFixed(1)} s from process start to exit`);
    if (LONG) {
      const viaCli = copyOfBase("after-cli");
      const cli = await startProcess("cli", ["load", big, "--warehouse", viaCli]).done;
      expect(cli.status, cli.stderr).toBe(0);
      expect(nameOf(await stateOf(viaCli)), "`anchor-spend load` leaves what the load child leaves").toBe("after");
    }
  }, 300_000);

  afterAll(() => {
    console.info(["faults:", ...figures.map((line) => `  ${line}`)].join("\n"));
    if (existsSync(folder.path)) {
      spawnSync("chmod", ["-R", "u+rwX", folder.path]);
      folder.cleanup();
    }
  });

  it(`SIGKILL at ${SETTINGS.kills} seeded points during a large load leaves a warehouse that opens, holding the before or the after state`, async () => {
    const random = seededRandom(BAD_SEED);
    const outcomes: string[] = [];
    let killed = 0;
    let reloaded = 0;
    // Kill points stratified over the whole run, from process start (opening the warehouse) to exit (commit,
    // checkpoint): the k-th kill lands in the k-th slice of the run's length. The length is the shortest full
    // load seen so far, so that a machine running faster than the timed load does not outrun the kills.
    let length = loadMs;
    for (let attempt = 0; killed < SETTINGS.kills && attempt < SETTINGS.kills * 2; attempt++) {
      const point = Math.round((length * (killed + random())) / SETTINGS.kills);
      const path = copyOfBase("kill");
      const run = await startProcess("child", ["load", path, big], { killAfterMs: point }).done;
      const name = describeState(await stateOf(path));
      outcomes.push(`${run.killed ? `killed at ${(point / 1000).toFixed(2)} s` : `finished in ${(run.milliseconds / 1000).toFixed(2)} s, before ${(point / 1000).toFixed(2)} s`}: ${name}`);
      expect(["before", "after"], `trial at ${point} ms: ${outcomes.at(-1)}`).toContain(name);
      if (!run.killed) {
        length = Math.min(length, run.milliseconds);
        continue;
      }
      killed++;
      if (SETTINGS.reloadEveryKill || (reloaded === 0 && name === "before")) {
        // Loading again after the crash completes the load.
        const again = await startProcess("child", ["load", path, big]).done;
        expect(again.status, again.stderr).toBe(0);
        expect(nameOf(await stateOf(path)), "the load run again after a kill").toBe("after");
        if (name === "before") length = Math.min(length, again.milliseconds);
        reloaded++;
      }
    }
    const killedLines = outcomes.filter((line) => line.startsWith("killed"));
    figures.push(`SIGKILL: ${killed} kills mid-load (${outcomes.length} trials), every warehouse opened holding the before or the after state ` +
      `(${killedLines.filter((l) => l.endsWith("before")).length} before, ${killedLines.filter((l) => l.endsWith("after")).length} after); ${reloaded} loaded again to completion`);
    expect(killed, outcomes.join("\n")).toBe(SETTINGS.kills);
  }, 1_800_000);

  it("SIGKILL just after the file's transaction commits leaves the before or the after state (locality refreshed in the same transaction)", async () => {
    const path = copyOfBase("commit-window");
    const run = await startProcess("child", ["load", path, big], { killOnStderr: /loaded\s+\S*big\.csv/ }).done;
    expect(run.killed, "killed after the loaded line").toBe(true);
    const name = describeState(await stateOf(path));
    figures.push(`SIGKILL as the file's "loaded" line is printed (just after its commit): ${name}`);
    expect(["before", "after"]).toContain(name);
  }, 300_000);

  /** A reference state: the base with `files` loaded in turn, made once, on first use. */
  const reference = async (name: string, from: string, files: string[]): Promise<void> => {
    if (states.has(name)) return;
    const path = copyOfBase(`reference-${name.replaceAll(/\W+/g, "-")}`);
    copyFileSync(referencePaths.get(from) ?? base, path);
    await withWarehouse(path, "write", async (warehouse) => {
      for (const file of files) await loadInputs(warehouse, [file]);
    });
    states.set(name, await stateOf(path));
    referencePaths.set(name, path);
  };

  it(`two loads (and a report) at once: the second fails with a clear message or runs after, never corrupts (${SETTINGS.concurrent} trials)`, async () => {
    await reference("extra", "before", [extra]);
    const random = seededRandom(BAD_SEED + 7);
    const outcomes: string[] = [];
    for (let i = 0; i < SETTINGS.concurrent; i++) {
      const path = copyOfBase("concurrent");
      const offset = Math.round(random() * loadMs * 0.8);
      const first = startProcess("child", ["load", path, big]);
      await sleep(offset);
      const second = startProcess("child", ["load", path, extra]);
      await sleep(Math.round(random() * 500));
      const report = startProcess("child", ["report", path]);
      const [a, b, r] = await Promise.all([first.done, second.done, report.done]);
      const clear = (run: ProcessRun) => run.status === 0 || (run.status === 1 && IN_USE.test(run.stderr));
      expect(clear(a), `first load: ${a.status} ${a.stderr.slice(-300)}`).toBe(true);
      expect(clear(b), `second load: ${b.status} ${b.stderr.slice(-300)}`).toBe(true);
      expect(clear(r), `report: ${r.status} ${r.stderr.slice(-300)}`).toBe(true);
      if (r.status === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
      if (a.status === 0 && b.status === 0) {
        await reference("after, then extra", "after", [extra]);
        await reference("extra, then after", "extra", [big]);
      }
      const allowed = a.status === 0 && b.status === 0 ? ["after, then extra", "extra, then after"] : a.status === 0 ? ["after"] : b.status === 0 ? ["extra"] : ["before"];
      const name = describeState(await stateOf(path));
      outcomes.push(`second load at +${offset} ms: first ${a.status === 0 ? "ok" : "in use"}, second ${b.status === 0 ? "ok" : "in use"}, report ${r.status === 0 ? "ok" : "in use"}: ${name}`);
      expect(allowed, outcomes.at(-1)).toContain(name);
    }
    figures.push(`two loads and a report at once: ${outcomes.length} trials, none corrupted; ${outcomes.filter((o) => /in use/.test(o)).length} with a process told the warehouse is in use`);
  }, 1_800_000);

  it("a second writer opened in the same process is refused or waits, and no load is lost", async () => {
    await reference("extra", "before", [extra]);
    await reference("after, then extra", "after", [extra]);
    await reference("extra, then after", "extra", [big]);
    const path = copyOfBase("same-process");
    const first = await Warehouse.openForWriting(path);
    let second: Warehouse;
    try {
      second = await Warehouse.openForWriting(path);
    } catch (error) {
      first.close();
      figures.push(`two writers in one process: the second refused (${(error as Error).message.slice(0, 120)})`);
      expect((error as Error).message).toMatch(IN_USE_HERE);
      return;
    }
    const results = await Promise.all([loadInputs(first, [big]), loadInputs(second, [extra])]);
    first.close();
    second.close();
    const name = describeState(await stateOf(path));
    figures.push(`two writers in one process: both report ${results.map((r) => r[0]?.status).join(" and ")}; the warehouse holds ${name}`);
    expect(["after, then extra", "extra, then after"]).toContain(name);
  }, 300_000);

  /** Runs `anchor-spend load big.csv` under a fault, once, for the tests that look at its warehouse and at its message. */
  const faultRuns = new Map<string, Promise<{ run: ProcessRun; path: string }>>();
  const underFault = (name: string, prepare: (path: string) => { bashScript?: string; uid?: number; gid?: number; env?: Record<string, string> }) => {
    if (!faultRuns.has(name)) {
      faultRuns.set(name, (async () => {
        const path = copyOfBase(name);
        const run = await startProcess("child", ["load", path, big], prepare(path)).done;
        return { run, path };
      })());
    }
    return faultRuns.get(name)!;
  };
  /** As another user when root (root writes read-only files), else as ourselves. */
  const asOtherUser = (path: string): { uid?: number; gid?: number } => {
    if (!RUNS_AS_ROOT) return {};
    for (let dir = dirname(path); dir.startsWith(folder.path); dir = dirname(dir)) chmodSync(dir, statSync(dir).mode | 0o055);
    return { uid: NOBODY, gid: NOBODY };
  };
  const diskFull = () => underFault("disk-full", () => ({
    // A file-size limit: writing the load's write-ahead log past 512 KB fails as a full disk does (EFBIG, not ENOSPC).
    bashScript: 'trap "" XFSZ; ulimit -f 512; exec "$@"',
  }));
  const readOnlyFile = () => underFault("read-only-file", (path) => {
    chmodSync(path, 0o444);
    return asOtherUser(path);
  });
  const readOnlyFolder = () => underFault("read-only-folder", (path) => {
    const user = asOtherUser(path);
    chmodSync(path, 0o666);
    chmodSync(dirname(path), 0o555);
    return user;
  });

  it("disk full: the load fails, and the warehouse opens holding the before state", async () => {
    const { run, path } = await diskFull();
    expect(run.status, run.stderr).toBe(1);
    const name = describeState(await stateOf(path));
    figures.push(`disk full (512 KB file-size limit): exit ${run.status}, the warehouse holds ${name}; message: ${run.stderr.trim().split("\n").filter((line) => !/^\s*$/.test(line)).at(0)?.slice(0, 160)}`);
    expect(name).toBe("before");
  }, 300_000);

  it("disk full: the message says the write failed, and why", async () => {
    const { run } = await diskFull();
    expect(run.stderr).toMatch(WRITE_FAILED);
    expect(run.stderr).not.toMatch(/cannot rollback/);
  }, 300_000);

  it("read-only warehouse file: the load is refused in words, and the warehouse is as it was", async () => {
    const { run, path } = await readOnlyFile();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/permission denied|read-only|read only/i);
    expect(run.stderr).not.toMatch(IN_USE);
    chmodSync(path, 0o644);
    const name = describeState(await stateOf(path));
    figures.push(`read-only warehouse file: exit ${run.status} (${run.stderr.trim().split("\n").at(-1)?.slice(0, 160)}); the warehouse holds ${name}`);
    expect(name).toBe("before");
  }, 300_000);

  it("read-only warehouse folder (no write-ahead log possible): the load fails, and the warehouse is as it was", async () => {
    const { run, path } = await readOnlyFolder();
    expect(run.status).toBe(1);
    chmodSync(dirname(path), 0o755);
    const name = describeState(await stateOf(path));
    figures.push(`read-only warehouse folder: exit ${run.status}, the warehouse holds ${name}`);
    expect(name).toBe("before");
  }, 300_000);

  it("read-only warehouse folder: the message says the warehouse cannot be written", async () => {
    const { run } = await readOnlyFolder();
    figures.push(`read-only warehouse folder: ${run.stderr.trim().split("\n").at(0)?.slice(0, 200)}`);
    expect(run.stderr).toMatch(WRITE_FAILED);
    expect(run.stderr).not.toMatch(/cannot rollback/);
  }, 300_000);

  const notAWarehouse = async (extension: string) => {
    const path = join(folder.path, `not-a-warehouse-${++trial}${extension}`);
    writeFileSync(path, readFileSync(extra));
    const run = await startProcess("child", ["load", path, big]).done;
    return { path, run, untouched: readFileSync(path).equals(readFileSync(extra)) && !existsSync(`${path}.wal`) };
  };

  it("a --warehouse path that is a text file, not a warehouse: refused in words, the file untouched", async () => {
    const { path, run, untouched } = await notAWarehouse(".txt");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/not a (valid )?DuckDB (database|warehouse)/);
    expect(untouched).toBe(true);
  }, 300_000);

  it("a --warehouse path that is an existing CSV file: refused in words, the file untouched (DuckDB alone would open it as an empty in-memory database)", async () => {
    const { path, run, untouched } = await notAWarehouse(".csv");
    figures.push(`--warehouse an existing .csv file: exit ${run.status}, the file ${untouched ? "untouched" : "changed"}; ${run.status === 0 ? "the load reported success into an in-memory database" : run.stderr.trim().split("\n").at(-1)}`);
    expect(untouched).toBe(true);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(path);
    expect(run.stderr).toMatch(/not a (valid )?DuckDB (database|warehouse)/);
  }, 300_000);

  const canMountTmpfs = LONG && RUNS_AS_ROOT && spawnSync("unshare", ["-m", "true"]).status === 0;
  it.skipIf(!canMountTmpfs)("a really full disk (ENOSPC on a small tmpfs): the load fails, and the warehouse is as it was", async () => {
    const out = join(folder.path, `enospc-${++trial}`);
    mkdirSync(join(out, "mount"), { recursive: true });
    const size = statSync(base).size + 512 * 1024;
    // Inside a mount namespace of its own: a tmpfs just bigger than the warehouse mounted on out/mount (an empty
    // folder outside it), the load into it, then the warehouse copied out to be looked at.
    const mount = join(out, "mount");
    const script = `set -e; mount -t tmpfs -o size=${size} tmpfs "$MOUNT"; cp "$BASE" "$MOUNT/warehouse.duckdb"; set +e
      "$@"; status=$?; cp "$MOUNT"/warehouse.duckdb* "$OUT"/; exit $status`;
    const run = await startProcess("child", ["load", join(mount, "warehouse.duckdb"), big], {
      bashScript: 'exec unshare -m bash -c "$SCRIPT" inner "$@"',
      env: { SCRIPT: script, MOUNT: mount, BASE: base, OUT: out },
    }).done;
    expect(run.status, run.stderr).toBe(1);
    const name = describeState(await stateOf(join(out, "warehouse.duckdb")));
    figures.push(`ENOSPC on a ${Math.round(size / 1024)} KB tmpfs: exit ${run.status}, the warehouse holds ${name}; message: ${run.stderr.trim().split("\n").at(0)?.slice(0, 160)}`);
    expect(name).toBe("before");
    rmSync(join(out, "mount"), { recursive: true, force: true });
  }, 600_000);
});
