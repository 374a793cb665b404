// Symbolic links, named pipes and hostile file names (issue 18, point 11), built here at test time (git keeps
// neither pipes nor links to /etc). Before: a polygon file linked to /etc/passwd was read; a named pipe as
// --warehouse, or in a loaded folder, hung the load forever; a symbolic link that loops aborted the whole load;
// a file name holding a line break forged a "loaded" line and escape sequences reached the terminal raw.
import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProcess } from "../helpers/cli-process.js";
import { runCli } from "../helpers/run-cli.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

const SQUARE = { type: "Polygon", coordinates: [[[-0.1, 51.5], [0, 51.5], [0, 51.6], [-0.1, 51.6], [-0.1, 51.5]]] };
const polygonDefinition = (file: string) => JSON.stringify({ id: `area-${file.replace(/\W/g, "-")}`, version: 1, name: "An area", description: "a boundary file", kind: "polygon", file });
const SPEND = "Date,Supplier,Amount\n01/04/2024,Acme Ltd,100.00\n";
/** A hung load is killed after this long (a pipe is never opened for writing). */
const HANG_MS = 60_000;

describe("links, pipes and file names", () => {
  const folder = tempFolder("anchor-spend-links-");
  const trust = join(folder.path, "trust");
  const mkfifo = (path: string) => expect(spawnSync("mkfifo", [path]).status).toBe(0);
  beforeAll(() => {
    mkdirSync(join(trust, "definitions"), { recursive: true });
    writeFileSync(join(trust, "institution.json"), JSON.stringify({ id: "LINKS", name: "Links trust", kind: "nhs-trust" }));
    writeFileSync(join(folder.path, "outside.geojson"), JSON.stringify(SQUARE));
  });
  afterAll(() => folder.cleanup());

  const loadChild = (warehouse: string, ...paths: string[]) => startProcess("child", ["load", warehouse, ...paths], { killAfterMs: HANG_MS }).done;

  it("a polygon file that is a link out of the definition's folder is refused, never read (to /etc/passwd, or to a good boundary elsewhere)", async () => {
    const definitions = join(folder.path, "linked", "definitions");
    mkdirSync(definitions, { recursive: true });
    symlinkSync("/etc/passwd", join(definitions, "passwd.geojson"));
    symlinkSync(join(folder.path, "outside.geojson"), join(definitions, "elsewhere.geojson"));
    writeFileSync(join(definitions, "passwd.json"), polygonDefinition("passwd.geojson"));
    writeFileSync(join(definitions, "elsewhere.json"), polygonDefinition("elsewhere.geojson"));
    const run = await loadChild(join(folder.path, "polygon.duckdb"), join(trust, "institution.json"), join(definitions, "passwd.json"), join(definitions, "elsewhere.json"));
    const refusals = run.stderr.split("\n").filter((line) => line.startsWith("REFUSED"));
    expect(refusals, run.stderr).toHaveLength(2);
    for (const line of refusals) expect(line).toMatch(/link to a file outside the definition's folder/);
    expect(run.stderr).not.toMatch(/root:/);
  }, 120_000);

  it("a link to a boundary file in the same folder is followed", async () => {
    const definitions = join(folder.path, "same-folder", "definitions");
    mkdirSync(definitions, { recursive: true });
    writeFileSync(join(definitions, "square.geojson"), JSON.stringify(SQUARE));
    symlinkSync("square.geojson", join(definitions, "alias.geojson"));
    writeFileSync(join(definitions, "alias.json"), polygonDefinition("alias.geojson"));
    const run = await loadChild(join(folder.path, "alias.duckdb"), join(trust, "institution.json"), join(definitions, "alias.json"));
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);

  it("a named pipe as --warehouse is refused at once, not waited on", async () => {
    const pipe = join(folder.path, "warehouse-pipe.duckdb");
    mkfifo(pipe);
    const run = await loadChild(pipe, join(trust, "institution.json"));
    expect(run.killed, "the load hung on the pipe").toBe(false);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not a regular file/);
  }, 120_000);

  it("a named pipe and a looping link in a loaded folder are each refused on their own; the other files load", async () => {
    const spend = join(folder.path, "odd-folder");
    mkdirSync(spend);
    writeFileSync(join(spend, "institution.json"), JSON.stringify({ id: "ODD", name: "Odd files trust", kind: "nhs-trust" }));
    writeFileSync(join(spend, "april.csv"), SPEND);
    mkfifo(join(spend, "may.csv"));
    symlinkSync("loop.csv", join(spend, "loop.csv"));
    symlinkSync("missing.csv", join(spend, "dangling.csv"));
    symlinkSync(".", join(spend, "again"));
    const run = await loadChild(join(folder.path, "odd.duckdb"), spend);
    expect(run.killed, "the load hung on the pipe").toBe(false);
    const lines = run.stderr.trim().split("\n");
    expect(lines.filter((line) => line.startsWith("loaded")).map((line) => line.split("/").at(-1))).toEqual(["institution.json", "april.csv"]);
    expect(lines.find((line) => line.includes("may.csv"))).toMatch(/^REFUSED.*named pipe/);
    expect(lines.find((line) => line.includes("loop.csv"))).toMatch(/^REFUSED.*loops/);
    expect(lines.find((line) => line.includes("dangling.csv"))).toMatch(/^REFUSED.*to nothing/);
    expect(lines.find((line) => line.includes("again")), run.stderr).toMatch(/^skipped/);
    expect(run.status).toBe(1);
  }, 120_000);

  it("file names holding a line break or an escape sequence print as one line each, with no control character", () => {
    const names = join(folder.path, "names");
    mkdirSync(names);
    writeFileSync(join(names, "institution.json"), JSON.stringify({ id: "NAMES", name: "Names trust", kind: "nhs-trust" }));
    writeFileSync(join(names, "april\nloaded        forged.csv (spend): read 9 = loaded 9 + quarantined 0.csv"), SPEND);
    writeFileSync(join(names, "\u001b[2J\u001b[31mred.csv"), SPEND.replace("Acme", "Beta"));
    const run = runCli(["load", names, "--warehouse", join(folder.path, "names.duckdb")]);
    expect(run.status, run.stderr).toBe(0);
    const printed = run.stderr + run.stdout;
    expect(printed).not.toMatch(/\u001b/);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("loaded"))).toHaveLength(3);
    expect(run.stderr.split("\n").some((line) => line.startsWith("loaded        forged"))).toBe(false);
    // The load report's table too.
    expect(run.stdout.split("\n").some((line) => line.startsWith("loaded        forged"))).toBe(false);
  }, 120_000);
});
