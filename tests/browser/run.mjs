#!/usr/bin/env node
// Checks a built plansite site the way readers and validators meet it:
//   - every page loads in headless Chromium at phone width (360 px) with no console error, no
//     failed request and no horizontal scroll;
//   - each page type (one representative per directory pattern, every language) at phone and
//     desktop width: full-page screenshots, charts visible, axe-core finds no serious or critical
//     accessibility violation (light and dark colour scheme);
//   - the 404 page, the language switch keeping the #section anchor, glossary links and search
//     (the last two once those pages exist; search also with its bundle blocked, when the page
//     says that search is not available);
//   - the same again under a sub-path (page types, 404, language switch);
//   - every internal href/src of every page resolves, #fragments included (read from the files);
//   - the Nu Html Checker finds no error in any .html or .svg file.
//
// Usage: node run.mjs SITE_DIR [--subpath-site DIR] [--screenshots DIR]
//   SITE_DIR is served at "/"; the --subpath-site build is served at the path (and port) of its
//   base URL, e.g. a site built with --base-url http://127.0.0.1:8123/portal/.
// Exit status 1 on any failure. Outside CI (CI unset) a missing Chromium or Java is reported
// and those checks are skipped; in CI it is a failure.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { describeSite, urlPath, inLanguage, pageType } from "./pages.mjs";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const IN_CI = !!process.env.CI && !["0", "false"].includes(process.env.CI.toLowerCase());
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const PER_TYPE = 40; // pages per page type in the every-page pass (all of them with BROWSER_ALL_PAGES=1)
const SECTION = "s2-1"; // a section anchor every plan has, in every language
const SEARCH_QUERIES = { zh: "质量", en: "quality" }; // words every shipped plan contains

const stats = { pages: 0, loads: 0, links: 0, axe: 0, axeMinor: 0, vnuFiles: 0, vnuErrors: 0, vnuWarnings: 0, shots: 0 };
const failures = [];
const notes = [];

function fail(where, what) {
  failures.push(`${where}: ${what}`);
  console.log(`  FAIL ${where}: ${what}`);
}

function note(text) {
  notes.push(text);
  console.log(`  note: ${text}`);
}

function parseArgs(argv) {
  const args = { site: null, subpathSite: null, screenshots: path.join(HERE, "..", "..", "target", "screenshots") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--subpath-site") args.subpathSite = argv[++i];
    else if (argv[i] === "--screenshots") args.screenshots = argv[++i];
    else if (!args.site) args.site = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!args.site) throw new Error("usage: node run.mjs SITE_DIR [--subpath-site DIR] [--screenshots DIR]");
  return args;
}

/** The base URL a site was built with, from its robots.txt `Sitemap:` line. */
function builtBaseUrl(dir) {
  const robots = fs.readFileSync(path.join(dir, "robots.txt"), "utf8");
  const m = robots.match(/^Sitemap:\s*(\S+)sitemap\.xml\s*$/m);
  if (!m) throw new Error(`${dir}/robots.txt names no sitemap: cannot tell the site's base URL`);
  return new URL(m[1]);
}

// ---------------------------------------------------------------- browser pages

/**
 * One browser tab, reused for every visit (a new tab per page costs ~4x the time). Records
 * every console error, uncaught exception, failed request and HTTP error of the current visit.
 */
