// Runs searches against a built Pagefind bundle the way a browser would, in node.
// Usage: node query.mjs <output dir> <html lang> <term>...
// Prints JSON: { "<term>": [{ "url", "title", "sub": [{ "url", "title" }, …] }, …], … }
// pagefind.js fetches its index files: a small fetch reads them from disk instead.
import { readFile } from "node:fs/promises";
import { pathToFileURL, fileURLToPath } from "node:url";
import path from "node:path";

const [site, lang, ...terms] = process.argv.slice(2);
const bundle = path.resolve(site, "pagefind");
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url ?? String(input));
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  } catch {
    return new Response("not found", { status: 404 });
  }
};
// The language comes from <html lang>, as on the search page.
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };

const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ basePath: pathToFileURL(bundle).href + "/", baseUrl: "/" });
const out = {};
for (const term of terms) {
  const search = await pagefind.search(term);
  const results = await Promise.all(search.results.map((r) => r.data()));
  out[term] = results.map((d) => ({
    url: d.url,
    title: d.meta?.title ?? "",
    sub: (d.sub_results ?? []).map((s) => ({ url: s.url, title: s.title })),
  }));
}
// Exit only once the (large) answer is flushed to the pipe.
process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(0));
