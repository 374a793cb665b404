// Dependencies run one way: cli → site | share → loaders → model → warehouse → geo → core → pages/shared (ARCHITECTURE.md).
// This reads every import of the tree's source files and fails on any that runs against that direction.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const projectRoot = resolve(import.meta.dirname, "../..");

/** Each layer and the layers it may import from (its own included). */
const LAYERS: { name: string; folder: string; rank: number }[] = [
  // Plain modules the browser and Node both run (the CSV writer): inside pages/, the only folder Framework imports
  // from, and below every layer, so that src/share can use them too. They import nothing. (Before "pages": first match wins.)
  { name: "shared", folder: "pages/shared", rank: -1 },
  { name: "core", folder: "src/core", rank: 0 },
  // The warehouse registers geo's postcode rule as a SQL function (geo/postcode-sql.ts): geo sits below it.
  { name: "geo", folder: "geo", rank: 1 },
  { name: "warehouse", folder: "src/warehouse", rank: 2 },
  { name: "model", folder: "src/model", rank: 3 },
  { name: "loaders", folder: "loaders", rank: 4 },
  { name: "share", folder: "src/share", rank: 5 },
  { name: "site", folder: "src/site", rank: 5 },
  { name: "pages", folder: "pages", rank: 6 },
  { name: "cli", folder: "src/cli", rank: 7 },
];

function layerOf(path: string): (typeof LAYERS)[number] | undefined {
  return LAYERS.find((layer) => path === layer.folder || path.startsWith(`${layer.folder}/`));
}

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(projectRoot, folder))) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const path = `${folder}/${entry}`;
    if (statSync(join(projectRoot, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js|md)$/.test(entry)) out.push(path);
  }
  return out;
}

const IMPORT = /(?:from\s*|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

function imports(file: string): string[] {
  const text = readFileSync(join(projectRoot, file), "utf8");
  return [...text.matchAll(IMPORT)].map((match) => relative(projectRoot, resolve(projectRoot, dirname(file), match[1]!)));
}

describe("import direction", () => {
  const files = LAYERS.flatMap((layer) => sourceFiles(layer.folder)).filter((file, i, all) => all.indexOf(file) === i);

  it("reads the whole tree", () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it("no module imports a layer above its own, nor a sibling layer of the same rank", () => {
    const against: string[] = [];
    for (const file of files) {
      const from = layerOf(file)!;
      for (const target of imports(file)) {
        const to = layerOf(target);
        if (!to || to === from) continue;
        if (to.rank >= from.rank) against.push(`${file} (${from.name}) imports ${target} (${to.name})`);
      }
    }
    expect(against).toEqual([]);
  });
});
