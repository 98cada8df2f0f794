// lspgen's accessibility gate (SPEC §9). Builds every site in sites/, then
// checks every generated page:
//   - axe-core, WCAG 2.0/2.1/2.2 A and AA rules, in headless Chromium at
//     320px and 1280px wide;
//   - the W3C Nu HTML checker (vnu-jar) over every page and the theme's CSS;
//   - the first Tab reaches a visible skip link that moves focus to <main>;
//   - every link and control shows a visible focus indicator;
//   - nothing scrolls sideways at 320px (reflow);
//   - typography and layout (checks_layout.mjs): no word broken across
//     lines, no text under 12px, no chart labels overlapping, tables that
//     fit, and the h1 within the first 200px at 320px;
// and writes screenshots of the home, members and a meeting page of one
// site, and of one page of each type (type-*.png), at both widths to
// OUT/screenshots/.
//
//   node tests/browser/a11y.mjs --lspgen build/lspgen --out build/browser [--sites 'sites/*/']
//
// Exits 0 when every check passes, 1 when any fails (each problem names the
// page, the rule, the element and what to do), 2 for a usage or setup error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { axe_problems, focus_problems, reflow_problems, skip_link_problems } from './checks.mjs';
import { glossary_problems } from './checks_glossary.mjs';
import { layout_problems, page_types, screenshot_top } from './checks_layout.mjs';
import { meetings_charts_problems } from './checks_meetings_charts.mjs';
import { site_structure_problems, structure_problems } from './checks_structure.mjs';
import { serve } from './serve.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const WIDTHS = [320, 1280];
const WORKERS = 3;  // pages checked at once; two cores, one browser
const NOW = '2009-03-01';  // as scripts/build-sites.sh: the example sites are set in 2009
// The flags that let Chromium run here: no sandbox as root, and no
// background connections to the (closed) network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// The site whose home, members and first meeting page are photographed.
const SCREENSHOT_SITE = 'spelthorne';
// One page of each type, photographed at each width: page → name.
let type_shots = new Map();

function usage(message) {
  console.error(`a11y: ${message}\nusage: node a11y.mjs --lspgen PATH --out DIR [--sites DIR...]`);
  process.exit(2);
}

function parse_args(argv) {
  const args = { sites: [] };
  for (let i = 0; i < argv.length; ++i) {
    const value = argv[i + 1];
    if (argv[i] === '--lspgen') args.lspgen = value, ++i;
    else if (argv[i] === '--out') args.out = value, ++i;
    else if (argv[i] === '--sites') args.sites.push(value), ++i;
    else usage(`unknown argument '${argv[i]}'`);
  }
  if (!args.lspgen || !args.out) usage('--lspgen and --out are required');
  if (args.sites.length === 0) {
    const dir = join(REPO, 'sites');
    args.sites = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'site.yaml')))
      .map((d) => join(dir, d.name))
      .sort();
  }
  return args;
}

function html_files(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...html_files(path));
    else if (entry.name.endsWith('.html')) found.push(path);
  }
  return found.sort();
}

function seconds_since(start) {
  return ((performance.now() - start) / 1000).toFixed(1);
}

