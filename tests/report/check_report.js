#!/usr/bin/env node
// Opens a page written by `truckflow report` in headless Chromium and checks it as a reader would
// see it: it renders in time, every chart has drawn content, nothing is fetched from the network,
// nothing is logged as an error, and the notes of what the file lacks are there. Then it switches the
// language (and, in a compare file, the run shown) and checks again. tests/report/README.md.
//
//   node tests/report/check_report.js REPORT.html [--screenshot OUT.png] [--screenshot-zh OUT.png]
//        [--expect-missing NAME ...] [--max-ms 3000]
//
// Exit 0 when every check passes, 1 with one line per failure otherwise, 2 on bad usage.
"use strict";

const fs = require("fs");
const path = require("path");
const url = require("url");

const MODULES = path.join(__dirname, "..", "..", "output", "report", "node_modules");
const CHROMIUM = "/usr/bin/chromium";
const USAGE = "usage: check_report.js REPORT.html [--screenshot OUT.png] [--screenshot-zh OUT.png] " +
  "[--expect-missing NAME ...] [--max-ms MS]";

function parseArgs(argv) {
  const args = { report: null, screenshot: null, screenshotZh: null, expectMissing: [], maxMs: 3000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--screenshot") args.screenshot = argv[++i];
    else if (a === "--screenshot-zh") args.screenshotZh = argv[++i];
    else if (a === "--max-ms") args.maxMs = Number(argv[++i]);
    else if (a === "--expect-missing") {
      while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) args.expectMissing.push(argv[++i]);
    } else if (a.startsWith("--") || args.report) throw new Error("unexpected argument '" + a + "'");
    else args.report = a;
  }
  if (!args.report) throw new Error("no report given");
  if (args.screenshot === undefined || args.screenshotZh === undefined) throw new Error("a screenshot needs a file name");
  if (!(args.maxMs > 0)) throw new Error("--max-ms needs a positive number of milliseconds");
  return args;
}

function loadPlaywright() {
  try {
    return require(path.join(MODULES, "playwright-core"));
  } catch (e) {
    throw new Error("playwright-core is not installed in " + MODULES + " (run `npm ci` there, or scripts/install-deps)");
  }
}

// What the page shows now: its render flags and, for each chart, whether it drew anything.
function inspectPage() {
  const body = document.body.dataset;
  const charts = Array.from(document.querySelectorAll(".chart-area")).map(function (area) {
    const caption = area.closest("figure").querySelector("figcaption");
    const svg = area.querySelector("svg");
    const canvas = area.querySelector("canvas");
    // ECharts' SVG always holds a background rect: a chart has drawn something when it has more.
    const shapes = svg ? svg.querySelectorAll("path, text, circle, ellipse, polyline, polygon, line, image").length : 0;
    return { title: caption ? caption.textContent : "(untitled)", drawn: shapes > 0 || (canvas && canvas.width > 0) };
  });
  const missing = Array.from(document.querySelectorAll(".missing")).filter(function (n) {
    return n.offsetParent !== null && n.textContent.trim() !== "";
  }).map(function (n) { return (n.dataset.missing || "").split(" "); });
  return { rendered: body.rendered, charts: Number(body.charts), errors: body.errors || "", lang: body.lang,
    chartAreas: charts, missing: Array.from(new Set([].concat.apply([], missing))) };
}

async function waitRendered(page, timeoutMs) {
  await page.waitForFunction(function () { return document.body && document.body.dataset.rendered === "1"; },
    null, { timeout: timeoutMs, polling: 20 });
}

function checkState(state, label, failures) {
  if (state.errors) failures.push(label + ": the page recorded errors: " + state.errors);
  if (state.charts !== state.chartAreas.length) {
    failures.push(label + ": data-charts is " + state.charts + " but the page has " + state.chartAreas.length + " chart areas");
  }
  state.chartAreas.filter(function (c) { return !c.drawn; }).forEach(function (c) {
    failures.push(label + ": chart '" + c.title + "' has no rendered content");
  });
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error("check_report: " + e.message + "\n" + USAGE);
    process.exit(2);
  }
  const report = path.resolve(args.report);
  if (!fs.existsSync(report)) {
    console.error("check_report: no such file: " + report);
    process.exit(2);
  }
  const pageUrl = url.pathToFileURL(report).href;
  const failures = [];
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await context.route("**/*", function (route) {
      const u = route.request().url();
      if (u === pageUrl || u.startsWith("data:")) return route.continue();
      failures.push("network request: " + u);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("console", function (msg) {
      if (msg.type() === "error") failures.push("console error: " + msg.text().split("\n")[0]);
    });
    page.on("pageerror", function (err) { failures.push("uncaught exception: " + err.message); });

    const started = Date.now();
    await page.goto(pageUrl, { waitUntil: "commit" });
    try {
      await waitRendered(page, Math.max(10000, 3 * args.maxMs));
    } catch (e) {
      failures.push("data-rendered was not set to 1 within " + Math.max(10000, 3 * args.maxMs) + " ms");
    }
    const elapsed = Date.now() - started;
    if (elapsed > args.maxMs) failures.push("rendering took " + elapsed + " ms, over the limit of " + args.maxMs + " ms");
    const first = await page.evaluate(inspectPage);
    checkState(first, "en", failures);
    args.expectMissing.forEach(function (name) {
      if (first.missing.indexOf(name) < 0) failures.push("no visible note says '" + name + "' is missing");
    });
    if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });

    if (await page.$("#lang-toggle")) {
      await page.click("#lang-toggle");
      await waitRendered(page, 10000).catch(function () { failures.push("zh: data-rendered not set after the language toggle"); });
      const zh = await page.evaluate(inspectPage);
      if (zh.lang !== "zh") failures.push("zh: the language toggle did not switch to Chinese (data-lang=" + zh.lang + ")");
      checkState(zh, "zh", failures);
      if (args.screenshotZh) await page.screenshot({ path: args.screenshotZh, fullPage: true });
    } else {
      failures.push("the page has no language toggle (#lang-toggle)");
    }

    const runs = await page.$$eval("#run-select option", function (os) { return os.length; });
    if (runs > 1) {
      await page.selectOption("#run-select", "1");
      await waitRendered(page, 10000).catch(function () { failures.push("run 2: data-rendered not set after choosing a run"); });
      checkState(await page.evaluate(inspectPage), "run 2", failures);
    }

    const size = fs.statSync(report).size;
    if (failures.length) {
      failures.forEach(function (f) { console.error("check_report: FAIL: " + f); });
      console.error("check_report: " + args.report + ": " + failures.length + " failure(s)");
      process.exitCode = 1;
    } else {
      console.log("check_report: OK: " + args.report + ": " + first.charts + " charts, rendered in " + elapsed +
        " ms, " + (size / 1e6).toFixed(2) + " MB" + (first.missing.length ? "; notes of missing: " + first.missing.join(" ") : ""));
    }
  } finally {
    await browser.close();
  }
}

main().catch(function (e) {
  console.error("check_report: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
