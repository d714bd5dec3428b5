// Load HTML pages in headless chromium (playwright-core, the system's browser) and report, as JSON on stdout:
// axe-core's violations, every table cell as the DOM has it, the heading outline, the page's width at 320 CSS
// pixels, and a screenshot and a printed PDF of each page.
// Usage: node check-page.js OUTDIR PAGE.html... (CHROMIUM: the browser, default /usr/bin/chromium).
// Only file:// pages are loaded; any other request is refused and reported.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function cellsOfTables() {
  // Runs in the page: each table's rows as [tag, text, colspan, rowspan, blank, headers, scope]; text is what is
  // drawn (text hidden for screen readers left out), blank is whether a screen reader hears 空白 instead.
  const visible = (node) => {
    let text = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      else if (child.nodeName === "BR") text += "\n";
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const style = getComputedStyle(child);
        const hidden = style.position === "absolute" && style.clip !== "auto" && child.offsetWidth <= 1;
        if (!hidden) text += visible(child);
      }
    }
    return text;
  };
  return [...document.querySelectorAll("table")].map((table) => ({
    caption: table.caption ? table.caption.textContent : null,
    thead: table.tHead ? table.tHead.rows.length : 0,
    rows: [...table.rows].map((row) => [...row.cells].map((cell) => ({
      tag: cell.tagName.toLowerCase(),
      text: visible(cell),
      spoken: cell.textContent,
      colspan: cell.colSpan,
      rowspan: cell.rowSpan,
      headers: cell.getAttribute("headers"),
      scope: cell.getAttribute("scope"),
      align: getComputedStyle(cell).textAlign,
    }))),
  }));
}

async function main() {
  const [outdir, ...pages] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  const results = [];
  try {
    for (const file of pages) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, javaScriptEnabled: true });
      const page = await context.newPage();
      const requests = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file://")) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
      });
      const tables = await page.evaluate(cellsOfTables);
      const headings = await page.evaluate(() =>
        [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")].map((h) => [Number(h.tagName[1]), h.textContent]));
      const lang = await page.evaluate(() => document.documentElement.lang);
      const stem = path.basename(file, ".html");
      const screenshot = path.join(outdir, stem + ".png");
      await page.screenshot({ path: screenshot, fullPage: false });
      // The title's lines at a narrower window: where the browser broke it.
      const titleLines = {};
      for (const width of [480, 360]) {
        await page.setViewportSize({ width, height: 640 });
        titleLines[width] = await page.evaluate(() => {
          const lines = [];
          let top = null;
          const h1 = document.querySelector("h1");
          const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const y = Math.round(range.getBoundingClientRect().top);
              if (top === null || Math.abs(y - top) > 4) { lines.push(""); top = y; }
              lines[lines.length - 1] += node.data[i];
            }
          }
          return lines;
        });
      }
      // Reflow (text enlarged 400 %, or a phone): at 320 CSS pixels only the tables' own regions scroll sideways.
      await page.setViewportSize({ width: 320, height: 640 });
      const reflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        regions: [...document.querySelectorAll("section[tabindex]")].map((r) => r.scrollWidth > r.clientWidth),
      }));
      const pdf = path.join(outdir, stem + ".print.pdf");
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: pdf, preferCSSPageSize: true });
      results.push({ file, lang, axe, tables, headings, requests, screenshot, pdf, reflow, titleLines });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
