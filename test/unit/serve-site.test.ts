// `anchor-spend serve` answers every request and never exits on one (issue 18, point 10): `GET /%E0%A4%A`
// (not valid percent-encoding) made decodeURIComponent throw an uncaught URIError that stopped the server.
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite } from "../../src/site/serve-site.js";
import { tempFolder } from "../helpers/temp-warehouse.js";

/** A raw GET (fetch would normalise the path), answered with its status. */
const get = (url: string, path: string) => new Promise<number>((resolve, reject) => {
  const { hostname, port } = new URL(url);
  request({ hostname, port, path, method: "GET" }, (response) => {
    response.resume();
    response.on("end", () => resolve(response.statusCode ?? 0));
  }).on("error", reject).end();
});

describe("serve", () => {
  const folder = tempFolder("anchor-spend-serve-");
  let served: Awaited<ReturnType<typeof serveSite>>;
  beforeAll(async () => {
    writeFileSync(join(folder.path, "index.html"), "<!doctype html><title>site</title>");
    served = await serveSite(folder.path, 0);
  });
  afterAll(() => {
    served?.server.close();
    folder.cleanup();
  });

  it.each(["/%E0%A4%A", "/%", "/%zz", "/a%00b", "/..%2f..%2fetc%2fpasswd"])("answers %s with 400 or 404, and goes on serving", async (path) => {
    expect([400, 404]).toContain(await get(served.url, path));
    expect(await get(served.url, "/")).toBe(200);
  });

  it("answers a malformed percent-encoding 400", async () => {
    expect(await get(served.url, "/%E0%A4%A")).toBe(400);
  });
});