class Tab {
  constructor(page) {
    this.page = page;
    this.issues = [];
    this.url = null;
    this.expectStatus = 200;
    page.setDefaultTimeout(15000);
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      const at = m.location()?.url || "";
      if (this.deliberate(at) && /status of 404/.test(m.text())) return;
      this.issues.push(`console error: ${m.text()}${at ? ` (${at})` : ""}`);
    });
    page.on("pageerror", (e) => this.issues.push(`uncaught exception: ${e.message}`));
    page.on("requestfailed", (r) => this.issues.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on("response", (r) => {
      if (r.status() >= 400 && !(this.deliberate(r.url()) && r.status() === this.expectStatus)) {
        this.issues.push(`HTTP ${r.status()}: ${r.url()}`);
      }
    });
  }

  /** The deliberate 404 of a visit to an unknown address. */
  deliberate(url) {
    return this.expectStatus !== 200 && url === this.url;
  }

  /** Loads `url` at `viewport`; `expectStatus` 404 for the not-found page. */
  async visit(url, viewport, { expectStatus = 200 } = {}) {
    this.issues = [];
    this.url = url;
    this.expectStatus = expectStatus;
    const size = this.page.viewportSize();
    if (!size || size.width !== viewport.width || size.height !== viewport.height) {
      await this.page.setViewportSize(viewport);
    }
    await this.page.emulateMedia({ colorScheme: "light" });
    const response = await this.page.goto(url, { waitUntil: "load" });
    if (response && response.status() !== expectStatus) {
      this.issues.push(`HTTP ${response.status()} (expected ${expectStatus})`);
    }
    stats.loads++;
    return this.page;
  }

  /** Reports (as failures) what the visit recorded. */
  report(where) {
    for (const i of this.issues) fail(where, i);
    this.issues = [];
  }
}

async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const over = document.scrollingElement.scrollWidth - window.innerWidth;
    if (over <= 0) return null;
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3)
      .map((e) => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : ""));
    return `${over}px wider than the ${window.innerWidth}px viewport (${wide.join(", ")})`;
  });
}

/** Up to `n` pages of each page type, evenly spread and always the same ones. */
function sampleByType(files, langs, n) {
  const byType = new Map();
  for (const f of files) {
    const t = pageType(f, langs);
    if (!byType.has(t)) byType.set(t, []);
    byType.get(t).push(f);
  }
  const out = [];
  for (const list of byType.values()) {
    const step = Math.max(1, list.length / n);
    for (let i = 0; i < list.length; i += step) out.push(list[Math.floor(i)]);
  }
  return out.sort();
}

/** Every page at phone width: loads cleanly, no horizontal scroll. Returns a page with a.term. */
async function checkEveryPage(tab, base, site) {
  const all = site.html.filter((f) => f !== "404.html"); // shown at unknown addresses: see check404
  const pages = process.env.BROWSER_ALL_PAGES ? all : sampleByType(all, site.langs, PER_TYPE);
  console.log(`[every page] ${pages.length} of ${all.length} pages at ${PHONE.width} px (up to ${PER_TYPE} per page type; BROWSER_ALL_PAGES=1 for all)`);
  let termPage = null;
  for (const file of pages) {
    const url = new URL(urlPath(file), base).href;
    const page = await tab.visit(url, PHONE);
    const over = await horizontalOverflow(page);
    if (over) fail(`${url} @${PHONE.width}`, `horizontal scroll: ${over}`);
    if (!termPage && (await page.$("a.term"))) termPage = url;
    tab.report(`${url} @${PHONE.width}`);
    stats.pages++;
  }
  return termPage;
}

/** An unknown address shows the 404 page (status 404), styled, with working links home. */
async function check404(tab, label, base) {
  const url = new URL("no-such-page/", base).href;
  const where = `${label} 404 page ${url}`;
  const page = await tab.visit(url, DESKTOP, { expectStatus: 404 });
  const styled = await page.evaluate(() => getComputedStyle(document.body).marginTop === "0px");
  if (!styled) fail(where, "the stylesheet did not load");
  const hrefs = await page.$$eval("a[href]:not([href^='#'])", (as) => as.map((a) => a.href.split("#")[0]));
  if (hrefs.length === 0) fail(where, "no links");
  for (const href of new Set(hrefs)) {
    const res = await fetch(href);
    if (res.status !== 200) fail(where, `link ${href} answers HTTP ${res.status}`);
    else if (!href.startsWith(base.href)) fail(where, `link ${href} leaves the site's base ${base.href}`);
  }
  tab.report(where);
}

