// A tiny static file server for built sites, on 127.0.0.1 only (no dependencies).
// Each site is mounted at a path ("/" or a sub-path such as "/portal/"); an unknown address
// gets that site's 404.html with status 404, as a static host would serve it.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

/** The mount whose path is the longest prefix of `urlPath`. */
function findMount(mounts, urlPath) {
  return mounts
    .filter((m) => urlPath.startsWith(m.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

/** The file a request path names inside `root`, or null (never outside `root`). */
function resolveFile(root, rel) {
  const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

function send(res, status, file, method) {
  const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
  const body = fs.readFileSync(file);
  res.writeHead(status, { "content-type": type, "content-length": body.length, "cache-control": "no-store" });
  res.end(method === "HEAD" ? undefined : body);
}

function handle(mounts, req, res) {
  let urlPath;
  try {
    urlPath = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const mount = findMount(mounts, urlPath);
  if (!mount) {
    res.writeHead(404, { "content-type": "text/plain" }).end("no site mounted here");
    return;
  }
  const file = resolveFile(mount.dir, urlPath.slice(mount.path.length));
  const stat = file && fs.existsSync(file) ? fs.statSync(file) : null;
  if (stat && stat.isDirectory()) {
    if (!urlPath.endsWith("/")) {
      res.writeHead(301, { location: urlPath + "/" }).end();
      return;
    }
    const index = path.join(file, "index.html");
    if (fs.existsSync(index)) return send(res, 200, index, req.method);
  } else if (stat && stat.isFile()) {
    return send(res, 200, file, req.method);
  }
  const notFound = path.join(mount.dir, "404.html");
  if (fs.existsSync(notFound)) return send(res, 404, notFound, req.method);
  res.writeHead(404, { "content-type": "text/plain" }).end("not found");
}

/**
 * Starts serving `mounts` ([{ path: "/portal/", dir }]) on 127.0.0.1:`port` (0 = any free port).
 * Resolves to { server, origin }.
 */
export function serve(mounts, port = 0) {
  const resolved = mounts.map((m) => ({ path: m.path, dir: path.resolve(m.dir) }));
  const server = http.createServer((req, res) => handle(resolved, req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}
