// axe.cjs BROWSER FILE... runs axe-core (WCAG 2.0–2.2 A and AA, and best
// practices) in each HTML file, loaded by the real browser at 1280 and
// 375 px wide, and prints every violation; exit status 1 when there is one.
// Needs axe-core and puppeteer-core on NODE_PATH (the CI step installs
// pinned versions into a temporary directory).
const puppeteer = require('puppeteer-core');
const axePath = require.resolve('axe-core/axe.min.js');

(async () => {
  const [browserPath, ...files] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  let violations = 0;
  try {
    for (const file of files) {
      for (const width of [1280, 375]) {
        const page = await browser.newPage();
        await page.setViewport({ width, height: 900 });
        await page.goto('file://' + file, { waitUntil: 'load' });
        await page.addScriptTag({ path: axePath });
        const res = await page.evaluate(() => axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }));
        for (const v of res.violations) {
          violations++;
          console.log(`${file} (${width}px): ${v.id} [${v.impact}] ${v.help}`);
          for (const n of v.nodes.slice(0, 5)) console.log('    ' + n.target.join(' ') + ': ' + n.failureSummary.replace(/\n/g, ' '));
        }
        console.log(`${file} (${width}px): ${res.violations.length} violations, ${res.passes.length} rules passed`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  process.exit(violations > 0 ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
