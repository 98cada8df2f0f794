// Typography and layout checks run on every page at every width (issue 19
// §6): what a reader sees, measured in the browser. Each returns problems
// in the shape of checks.mjs: { rule, message, elements, help }.
//
//   - no word broken across lines (each word's client rects, through a
//     Range over the text nodes, must sit on one line);
//   - no text rendered below 12 CSS px (an SVG's text at its drawn size);
//   - no two text boxes of a chart (SVG <text>) overlapping;
//   - no table wider than its box (tables fit, stacked on phones: there is
//     no scrolling box to tab to), and no tab stop on a box that does not
//     scroll or that shows focus with a fill rather than an outline;
//   - at 320 px, the page's h1 starts within the first 200 px.
//
// page_types() and screenshot_top() photograph one page of each type at
// each width.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MIN_TEXT_PX = 12;
export const H1_WITHIN_PX = 200;
const PHONE = 320;

/// Runs in the page: every problem of the page at this width, as plain data.
function measure({ min_text, h1_within, phone }) {
  const describe = (el) => {
    const cls = typeof el.className === 'string' ? el.className.trim() : el.className?.baseVal?.trim();
    return {
      target: el.tagName.toLowerCase() + (cls ? '.' + cls.replace(/\s+/g, '.') : ''),
      html: el.outerHTML.slice(0, 160),
    };
  };
  // Text that is there for screen readers only (clipped to a pixel) is not
  // laid out for the eye: it is neither broken nor small.
  const hidden_cache = new Map();
  const screen_reader_only = (el) => {
    if (!el || el === document.body) return false;
    if (hidden_cache.has(el)) return hidden_cache.get(el);
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const clipped = (s.clipPath !== 'none' && s.clipPath !== '') || (s.clip !== 'auto' && s.clip !== '') ||
      (s.overflow === 'hidden' && r.width <= 1 && r.height <= 1);
    const result = clipped || screen_reader_only(el.parentElement);
    hidden_cache.set(el, result);
    return result;
  };
  const block_of = (el) => {
    while (el && el !== document.body) {
      const d = getComputedStyle(el).display;
      if (!d.startsWith('inline') && d !== 'contents') return el;
      el = el.parentElement;
    }
    return document.body;
  };

  const broken = [];
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const word_pattern = /[\p{L}\p{N}\p{M}'’]+/gu;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!/\S/.test(text)) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, title')) continue;
    range.selectNodeContents(node);
    const node_rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (node_rects.length === 0) continue;  // not rendered (display: none…)
    if (screen_reader_only(parent)) continue;

    // Size: HTML text at its computed size; SVG text at the size the
    // drawing's scale gives it.
    let px = parseFloat(getComputedStyle(parent).fontSize);
    const svg_text = parent.closest('svg text');
    if (svg_text) {
      const m = svg_text.getScreenCTM();
      if (m) px *= Math.sqrt(m.a * m.a + m.b * m.b);
    }
    if (px < min_text - 0.05) {
      small.push({ ...describe(svg_text ?? parent), why: `“${text.trim().slice(0, 40)}” is ${px.toFixed(1)}px` });
    }

    // Broken words: only a text node that spans several lines can hold one.
    if (svg_text) continue;
    const first_top = node_rects[0].top;
    if (node_rects.every((r) => Math.abs(r.top - first_top) < 2)) continue;
    const room = block_of(parent).clientWidth;
    for (const match of text.matchAll(word_pattern)) {
      if (match[0].length < 2) continue;
      // A word inside a longer unbreakable run (an address such as
      // www.progressthroughpartnership.org.uk) that is wider than its
      // whole block must break somewhere: the run is measured below.
      const start = text.slice(0, match.index).search(/\S*$/);
      const after = text.slice(match.index).search(/\s|$/);
      const run = [start, match.index + after];
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length < 2) continue;
      const lines = rects.filter((r) => r.top >= rects[0].bottom - 1);
      if (lines.length === 0) continue;
      range.setStart(node, run[0]);
      range.setEnd(node, run[1]);
      const width = [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
      if (width > room) continue;
      broken.push({ ...describe(parent), why: `“${match[0]}” is split over ${lines.length + 1} lines` });
      if (broken.length > 20) break;
    }
  }
  range.detach();

  // Chart labels: no two texts of one drawing overlap.
  const overlaps = [];
  for (const svg of document.querySelectorAll('svg')) {
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() !== '')
      .map((t) => ({ t, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    for (let i = 0; i < texts.length; ++i) {
      for (let j = i + 1; j < texts.length; ++j) {
        const a = texts[i].r, b = texts[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) {
          overlaps.push({
            ...describe(svg),
            why: `“${texts[i].t.textContent.trim()}” and “${texts[j].t.textContent.trim()}” overlap by ${x.toFixed(0)}×${y.toFixed(0)}px`,
          });
        }
      }
    }
  }

  // Tables fit their box: nothing to scroll, nothing sticking out.
  const wide_tables = [];
  for (const table of document.querySelectorAll('table')) {
    const box = table.parentElement;
    const over = table.getBoundingClientRect().width - box.clientWidth;
    if (over > 1 || box.scrollWidth > box.clientWidth + 1) {
      wide_tables.push({ ...describe(table), why: `it is ${Math.round(over)}px wider than its ${box.clientWidth}px box` });
    }
  }

  // A tab stop on a box (a table's scrolling wrapper) is only worth having
  // when the box scrolls, and then it shows focus as a strong outline, not
  // a fill that drowns the links inside (WCAG 2.4.3, 1.4.11).
  const tab_stops = [];
  const interactive = 'a[href], button, input, select, textarea, summary, iframe, [contenteditable]';
  for (const el of document.querySelectorAll('[tabindex]:not([tabindex^="-"])')) {
    if (el.matches(interactive) || el.getClientRects().length === 0) continue;
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (!scrolls) {
      tab_stops.push({ ...describe(el), why: 'it does not scroll, so tabbing to it does nothing' });
      continue;
    }
    const before = getComputedStyle(el).backgroundColor;
    el.focus();
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    if (!outline || s.backgroundColor !== before) {
      tab_stops.push({ ...describe(el), why: `with focus: outline ${s.outlineStyle} ${s.outlineWidth}, background ${before} → ${s.backgroundColor}` });
    }
    el.blur();
  }

  let h1 = null;
  if (innerWidth <= phone) {
    const el = document.querySelector('h1');
    const top = el ? el.getBoundingClientRect().top + scrollY : null;
    if (!el || top > h1_within) h1 = { ...(el ? describe(el) : { target: 'h1', html: '(none)' }), why: el ? `it starts ${Math.round(top)}px down` : 'the page has no h1' };
  }
  return { broken, small, overlaps, wide_tables, tab_stops, h1 };
}

/// The layout problems of the loaded page at `width`.
export async function layout_problems(page, width) {
  const found = await page.evaluate(measure, { min_text: MIN_TEXT_PX, h1_within: H1_WITHIN_PX, phone: PHONE });
  const problems = [];
  if (found.broken.length) {
    problems.push({
      rule: 'word broken across lines',
      message: `${found.broken.length} word(s) are split over two lines`,
      help: 'let columns take their content\'s width (no overflow-wrap: anywhere, word-break or hyphens in tables); stack wide tables on narrow screens (.table--stack)',
      elements: found.broken,
    });
  }
  if (found.small.length) {
    problems.push({
      rule: `text below ${MIN_TEXT_PX}px`,
      message: `${found.small.length} text(s) render below ${MIN_TEXT_PX}px`,
      help: 'set the size in rem, and size chart text for the width the chart is drawn at (a viewBox scales its text down)',
      elements: found.small,
    });
  }
  if (found.overlaps.length) {
    problems.push({
      rule: 'chart labels overlap',
      message: `${found.overlaps.length} pair(s) of chart labels overlap`,
      help: 'move or leave out a label that would sit on another',
      elements: found.overlaps,
    });
  }
  if (found.wide_tables.length) {
    problems.push({
      rule: 'table wider than its box',
      message: `${found.wide_tables.length} table(s) do not fit`,
      help: 'stack the table on narrow screens (.table--stack) rather than making it scroll',
      elements: found.wide_tables,
    });
  }
  if (found.tab_stops.length) {
    problems.push({
      rule: 'tab stop on a box',
      message: `${found.tab_stops.length} box(es) with tabindex="0" do not scroll, or show focus with a fill rather than an outline`,
      help: 'give tabindex="0" only to a box that scrolls, with a :focus outline of 3px (no background); better, make the content fit',
      elements: found.tab_stops,
    });
  }
  if (found.h1) {
    problems.push({
      rule: `h1 within ${H1_WITHIN_PX}px at ${PHONE}px`,
      message: `the page's h1 is not within the first ${H1_WITHIN_PX}px of a ${PHONE}px phone's screen`,
      help: 'keep the header and navigation short on phones (collapse the navigation)',
      elements: [found.h1],
    });
  }
  return problems;
}

// The first folder of a page's path, for each of lspgen's page types; any
// other folder is a page of the site's own (pages/*.md).
const SECTIONS = new Set(['members', 'meetings', 'documents', 'how-we-work', 'contact', 'news',
  'events', 'jargon', 'performance', 'accessibility', 'partnerships', 'scorecard', 'calendar']);
// The hub's own page types; its other pages share the partnership sites'.
const HUB_ONLY = new Set(['home', 'partnerships', 'partnerships-page', 'partnerships-by-county',
  'scorecard', 'calendar']);

/// One page of each type, the richest (largest) of its kind: "home",
/// "members", "members-page" (a member), "page" (pages/*.md),
/// "hub-partnerships", "hub-partnerships-by-county"… Gives page path →
/// screenshot name. `public_dir` holds the pages; a hub is told by its
/// partnerships/by-county/ page.
export function page_types(pages, public_dir) {
  const best = new Map();  // type → [path, size]
  for (const path of pages) {
    const parts = path.split('/');
    const file = parts.pop();
    const site = parts.length > 0 && existsSync(join(public_dir, parts[0], 'index.html')) ? parts.shift() : '';
    let type;
    if (parts.length === 0) type = file === 'index.html' ? 'home' : file.replace(/\.html$/, '');
    else if (!SECTIONS.has(parts[0])) type = 'page';
    else if (parts.length === 1) type = parts[0];
    else type = parts[1] === 'by-county' ? 'partnerships-by-county' : `${parts[0]}-page`;
    if (HUB_ONLY.has(type) && existsSync(join(public_dir, site, 'partnerships', 'by-county', 'index.html'))) {
      type = `hub-${type}`;
    }
    const size = statSync(join(public_dir, path)).size;
    if (!best.has(type) || size > best.get(type)[1]) best.set(type, [path, size]);
  }
  return new Map([...best].map(([type, [path]]) => [path, `type-${type}`]));
}

/// A screenshot of the page from its top, at most `max_height` tall (the
/// longest pages would take seconds each to encode whole).
export async function screenshot_top(page, path, max_height = 3000) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize().width;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, max_height) } });
}
