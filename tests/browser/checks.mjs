// The checks run on each page in the browser. Each returns a list of
// problems, each a { rule, message, elements: [{ target, html }], help }
// object that a person can act on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// The WCAG 2.0, 2.1 and 2.2 A and AA rules (SPEC §9).
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/// axe-core's violations on the loaded page.
export async function axe_problems(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    rule: `axe ${v.id} (${v.impact})`,
    message: v.help,
    help: v.helpUrl,
    elements: v.nodes.map((n) => ({
      target: n.target.join(' '),
      html: n.html,
      why: n.failureSummary,
    })),
  }));
}

/// WCAG 1.4.10 Reflow: at 320 CSS pixels nothing scrolls sideways. Names
/// the widest elements that stick out, so the fix is easy to find.
export async function reflow_problems(page) {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= limit + 0.5 || r.width === 0) continue;
      // Report the innermost offenders only: their ancestors stick out because they do.
      if ([...el.children].some((c) => c.getBoundingClientRect().right > limit + 0.5)) continue;
      wide.push({
        target: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''),
        html: el.outerHTML.slice(0, 160),
        why: `its right edge is at ${Math.round(r.right)}px`,
      });
    }
    return { scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5) };
  });
  if (!result) return [];
  return [{
    rule: 'reflow (WCAG 1.4.10)',
    message: `the page scrolls sideways at 320px: it is ${result.scroll}px wide in a ${result.client}px window`,
    help: 'let long words wrap (overflow-wrap: anywhere), give tables and charts their own scrolling box, and avoid fixed widths',
    elements: result.wide,
  }];
}

/// The first Tab reaches a visible skip link; following it moves focus to
/// the main content. Leaves the page in keyboard mode for focus_problems.
export async function skip_link_problems(page) {
  const problems = [];
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const href = el.getAttribute('href') ?? '';
    return {
      html: el.outerHTML.slice(0, 160),
      tag: el.tagName.toLowerCase(),
      text: el.textContent.trim(),
      href,
      target_in_main: href.startsWith('#') && href.length > 1 &&
        !!document.getElementById(href.slice(1))?.closest('main'),
      visible: r.width > 8 && r.height > 8 && r.bottom > 0 && r.top < innerHeight &&
        style.visibility === 'visible' && Number(style.opacity) > 0 &&
        (style.clip === 'auto' || style.clip === '') && style.clipPath === 'none',
    };
  });
  const help = 'start <body> with <a class="skip-link" href="#main-content">Skip to main content</a>, hidden until focused, and give <main> that id and tabindex="-1"';
  if (!first) {
    return [{ rule: 'skip link', message: 'the first Tab focuses nothing', help, elements: [] }];
  }
  const where = [{ target: first.tag, html: first.html }];
  if (first.tag !== 'a' || !/skip/i.test(first.text) || !first.target_in_main) {
    problems.push({ rule: 'skip link', message: 'the first Tab does not reach a skip link to the main content', help, elements: where });
    return problems;
  }
  if (!first.visible) {
    problems.push({ rule: 'skip link', message: 'the skip link is not visible when it has focus', help, elements: where });
  }
  await page.keyboard.press('Enter');
  const landed = await page.evaluate(() => {
    const el = document.activeElement;
    return { in_main: !!el?.closest('main'), html: el ? el.outerHTML.slice(0, 120) : 'nothing' };
  });
  if (!landed.in_main) {
    problems.push({
      rule: 'skip link',
      message: 'following the skip link does not move focus to the main content',
      help,
      elements: [{ target: 'document.activeElement', html: landed.html }],
    });
  }
  return problems;
}

/// WCAG 2.4.7 Focus Visible: every link and control looks different when
/// focused: its outline, box shadow or background changes visibly.
export async function focus_problems(page) {
  const missing = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const look = (el) => {
      const s = getComputedStyle(el);
      return {
        outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 &&
          !/rgba\(.*,\s*0\)$|transparent/.test(s.outlineColor)
          ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
        shadow: s.boxShadow,
        background: s.backgroundColor,
      };
    };
    const bad = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[hidden], [inert]')) continue;
      el.blur();
      const before = look(el);
      el.focus();
      if (document.activeElement !== el) continue;  // not focusable here (display: none…)
      const r = el.getBoundingClientRect();
      const after = look(el);
      el.blur();
      if (r.width === 0 && r.height === 0) continue;
      const changed = (after.outline !== 'none' && after.outline !== before.outline) ||
        (after.shadow !== 'none' && after.shadow !== before.shadow) ||
        after.background !== before.background;
      if (!changed) bad.push({ target: el.tagName.toLowerCase(), html: el.outerHTML.slice(0, 160) });
    }
    return bad;
  });
  if (missing.length === 0) return [];
  return [{
    rule: 'focus visible (WCAG 2.4.7)',
    message: `${missing.length} link(s) or control(s) look the same with and without keyboard focus`,
    help: 'give them a :focus style with an outline, box-shadow or background (the theme uses a yellow background and a dark underline)',
    elements: missing,
  }];
}
