// Observable Framework configuration. The site is built offline: no global stylesheet from a CDN,
// no DuckDB-wasm extensions, and TypeScript data loaders run through tsx.
export default {
  root: "pages",
  // buildSite() sets ANCHOR_SPEND_SITE_OUTPUT (dist/ unless it is given another folder, as the benchmark does).
  output: process.env.ANCHOR_SPEND_SITE_OUTPUT || "dist",
  title: "anchor-spend",
  globalStylesheets: [],
  duckdb: { extensions: [] },
  interpreters: { ".ts": ["node", "--import", "tsx"] },
  search: false,
  // No favicon request (it would 404 on a static host and show as a console error).
  // Framework 1.13 has no language option: set it first thing, for screen readers and hyphenation.
  head: '<link rel="icon" href="data:,"><script>document.documentElement.lang = "en-GB";</script>',
  style: "style.css",
  pages: [
    { name: "Overview", path: "/" },
    { name: "What counts as local", path: "/local" },
    { name: "Suppliers", path: "/suppliers" },
    { name: "Social value", path: "/social-value" },
    { name: "Tendering", path: "/tendering" },
    { name: "Market development", path: "/market" },
    { name: "Partners", path: "/partners" },
    { name: "Data quality", path: "/data-quality" },
    { name: "Methodology", path: "/methodology" },
    { name: "Data-sharing schema", path: "/schema" },
  ],
  footer: "anchor-spend — open-source evidence for social value procurement.",
};
