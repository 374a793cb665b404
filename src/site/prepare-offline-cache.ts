// Fills pages/.observablehq/cache/_npm/<name>@<version>/_esm.js from node_modules, so that
// `observable build` never reaches for the CDN or the registry (neither is reachable offline).
// Each module is bundled by esbuild into one self-contained ESM file, as jsDelivr's +esm would be.
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "../core/config.js";

const npmCache = join(projectRoot, "pages", ".observablehq", "cache", "_npm");
const require = createRequire(join(projectRoot, "package.json"));

/** The npm: modules the site imports, explicitly or through Framework's implicit imports. */
export const OFFLINE_MODULES = ["@observablehq/plot", "@observablehq/inputs", "d3", "d3-dsv", "htl", "isoformat", "apache-arrow"] as const;

/**
 * Libraries Framework's client runtime names (for pages that might use them) and therefore resolves to a
 * version at build time, though no page here imports them. An empty cache folder answers the version
 * lookup without the network; a page that did import one would fail the build, loudly, on the download.
 */
export const RESOLVED_ONLY_MODULES: Record<string, string> = {
  "@observablehq/sample-datasets": "1.0.1", arquero: "8.0.3", echarts: "6.1.0",
  leaflet: "1.9.4", lodash: "4.18.1", "mapbox-gl": "3.32.0", "parquet-wasm": "0.8.0", react: "19.3.1",
  "react-dom": "19.3.1", "topojson-client": "3.1.0",
};

async function installedVersion(name: string): Promise<string> {
  const pkgPath = join(projectRoot, "node_modules", name, "package.json");
  const pkg = JSON.parse(await readFile(pkgPath, "utf-8")) as { version: string };
  return pkg.version;
}

async function bundleModule(name: string): Promise<string> {
  const exported = (await import(require.resolve(name))) as Record<string, unknown>;
  const all = `export * from ${JSON.stringify(name)};`;
  // Node's entry (CommonJS, whose namespace always has a default) may differ from the browser's (apache-arrow's
  // Arrow.dom.mjs has none): keep the default only when the browser entry has one.
  if ("default" in exported) {
    try {
      return await bundleEntry(`${all}export {default} from ${JSON.stringify(name)};`, "silent");
    } catch {
      return bundleEntry(all);
    }
  }
  return bundleEntry(all);
}

async function bundleEntry(entry: string, logLevel: "error" | "silent" = "error"): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: projectRoot, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
    logLevel,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

export async function prepareOfflineCache(): Promise<string[]> {
  const written: string[] = [];
  for (const name of OFFLINE_MODULES) {
    const version = await installedVersion(name);
    const dir = join(npmCache, `${name}@${version}`);
    // The folder is named by the installed version: a bundle already there is this version's.
    if (!existsSync(join(dir, "_esm.js"))) {
      await mkdir(dir, { recursive: true });
      // Written whole, then renamed: a build killed mid-write leaves no partial bundle to be trusted later.
      await writeFile(join(dir, "_esm.js.partial"), await bundleModule(name));
      await rename(join(dir, "_esm.js.partial"), join(dir, "_esm.js"));
    }
    written.push(`${name}@${version}`);
  }
  for (const [name, version] of Object.entries(RESOLVED_ONLY_MODULES)) {
    await mkdir(join(npmCache, `${name}@${version}`), { recursive: true });
  }
  return written;
}
