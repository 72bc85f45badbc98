// A tiny static server for the built site in dist/ (what `npm start` runs after `vite build`).
// No dependencies: node:http only. Unknown paths without a file extension fall back to
// index.html so client-side routes survive a reload. PORT from the environment, default 4173;
// if the port is busy the next one is tried.
//
// startServer({ base: "/podflow/", strict: true }) behaves like a plain static host serving the
// build under a sub-path (GitHub Pages, S3): nothing outside the base, and no fallbacks, which is
// what e2e/hosting.spec.ts checks the site against (deep links are hash-based: none are needed).

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { basename, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const DIST = resolve(fileURLToPath(new URL("../dist", import.meta.url)));
const MAX_TRIES = 20;

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

async function fileAt(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, decoded));
  // Never serve anything outside dist/ (e.g. /../package.json).
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(path);
    if (info.isFile()) return { path, size: info.size };
    if (info.isDirectory()) return fileAt(root, join(decoded, "index.html"));
  } catch {
    // Not there: the caller decides between 404 and the SPA fallback.
  }
  return undefined;
}

async function handle(root, req, res, { base = "/", strict = false } = {}) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const fullPath = new URL(req.url ?? "/", "http://x").pathname;
  if (!fullPath.startsWith(base)) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  const urlPath = "/" + fullPath.slice(base.length);
  let file = await fileAt(root, urlPath);
  let status = 200;
  if (!file && !strict && extname(urlPath) === "") file = await fileAt(root, "/index.html"); // SPA fallback
  if (!file && !strict) {
    // The build uses relative URLs (base "./"), so a page served at a deep SPA path asks for
    // /deep/path/assets/x.js: serve it from /assets/ (or the site root) instead.
    const at = urlPath.lastIndexOf("/assets/");
    file = at > 0 ? await fileAt(root, urlPath.slice(at)) : await fileAt(root, "/" + basename(urlPath));
  }
  if (!file) {
    status = 404;
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  const type = MIME[extname(file.path).toLowerCase()] ?? "application/octet-stream";
  // Vite puts content hashes in asset names, so those can be cached for good; index.html and the
  // service worker cannot.
  const immutable = file.path.includes(`${sep}assets${sep}`);
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": file.size,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(file.path).pipe(res);
}

/**
 * Serves `root` on `host`, from `port` upward while ports are busy. Resolves with the server and
 * the port it got. `base` serves the site under a sub-path ("/podflow/"); `strict` turns off the
 * SPA and asset fallbacks, like a plain static host.
 * @returns {Promise<{ server: import("node:http").Server, port: number }>}
 */
export function startServer({ root = DIST, host = "localhost", port = 4173, tries = MAX_TRIES, base = "/", strict = false } = {}) {
  const dir = resolve(root);
  if (!base.startsWith("/") || !base.endsWith("/")) throw new Error(`base must start and end with "/", got ${base}`);
  return new Promise((resolvePromise, reject) => {
    const attempt = (p, left) => {
      const server = createServer((req, res) => {
        handle(dir, req, res, { base, strict }).catch((err) => {
          console.error(err);
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      server.once("error", (err) => {
        if (err.code === "EADDRINUSE" && left > 1) {
          console.error(`Port ${p} is busy, trying ${p + 1}…`);
          attempt(p + 1, left - 1);
        } else reject(err);
      });
      server.listen(p, host, () => resolvePromise({ server, port: p }));
    };
    attempt(port, tries);
  });
}

async function main() {
  try {
    await stat(join(DIST, "index.html"));
  } catch {
    console.error("dist/index.html is missing: build first with `npm run build` (or use `npm start`).");
    process.exit(1);
  }
  try {
    const { port } = await startServer({ host: process.env.HOST ?? "localhost", port: Number(process.env.PORT ?? 4173) });
    console.log(`Podflow is running at http://localhost:${port}/`);
    console.log("Press Ctrl+C to stop.");
  } catch (err) {
    console.error(`Could not start the server: ${err.message}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
