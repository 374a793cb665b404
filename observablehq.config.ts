// Observable Framework configuration. The site is built offline: no global stylesheet from a CDN,
// no DuckDB-wasm extensions, and TypeScript data loaders run through tsx.
/** `anchor-spend build --level internal` (src/site/build-site.ts sets it): the analysts' site, never to be published. */
const internal = process.env.ANCHOR_SPEND_SITE_LEVEL === "internal";

const config = {
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
  header: internal ? '<div class="internal-build" role="note">Internal build for analysts: it shows quarantined raw values. Not for publication.</div>' : "",
  // Framework's own pager names the root page by the site title ("anchor-spend"): the footer draws the same
  // previous/next links (same markup, same style) from the pages below, by their own names.
  pager: false,
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
    { name: "Board pack", path: "/board-pack" },
    // The analysts' build only (`build --level internal`): every quarantined row with its raw value.
    ...(internal ? [{ name: "Quarantined rows", path: "/quarantine" }] : []),
  ],
  footer: ({ path }: { path: string }) => `${pagerLinks(path)}<div>anchor-spend — open-source evidence for social value procurement.</div>`,
};

export default config;

/** Previous and next page links for the page at `path` ("/local", "/index" for the root), named as the sidebar names them. */
function pagerLinks(path: string): string {
  const pages = config.pages;
  const here = pages.findIndex((page) => page.path === path.replace(/\/index$/, "/"));
  if (here < 0) return "";
  const link = (page: { name: string; path: string } | undefined, rel: string) =>
    page ? `<a rel="${rel}" href=".${page.path === "/" ? "/" : page.path}"><span>${page.name}</span></a>` : "";
  return `<nav>${link(pages[here - 1], "prev")}${link(pages[here + 1], "next")}</nav>`;
}
