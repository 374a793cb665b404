import { createServer, type Server } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv; charset=utf-8",
  ".parquet": "application/octet-stream", ".arrow": "application/vnd.apache.arrow.stream", ".wasm": "application/wasm",
};

/**
 * Maps a URL path onto a file of the built site: `/suppliers` → `suppliers.html`, `/` → `index.html`.
 * Throws URIError for a path that is not valid percent-encoding (answered 400).
 */
export function resolveSitePath(root: string, urlPath: string): string | null {
  const decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  for (const path of [candidate, `${candidate}.html`, join(candidate, "index.html")]) {
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return null;
}

/** Serves the built static site on 127.0.0.1 (never on other interfaces). Port 0 picks a free port. */
export async function serveSite(root: string, port: number): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(root, "index.html"))) throw new Error(`no built site in ${root}: run \`anchor-spend build\` first`);
  const server = createServer((request, response) => {
    // No request stops the server: a malformed one is answered 400, a failure while answering 500.
    const answer = (status: number, text: string) => {
      if (!response.headersSent) response.writeHead(status, { "content-type": "text/plain" });
      response.end(text);
    };
    try {
      const path = resolveSitePath(root, request.url ?? "/");
      if (!path) return answer(404, "not found");
      const stream = createReadStream(path);
      stream.once("error", () => answer(500, "could not read the file"));
      stream.once("open", () => {
        response.writeHead(200, { "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream" });
        stream.pipe(response);
      });
    } catch (error) {
      answer(error instanceof URIError ? 400 : 500, error instanceof URIError ? "bad request: the path is not valid percent-encoding" : "could not answer");
    }
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", done);
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return { server, url: `http://127.0.0.1:${actualPort}/` };
}