/// Runs the W3C Nu HTML checker over `files` in its own process, while the
/// browser works. Resolves to a list of problems.
function run_vnu(files, public_dir) {
  const jar = join(HERE, 'node_modules/vnu-jar/build/dist/vnu.jar');
  return new Promise((resolve_problems) => {
    const java = spawn('java', ['-Xss4m', '-jar', jar, '--errors-only', '--also-check-css', '--format', 'json',
      '--stdout', '--exit-zero-always', ...files]);
    let output = '';
    let errors = '';
    java.stdout.on('data', (chunk) => (output += chunk));
    java.stderr.on('data', (chunk) => (errors += chunk));
    java.on('error', (e) => resolve_problems([{ file: 'vnu', rule: 'vnu', message: `cannot run java: ${e.message}`, elements: [] }]));
    java.on('close', (code) => {
      let messages;
      try {
        messages = JSON.parse(output).messages;
      } catch {
        resolve_problems([{ file: 'vnu', rule: 'vnu', message: `vnu exited ${code} without a report: ${errors.slice(0, 500)}`, elements: [] }]);
        return;
      }
      resolve_problems(messages.map((m) => {
        const path = fileURLToPath(m.url);
        const file = path.startsWith(public_dir) ? relative(public_dir, path) : relative(REPO, path);
        return {
          file: m.lastLine ? `${file}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : file,
          rule: `vnu ${m.type}`,
          message: m.message,
          elements: m.extract ? [{ target: 'source', html: m.extract.trim() }] : [],
        };
      }));
    });
  });
}

/// Checks one page at one width in `page` (a tab reused from page to
/// page); screenshots it when asked.
async function check_page(page, origin, page_path, width, shots_dir) {
  const problems = [];
  const missing = [];
  const on_response = (r) => {
    if (r.status() >= 400) missing.push(r.url());
  };
  const on_failed = (r) => missing.push(r.url());
  const on_error = (e) => problems.push({ rule: 'script error', message: e.message, elements: [] });
  page.on('response', on_response);
  page.on('pageerror', on_error);
  page.on('requestfailed', on_failed);
  try {
    const response = await page.goto(`${origin}/${page_path}`, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      problems.push({ rule: 'load', message: `the page did not load (${response?.status()})`, elements: [] });
      return problems;
    }
    if (shots_dir) {
      const name = page_path.replace(/\/?index\.html$/, '').replace(/\//g, '-') || 'home';
      // The whole page, and what a visitor first sees (for the README).
      await page.screenshot({ path: join(shots_dir, `${name}-${width}.png`), fullPage: true });
      await page.screenshot({ path: join(shots_dir, `${name}-${width}-first-screen.png`) });
    }
    if (type_shots.has(page_path)) {
      await screenshot_top(page, join(type_shots.shots_dir, `${type_shots.get(page_path)}-${width}.png`));
    }
    problems.push(...await layout_problems(page, width));
    problems.push(...await axe_problems(page));
    if (width <= 320) {
      problems.push(...await reflow_problems(page));
    } else {
      problems.push(...await skip_link_problems(page));
      problems.push(...await focus_problems(page));
      problems.push(...await glossary_problems(page));
    }
    problems.push(...await meetings_charts_problems(page, width));
    problems.push(...await structure_problems(page, page_path, width));
    for (const url of missing) {
      problems.push({ rule: 'missing file', message: `the page loads ${url}, which is not there`, elements: [] });
    }
  } finally {
    page.off('response', on_response);
    page.off('pageerror', on_error);
    page.off('requestfailed', on_failed);
  }
  return problems;
}

/// Nothing leaves the machine. A page that links to its site's published
/// address (404.html does, as a server shows it at any address) gets the
/// file from the built tree that the end of the address's path names
/// (https://example.org/lsp/spelthorne/theme/style.css → spelthorne/theme/style.css,
/// or theme/style.css for a one-site build); anything else is refused, and
/// reported as missing.
async function keep_on_loopback(context, origin, public_dir) {
  await context.route((url) => url.origin !== origin, async (route) => {
    const parts = decodeURIComponent(new URL(route.request().url()).pathname).split('/').filter(Boolean);
    for (let i = 0; i < parts.length; ++i) {
      const local = join(public_dir, ...parts.slice(i));
      if (local.startsWith(public_dir + '/') && existsSync(local) && statSync(local).isFile()) {
        await route.fulfill({ path: local });
        return;
      }
    }
    await route.abort('blockedbyclient');
  });
}

function print_problem(p, out) {
  out.push(`${p.file}: ${p.rule}: ${p.message}`);
  for (const e of p.elements.slice(0, 3)) {
    out.push(`    element: ${e.target}  ${e.html.replace(/\s+/g, ' ')}`);
    if (e.why) out.push(...e.why.split('\n').map((line) => `      ${line}`));
  }
  if (p.elements.length > 3) out.push(`    …and ${p.elements.length - 3} more elements`);
  if (p.help) out.push(`    fix: ${p.help}`);
}

async function main() {
  const args = parse_args(process.argv.slice(2));
  const started = performance.now();
  const out_dir = resolve(args.out);
  const public_dir = join(out_dir, 'public');
  const shots_dir = join(out_dir, 'screenshots');
  rmSync(shots_dir, { recursive: true, force: true });
  mkdirSync(shots_dir, { recursive: true });

  let playwright;
  try {
    playwright = (await import('playwright-core')).default;
  } catch {
    console.error('a11y: playwright-core is not installed: run `npm ci --ignore-scripts` in tests/browser (scripts/test.sh does)');
    process.exit(2);
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.error('a11y: /usr/bin/chromium is missing: run scripts/setup.sh test (apt-get install chromium)');
    process.exit(2);
  }

  // One build of every site, as scripts/build-sites.sh does it.
  const build = spawnSync(resolve(args.lspgen),
    ['build', ...args.sites, '-o', public_dir, '--now', NOW, '--quiet'], { encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(`a11y: lspgen build failed (exit ${build.status}):\n${build.stderr}`);
    process.exit(1);
  }
  const pages = html_files(public_dir).map((f) => relative(public_dir, f));
  const css = readdirSync(join(REPO, 'themes/default/static'))
    .filter((f) => f.endsWith('.css')).map((f) => join(REPO, 'themes/default/static', f));
  console.log(`a11y: built ${args.sites.length} sites, ${pages.length} pages in ${seconds_since(started)} s`);

  const vnu_started = performance.now();
  const vnu = run_vnu([...pages.map((p) => join(public_dir, p)), ...css], public_dir)
    .then((problems) => {
      console.log(`a11y: W3C Nu HTML checker: ${pages.length} pages and ${css.length} stylesheets, ${problems.length} errors (${seconds_since(vnu_started)} s)`);
      return problems;
    });

  const { server, origin } = await serve(public_dir);
  const browser = await playwright.chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
  });
  const browser_started = performance.now();
  const problems = [];
  try {
    const contexts = {};
    for (const width of WIDTHS) {
      contexts[width] = await browser.newContext({ viewport: { width, height: width <= 320 ? 640 : 900 }, reducedMotion: 'reduce' });
      await keep_on_loopback(contexts[width], origin, public_dir);
    }
    const meeting = pages.find((p) => p.startsWith(`${SCREENSHOT_SITE}/meetings/`) && p !== `${SCREENSHOT_SITE}/meetings/index.html`);
    const photographed = new Set([`${SCREENSHOT_SITE}/index.html`, `${SCREENSHOT_SITE}/members/index.html`, meeting]);
    type_shots = Object.assign(page_types(pages, public_dir), { shots_dir });
    const jobs = pages.flatMap((p) => WIDTHS.map((w) => [p, w]));
    let next = 0;
    let done = 0;
    const worker = async () => {
      const tabs = {};
      for (const width of WIDTHS) tabs[width] = await contexts[width].newPage();
      while (next < jobs.length) {
        const [page_path, width] = jobs[next++];
        const found = await check_page(tabs[width], origin, page_path, width,
          photographed.has(page_path) ? shots_dir : null);
        problems.push(...found.map((p) => ({ ...p, file: `${page_path} at ${width}px` })));
        if (++done % 100 === 0) console.log(`a11y: ${done} of ${jobs.length} page checks done (${seconds_since(browser_started)} s)`);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`a11y: Chromium: ${pages.length} pages at ${WIDTHS.join(' and ')}px, ${problems.length} problems (${seconds_since(browser_started)} s)`);
  problems.push(...site_structure_problems());
  problems.push(...await vnu);

  console.log(`a11y: screenshots in ${shots_dir}`);
  if (problems.length === 0) {
    console.log(`a11y: every page passes (${seconds_since(started)} s in all)`);
    return 0;
  }
  const lines = [];
  const by_rule = new Map();
  problems.forEach((p, i) => {
    if (i < 60) print_problem(p, lines);
    by_rule.set(p.rule, (by_rule.get(p.rule) ?? 0) + 1);
  });
  if (problems.length > 60) lines.push(`…and ${problems.length - 60} more problems`);
  lines.push('', 'problems by rule:');
  for (const [rule, n] of [...by_rule].sort((a, b) => b[1] - a[1])) lines.push(`  ${n}  ${rule}`);
  console.error(lines.join('\n'));
  console.error(`a11y: FAILED: ${problems.length} problems (${seconds_since(started)} s in all)`);
  return 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`a11y: ${e.stack ?? e}`);
  process.exit(3);
});
