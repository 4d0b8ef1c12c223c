// What a built site contains, found from its files alone: every page, the languages, and the
// page types (one representative per directory pattern), so new page types are checked
// without changing this harness.

import fs from "node:fs";
import path from "node:path";

/** Every file under `dir`, as sorted paths relative to it with "/" separators. */
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/** Language folders: top-level folders with a home page and a language-code name (zh, en, pt-BR). */
export function languages(files) {
  const langs = new Set();
  for (const f of files) {
    const m = f.match(/^([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\/index\.html$/);
    if (m) langs.add(m[1]);
  }
  return [...langs].sort();
}

/**
 * A page's type: its path with the language folder replaced by `{lang}` and an item folder
 * inside a section replaced by `*`: `zh/plans/ruian-2021/index.html` → `{lang}/plans/*`,
 * `en/indicators/index.html` → `{lang}/indicators`, `404.html` → `404.html`.
 */
export function pageType(file, langs) {
  const parts = file.split("/");
  if (parts[parts.length - 1] === "index.html") parts.pop();
  if (langs.includes(parts[0])) parts[0] = "{lang}";
  if (parts[0] === "{lang}" && parts.length >= 3) parts[2] = "*";
  return parts.join("/") || "/";
}

/** The URL path of a page relative to the site root: `zh/index.html` → `zh/`. */
export function urlPath(file) {
  return file.endsWith("index.html") ? file.slice(0, -"index.html".length) : file;
}

/** The same page in another language: `zh/plans/x/index.html` → `en/plans/x/index.html`. */
export function inLanguage(file, lang, langs) {
  const parts = file.split("/");
  return langs.includes(parts[0]) ? [lang, ...parts.slice(1)].join("/") : file;
}

/**
 * The site's pages: { all, langs, types }, where `types` lists one entry per page type with
 * the representative page in every language (`files[lang]`, or `files[""]` for pages outside
 * the language folders). The representative is the first item that exists in every language.
 */
export function describeSite(dir) {
  const files = listFiles(dir);
  const html = files.filter((f) => f.endsWith(".html"));
  const langs = languages(files);
  const byType = new Map();
  for (const f of html) {
    const type = pageType(f, langs);
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push(f);
  }
  const types = [];
  for (const [type, pages] of byType) {
    if (!type.startsWith("{lang}")) {
      types.push({ type, files: { "": pages[0] } });
      continue;
    }
    const first = pages.find((p) => langs.every((l) => html.includes(inLanguage(p, l, langs)))) || pages[0];
    const perLang = {};
    for (const l of langs) {
      const f = inLanguage(first, l, langs);
      if (html.includes(f)) perLang[l] = f;
    }
    types.push({ type, files: perLang });
  }
  return { files, html, svg: files.filter((f) => f.endsWith(".svg")), langs, types };
}
