#!/usr/bin/env node
// `plansite serve` as an editor meets it, in headless Chromium: a tab shows a plan page while
// its file is edited and saved.
//   - each edit shows in the open tab without a page load, at the same scroll position, and
//     the time from saving to the text showing is printed (with the median: the edit latency);
//     the theme's script still runs on the swapped page (the language switch keeps the #anchor);
//   - a save that breaks the build shows the error overlay over the last good page;
//   - restoring the file clears the overlay.
//
// Usage: node live-reload.mjs PAGE_URL PLAN_FILE [--edits N]
//   PAGE_URL is the served page of PLAN_FILE (e.g. http://127.0.0.1:1111/zh/plans/x/). The file
//   is restored at the end. Exit status 1 on any failure.

import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const at = args.indexOf("--edits");
const edits = at >= 0 ? Number(args.splice(at, 2)[1]) : 5;
const [url, file] = args;
if (!url || !file || !(edits > 0)) {
  console.error("usage: node live-reload.mjs PAGE_URL PLAN_FILE [--edits N]");
  process.exit(2);
}

const SHOW_WITHIN = 15000; // ms: a failure, not a slow edit (the latency is measured, not asserted)
const SETTLE = 1500; // ms between edits: the rest of the site is rebuilt after the plan pages
const original = fs.readFileSync(file, "utf8");
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`  FAIL ${what}`);
};
const shows = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 5, timeout: SHOW_WITHIN });

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const times = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => fail(`uncaught exception: ${e.message}`));
  let loads = 0;
  page.on("load", () => loads++);
  // Opened at a section: the language switch carries the anchor, after each swap too.
  await page.goto(`${url}#s2-1`, { waitUntil: "load" });
  await shows(page, () => window.plansiteEvents && window.plansiteEvents.readyState === 1);
  loads = 0;

  for (let i = 1; i <= edits; i++) {
    const marker = `edit-marker-${i}-${Date.now()}`;
    await page.evaluate(() => window.scrollTo(0, 600));
    const start = performance.now();
    fs.writeFileSync(file, `${original.trimEnd()}\n\n${marker}\n`);
    try {
      await shows(page, (m) => document.body.innerText.includes(m), marker);
    } catch {
      fail(`edit ${i} did not show within ${SHOW_WITHIN} ms`);
      break;
    }
    const ms = performance.now() - start;
    times.push(ms);
    const y = await page.evaluate(() => window.scrollY);
    console.log(`edit ${i}: shown ${ms.toFixed(0)} ms after the save (page loads: ${loads}, scroll ${y})`);
    if (loads) fail(`edit ${i} reloaded the page instead of updating it in place`);
    if (y !== 600) fail(`edit ${i} moved the reader from scroll position 600 to ${y}`);
    const switcher = await page.evaluate(() => document.querySelector("a[data-keep-hash]")?.getAttribute("href"));
    if (!switcher?.endsWith("#s2-1")) fail(`after edit ${i} the language switch lost the #s2-1 anchor: ${switcher}`);
    await page.waitForTimeout(SETTLE);
  }

  // A save that breaks the build: the error shows over the page, which stays as it was.
  fs.writeFileSync(file, original.replace(/^---\n/, "---\nbroken: [\n"));
  try {
    await shows(page, () => {
      const o = document.getElementById("plansite-build-error");
      return o && /broken|error/i.test(o.innerText);
    });
    console.log("a broken save shows the error overlay");
  } catch {
    fail("a broken save showed no error overlay");
  }
  fs.writeFileSync(file, original);
  try {
    await shows(page, () => !document.getElementById("plansite-build-error") && document.readyState === "complete");
    console.log("restoring the file clears the overlay");
  } catch {
    fail("the overlay stayed after the file was fixed");
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}

if (times.length) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `median edit-to-browser latency: ${median.toFixed(0)} ms over ${times.length} edits ` +
      `(min ${sorted[0].toFixed(0)}, max ${sorted[sorted.length - 1].toFixed(0)})`,
  );
}
if (failures.length) {
  console.log(`${failures.length} failure(s)`);
  process.exit(1);
}