/** On every page type with #s2-1, the other-language link lands on the same anchor. */
async function checkLanguageSwitch(tab, label, base, site) {
  let checked = 0;
  for (const { type, files } of site.types) {
    for (const [lang, file] of Object.entries(files)) {
      if (!lang) continue;
      const url = new URL(urlPath(file), base).href;
      const where = `${label} language switch ${type} (${lang})`;
      const page = await tab.visit(`${url}#${SECTION}`, DESKTOP);
      if (!(await page.$(`[id="${SECTION}"]`))) {
        tab.report(where);
        continue;
      }
      const link = page.locator('a[rel~="alternate"][hreflang]').first();
      const target = await link.getAttribute("hreflang");
      await Promise.all([page.waitForURL((u) => u.href.split("#")[0] !== url), link.click()]);
      const now = new URL(page.url());
      const otherLang = site.langs.find((l) => now.pathname.includes(`/${l}/`));
      const expected = new URL(urlPath(inLanguage(file, otherLang, site.langs)), base).pathname;
      if (now.pathname !== expected) fail(where, `landed on ${now.pathname}, expected ${expected} (${target})`);
      if (now.hash !== `#${SECTION}`) fail(where, `landed with hash "${now.hash}", expected #${SECTION}`);
      if (!(await page.$(`[id="${SECTION}"]`))) fail(where, `#${SECTION} missing after the switch`);
      tab.report(where);
      checked++;
    }
  }
  if (checked === 0) fail(label, `no page type has a #${SECTION} section to check the language switch on`);
  else console.log(`[${label}] language switch kept #${SECTION} on ${checked} pages`);
}

/** Each page type in each language at both widths loads cleanly (the sub-path pass). */
async function checkTypesLoad(tab, label, base, site) {
  for (const { type, files } of site.types) {
    for (const [lang, file] of Object.entries(files)) {
      if (file === "404.html") continue;
      const url = new URL(urlPath(file), base).href;
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await tab.visit(url, viewport);
        if (viewport === PHONE) {
          const over = await horizontalOverflow(page);
          if (over) fail(`${label} ${url} @${PHONE.width}`, `horizontal scroll: ${over}`);
        }
        tab.report(`${label} ${type} (${lang}) ${url} @${viewport.width}`);
      }
      stats.pages++;
    }
  }
}

// ---------------------------------------------------------------- links (no browser)

const ATTR = (name) => new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\x60]+))`, "g");
const decode = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Values of an attribute in an HTML text (quoted or, as minified, unquoted). */
function attrValues(html, name) {
  return [...html.matchAll(ATTR(name))].map((m) => decode(m[1] ?? m[2] ?? m[3]));
}

/** Runs `fn` over `items`, `limit` at a time. */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Every same-origin href/src of every page of a site answers 200 and, for a #fragment, the
 * target has that id. Read from the files, resolved against each page's served URL.
 */
async function checkLinks(label, dir, base, site) {
  const targets = new Map(); // url without fragment → { from, fragments }
  for (const file of site.html) {
    const pageUrl = new URL(file === "404.html" ? "no-such-page/" : urlPath(file), base);
    const html = fs.readFileSync(path.join(dir, file), "utf8");
    const ownIds = new Set(attrValues(html, "id"));
    for (const ref of [...attrValues(html, "href"), ...attrValues(html, "src")]) {
      if (ref.startsWith("#")) {
        const frag = decodeURIComponent(ref.slice(1));
        if (frag && !ownIds.has(frag)) fail(`${label} ${pageUrl.href}`, `link to #${frag}: no such id`);
        continue;
      }
      let u;
      try {
        u = new URL(ref, pageUrl);
      } catch {
        fail(`${label} ${pageUrl.href}`, `unparsable link ${JSON.stringify(ref)}`);
        continue;
      }
      if (u.origin !== base.origin) continue;
      const frag = decodeURIComponent(u.hash.slice(1));
      u.hash = "";
      if (!targets.has(u.href)) targets.set(u.href, { from: pageUrl.href, fragments: new Set() });
      if (frag) targets.get(u.href).fragments.add(frag);
    }
  }
  console.log(`[${label}] ${targets.size} internal link targets from ${site.html.length} pages`);
  await pool([...targets], 8, async ([target, { from, fragments }]) => {
    stats.links++;
    const res = await fetch(target);
    const body = await res.text();
    if (res.status !== 200) return fail(from, `broken link to ${target} (HTTP ${res.status})`);
    if (fragments.size === 0) return;
    const ids = new Set(attrValues(body, "id"));
    for (const frag of fragments) {
      if (!ids.has(frag)) fail(from, `link to ${target}#${frag}: no such id`);
    }
  });
}

