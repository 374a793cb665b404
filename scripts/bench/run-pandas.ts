// Runs the analyst's pandas + GeoPandas script (local-share-pandas.py) on the files anchor-spend loads, or says
// why it cannot (no python3, or Debian's python3-pandas / python3-geopandas not installed).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../src/core/config.js";

export interface PandasRun { seconds: number; rows: number; localShare: number; localShareDrawn: number }

// Debian's python3-pandas and python3-geopandas install for the system Python, which another python3 earlier on
// PATH (pyenv, a virtualenv) would not see.
const python = process.env.BENCH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const reference = join(projectRoot, "data/demo/reference/postcodes-nel-blmk-codepoint2025.csv.gz");
const definitions = join(projectRoot, "data/demo/definitions");

/** Null when the script can run here, else the reason it cannot. */
export function pandasMissing(): string | null {
  const probe = spawnSync(python, ["-c", "import pandas, geopandas"], { encoding: "utf-8" });
  if (probe.error) return `no ${python}`;
  return probe.status === 0 ? null : "python3-pandas or python3-geopandas not installed (apt-get install -y python3-pandas python3-geopandas)";
}

/** Runs the script on an institution folder's register and spend files; seconds are the parent's wall clock. */
export function runPandas(suppliersCsv: string, spendFiles: string[]): PandasRun {
  const started = performance.now();
  const output = execFileSync(python, [
    join(projectRoot, "scripts/bench/local-share-pandas.py"), reference, join(definitions, "own-local-authorities.json"),
    join(definitions, "own-local-authorities-2024.geojson"), suppliersCsv, ...spendFiles,
  ], { encoding: "utf-8", maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  const result = JSON.parse(output) as Omit<PandasRun, "seconds">;
  return { ...result, seconds };
}