// ---------------------------------------------------------------- page types

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function runAxe(page, where) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    const text = `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s): ${targets}`;
    if (v.impact === "serious" || v.impact === "critical") {
      stats.axe++;
      fail(where, text);
    } else {
      stats.axeMinor++;
      note(`${where}: ${text}`);
    }
  }
}

/** Every `figure.chart svg[role=img]` is visible with a non-zero size; returns how many. */
async function checkCharts(page, where) {
  const charts = page.locator('figure.chart svg[role="img"]');
  const n = await charts.count();
  for (let i = 0; i < n; i++) {
    const box = await charts.nth(i).boundingBox();
    if (!box || box.width <= 0 || box.height <= 0 || !(await charts.nth(i).isVisible())) {
      fail(where, `chart ${i + 1} is not visible (box ${JSON.stringify(box)})`);
    }
  }
  return n;
}

function shotName(file, viewport) {
  const stem = file.replace(/\/?index\.html$/, "").replace(/\.html$/, "").replace(/\//g, "_") || "root";
  return `${stem}.${viewport === PHONE ? "phone" : "desktop"}.png`;
}

/** Each page type in each language: screenshots at both widths, charts, axe (light and dark). */
async function checkPageTypes(tab, base, site, shotsDir) {
  fs.rmSync(shotsDir, { recursive: true, force: true });
  fs.mkdirSync(shotsDir, { recursive: true });
  let indicatorCharts = 0;
  for (const { type, files } of site.types) {
    for (const [lang, file] of Object.entries(files)) {
      const where = `${type} (${lang || "all languages"})`;
      const expectStatus = file === "404.html" ? 404 : 200;
      const url = new URL(expectStatus === 404 ? "no-such-page/" : urlPath(file), base).href;
      console.log(`[types] ${where}: ${url}`);
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await tab.visit(url, viewport, { expectStatus });
        const charts = await checkCharts(page, `${where} @${viewport.width}`);
        if (type.startsWith("{lang}/indicators")) indicatorCharts += charts;
        await page.screenshot({ path: path.join(shotsDir, shotName(file, viewport)), fullPage: true });
        stats.shots++;
        if (viewport === DESKTOP) {
          for (const colorScheme of ["light", "dark"]) {
            await page.emulateMedia({ colorScheme });
            await runAxe(page, `${where} [${colorScheme}]`);
          }
        }
        tab.report(`${where} @${viewport.width}`);
      }
    }
  }
  const hasIndicators = site.types.some((t) => t.type.startsWith("{lang}/indicators"));
  if (!hasIndicators) note("no /{lang}/indicators/ pages yet: chart check skipped");
  else if (indicatorCharts === 0) fail("indicators", 'no <figure class="chart"> with an <svg role="img"> found');
}

/** A glossary term link (`a.term`) opens the glossary at its entry. */
async function checkGlossary(tab, site, termPage) {
  if (!site.html.some((f) => /^[^/]+\/glossary\/index\.html$/.test(f))) {
    note("no /{lang}/glossary/ page yet: glossary link check skipped");
    return;
  }
  if (!termPage) {
    fail("glossary", 'a glossary exists but no page has an <a class="term"> link to it');
    return;
  }
  const where = `glossary link on ${termPage}`;
  const page = await tab.visit(termPage, DESKTOP);
  const link = page.locator("a.term").first();
  const href = await link.getAttribute("href");
  await Promise.all([page.waitForURL((u) => u.href.split("#")[0] !== termPage), link.click()]);
  const now = new URL(page.url());
  const id = decodeURIComponent(now.hash.slice(1));
  if (!/\/glossary\/$/.test(now.pathname)) fail(where, `${href} opened ${now.pathname}, not a glossary page`);
  if (!id) fail(where, `${href} opened the glossary without an entry anchor`);
  else if (!(await page.evaluate((i) => !!document.getElementById(i), id))) fail(where, `no entry #${id}`);
  else console.log(`[glossary] ${href} opened entry #${id}`);
  tab.report(where);
}

/** The search page (Pagefind's default UI) returns results for a common word. */
async function checkSearch(tab, base, site) {
  const langs = site.langs.filter((l) => site.html.includes(`${l}/search/index.html`));
  if (langs.length === 0) {
    note("no /{lang}/search/ page yet: search check skipped");
    return;
  }
  for (const lang of langs) {
    const where = `search (${lang})`;
    const page = await tab.visit(new URL(`${lang}/search/`, base).href, DESKTOP);
    const query = SEARCH_QUERIES[lang] || SEARCH_QUERIES.en;
    try {
      await page.locator(".pagefind-ui__search-input").fill(query);
      await page.locator(".pagefind-ui__result").first().waitFor({ timeout: 15000 });
      const n = await page.locator(".pagefind-ui__result").count();
      console.log(`[search] "${query}" (${lang}): ${n} results shown`);
      // Pagefind may still be fetching fragments: leaving now would abort them (failed requests).
      await page.waitForLoadState("networkidle");
    } catch (e) {
      fail(where, `searching "${query}" showed no result: ${e.message.split("\n")[0]}`);
    }
    tab.report(where);
  }
  // Without the bundle (`plansite serve` is still building the index, or it was not deployed)
  // the page says that search is not available and links to the lists instead.
  const where = "search without its index";
  const page = await tab.page.context().newPage();
  try {
    await page.route("**/pagefind/**", (route) => route.abort());
    await page.goto(new URL(`${langs[0]}/search/`, base).href);
    const notice = page.locator("#search .notice");
    await notice.waitFor({ timeout: 15000 });
    const links = await page.locator("#search a").count();
    if (links < 2) fail(where, `${links} links to browse instead of 2`);
    else console.log(`[search] without its index: "${(await notice.textContent()).trim()}", ${links} links`);
  } catch (e) {
    fail(where, `no notice: ${e.message.split("\n")[0]}`);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- validator

/** Runs a command to completion without blocking (the validator runs beside the browser). */
function runAsync(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => resolve({ status: null, stdout, stderr, error }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The Nu Html Checker over every .html and every standalone .svg file of `dir`. */
async function checkValidity(dir, site) {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error || java.status !== 0) return unavailable("Java (for the Nu Html Checker) is not installed");
  const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
  stats.vnuFiles = site.html.length + site.svg.length;
  console.log(`[vnu] checking ${site.html.length} .html and ${site.svg.length} .svg files`);
  const run = await runAsync("java", ["-jar", jar, "--format", "json", "--skip-non-html", "--also-check-svg", dir]);
  let messages;
  try {
    messages = JSON.parse(run.stderr).messages;
  } catch {
    fail("vnu", `could not run the checker (status ${run.status}): ${run.stderr || run.error}`);
    return;
  }
  for (const m of messages) {
    const file = (m.url || "").replace(/^file:/, "");
    const where = `${path.relative(dir, file) || file}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}`;
    const extract = m.extract ? ` — ${JSON.stringify(m.extract.slice(0, 120))}` : "";
    if (m.type === "error" || m.type === "non-document-error") {
      stats.vnuErrors++;
      fail(`vnu ${where}`, `${m.message}${extract}`);
    } else if (m.subType === "warning") {
      stats.vnuWarnings++;
      note(`vnu warning ${where}: ${m.message}`);
    }
  }
  console.log(`[vnu] done: ${stats.vnuErrors} errors, ${stats.vnuWarnings} warnings`);
}

/** A tool is missing: a failure in CI, a printed skip elsewhere. */
function unavailable(reason) {
  if (IN_CI) fail("setup", `${reason} (CI is set: these checks must run)`);
  else note(`SKIPPED: ${reason}; set CI=1 to make this a failure`);
}

// ---------------------------------------------------------------- main

async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian package chromium)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plansite-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    return { context, userDataDir };
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
}

async function browserChecks(args, root, sub) {
  let browser;
  try {
    browser = await launch();
  } catch (e) {
    unavailable(`Chromium cannot start: ${e.message.split("\n").slice(0, 6).join(" / ")}`);
    return;
  }
  const mounts = [{ path: "/", dir: args.site }];
  if (sub) mounts.push({ path: sub.base.pathname, dir: args.subpathSite });
  const { server, origin } = await serve(mounts, sub ? Number(sub.base.port) : 0);
  try {
    const tab = new Tab(await browser.context.newPage());
    const rootBase = new URL("/", origin);
    const termPage = await checkEveryPage(tab, rootBase, root);
    await check404(tab, "root", rootBase);
    await checkLanguageSwitch(tab, "root", rootBase, root);
    await checkPageTypes(tab, rootBase, root, args.screenshots);
    await checkGlossary(tab, root, termPage);
    await checkSearch(tab, rootBase, root);
    await checkLinks("root", args.site, rootBase, root);
    if (sub) {
      const subBase = new URL(sub.base.pathname, origin);
      await checkTypesLoad(tab, "sub-path", subBase, sub.site);
      await check404(tab, "sub-path", subBase);
      await checkLanguageSwitch(tab, "sub-path", subBase, sub.site);
      await checkLinks("sub-path", args.subpathSite, subBase, sub.site);
    } else {
      note("no --subpath-site given: the sub-path pass was skipped");
    }
  } finally {
    server.close();
    await browser.context.close();
    fs.rmSync(browser.userDataDir, { recursive: true, force: true });
  }
}

function summary(started) {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log("\n== summary ==");
  console.log(`pages checked: ${stats.pages} (${stats.loads} browser loads), internal link targets: ${stats.links}`);
  console.log(`axe violations (serious/critical): ${stats.axe}; minor/moderate: ${stats.axeMinor}`);
  console.log(`vnu: ${stats.vnuFiles} files, ${stats.vnuErrors} errors, ${stats.vnuWarnings} warnings`);
  console.log(`screenshots: ${stats.shots}; notes: ${notes.length}; time: ${secs} s`);
  if (failures.length) {
    console.log(`\n${failures.length} FAILURE(S):`);
    for (const f of failures) console.log(`  - ${f}`);
  } else if (notes.some((n) => n.startsWith("SKIPPED"))) {
    console.log("no failure, but checks were SKIPPED (see the notes above)");
  } else {
    console.log("all browser, accessibility and validity checks passed");
  }
}

async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const root = describeSite(args.site);
  const sub = args.subpathSite ? { site: describeSite(args.subpathSite), base: builtBaseUrl(args.subpathSite) } : null;
  console.log(`site: ${root.html.length} pages, languages ${root.langs.join(", ")}`);
  console.log(`page types: ${root.types.map((t) => t.type).join(", ")}`);
  // The validator (a JVM) runs beside the browser checks; the sub-path build differs only in
  // its absolute URLs, so the root build is the one validated.
  const validity = checkValidity(args.site, root);
  await browserChecks(args, root, sub);
  await validity;
  summary(started);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
