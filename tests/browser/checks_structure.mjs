// Checks of a site's structure as assistive technology meets it, read from
// Chromium's accessibility tree (CDP Accessibility.getFullAXTree): the
// judgements axe-core cannot make (issue 22 §5 and §6, issue 19 §1).
//
// On each page, at one width (the tree is the same at every width):
//   - at most MAX_LANDMARKS landmarks and MAX_REGIONS labelled sections
//     (regions), not counting a table's scrolling wrapper;
//   - aria-current="page" only on a link to the page itself, "true" on the
//     link to the section a page belongs to;
//   - no placeholder picture is named ("Placeholder silhouette…"): it is
//     decoration, alt="";
//   - every link to a PDF says so in its name;
//   - no text shows a folder of the build machine (an absolute path that exists);
//   - the footer (contentinfo) holds a "Site map" link that takes focus;
//   - a page showing a reserved example contact (01632 96…, example.org)
//     carries the "Example site" or "Draft – not yet published" banner;
//   - the accessibility statement claims full compliance only when it
//     names a test by hand.
// Over each site, once every page is checked (site_structure_problems):
//   - the site map links to every page (WCAG 2.4.5, multiple ways), and
//     every page is linked from at least two other pages;
//   - every link to the site's calendar (meetings.ics) has one name.
// It also prints the counts issue 22 asks for: landmarks per page and the
// pages reachable from one place only.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const CHECK_WIDTH = 1280;
/// banner, main navigation, breadcrumbs, one in-page navigation, main,
/// contentinfo, and two sections worth jumping to (home page).
const MAX_LANDMARKS = 8;
const MAX_REGIONS = 2;
const LANDMARKS = new Set(['banner', 'navigation', 'main', 'contentinfo', 'region', 'complementary', 'search', 'form']);
const EXAMPLE_CONTACT = /\b01632 ?96\d ?\d{3}\b|\bexample\.(org|com|net)\b/i;

// Per site (keyed by its root URL): its pages, the pages each links to, the
// names of its calendar links and what its site map links to.
const sites = new Map();
const landmark_counts = [];

function site_of(root) {
  if (!sites.has(root)) sites.set(root, { pages: new Set(), links: new Map(), calendar: new Map(), site_map: null });
  return sites.get(root);
}

function without_hash(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href.replace(/\/$/, '/index.html');
}

function prop(node, name) {
  return node.properties?.find((p) => p.name === name)?.value?.value;
}

async function ax_tree(page) {
  const client = await page.context().newCDPSession(page);
  try {
    const { nodes } = await client.send('Accessibility.getFullAXTree');
    return nodes;
  } finally {
    await client.detach();
  }
}

/// The problems of one page; also records what the site checks need.
export async function structure_problems(page, page_path, width) {
  if (width !== CHECK_WIDTH) return [];
  const problems = [];
  const problem = (rule, message, help, elements = []) => problems.push({ rule, message, help, elements });
  // Ignored nodes (a plain <div>) stay in the map: the tree runs through them.
  const all = await ax_tree(page);
  const by_id = new Map(all.map((n) => [n.nodeId, n]));
  const nodes = all.filter((n) => !n.ignored);
  const role = (n) => n.role?.value;
  const name = (n) => (n.name?.value ?? '').trim();
  const descendants = (n) => {
    const out = [];
    const stack = [...(n.childIds ?? [])];
    while (stack.length) {
      const child = by_id.get(stack.pop());
      if (!child) continue;
      if (!child.ignored) out.push(child);
      stack.push(...(child.childIds ?? []));
    }
    return out;
  };

  const dom = await page.evaluate(() => ({
    url: location.href,
    root: document.querySelector('.site-header__name')?.href ?? '',
    text: document.body.innerText,
    banner: document.querySelector('.phase-banner')?.innerText ?? '',
    current: [...document.querySelectorAll('[aria-current]')].map((a) => ({
      value: a.getAttribute('aria-current'), href: a.href ?? '', html: a.outerHTML.slice(0, 160),
    })),
  }));
  const here = without_hash(dom.url);

  // Landmarks. A table's scrolling wrapper is a region by necessity (it
  // needs a name to take focus); it is not counted.
  const table_wrapper = (n) => prop(n, 'focusable') || descendants(n).some((d) => role(d) === 'table');
  const landmarks = nodes.filter((n) => LANDMARKS.has(role(n)) && !(role(n) === 'region' && table_wrapper(n)));
  const regions = landmarks.filter((n) => role(n) === 'region');
  landmark_counts.push({ page: page_path, count: landmarks.length });
  if (landmarks.length > MAX_LANDMARKS || regions.length > MAX_REGIONS) {
    problem('landmarks (WCAG 1.3.1)',
      `${landmarks.length} landmarks, ${regions.length} of them labelled sections: a screen reader's list of landmarks is noise`,
      'label (aria-labelledby) only a section a user would jump to; headings already lead to the rest',
      regions.slice(0, 5).map((n) => ({ target: 'region', html: name(n) })));
  }

  // aria-current: "page" for the page itself, "true" for its section.
  for (const c of dom.current) {
    const to_here = c.href && without_hash(c.href) === here;
    if ((c.value === 'page') !== to_here) {
      problem('aria-current', to_here ? `the link to this page says aria-current="${c.value}"` :
        'aria-current="page" on a link to another page (the section this page belongs to)',
      'aria-current="page" for an exact match; aria-current="true" for the parent section',
      [{ target: 'a', html: c.html }]);
    }
  }

  for (const n of nodes) {
    if ((role(n) === 'image' || role(n) === 'img') && /placeholder|silhouette/i.test(name(n))) {
      problem('decorative image (WCAG 1.1.1)', `a placeholder picture is read out: "${name(n)}"`,
        'give a decorative placeholder photo alt="" (photo_alt: "" in members.yaml)',
        [{ target: 'img', html: prop(n, 'url') ?? '' }]);
    }
    if (role(n) === 'link' && /\.pdf$/i.test(new URL(prop(n, 'url') ?? 'about:blank').pathname) && !/\bPDF\b/.test(name(n))) {
      problem('link to a PDF (WCAG 2.4.4)', `the link "${name(n)}" opens a PDF without saying so`,
        'add the format to the link text: "(PDF)"', [{ target: 'a', html: prop(n, 'url') }]);
    }
  }

  for (const [, path] of dom.text.matchAll(/(?:^|[\s(])(\/[\w.-]+(?:\/[\w.-]+)+)/g)) {
    if (existsSync(path)) {
      problem('machine path', `the page shows a folder of the build machine: ${path}`,
        'show a path relative to the site, or a public URL');
    }
  }

  // The site map, from the footer, by keyboard.
  const footer = nodes.find((n) => role(n) === 'contentinfo');
  const site_map_link = footer && descendants(footer).find((n) => role(n) === 'link' && name(n) === 'Site map');
  if (!site_map_link) {
    problem('site map (WCAG 2.4.5)', 'the footer has no "Site map" link', 'link the site map from every footer');
  } else if (!prop(site_map_link, 'focusable')) {
    problem('site map (WCAG 2.4.5)', 'the footer\'s "Site map" link cannot take keyboard focus', 'make it an ordinary link');
  }

  if (EXAMPLE_CONTACT.test(dom.text) && !/^(Example site|Draft – not yet published)/.test(dom.banner.trim())) {
    problem('placeholder published', 'the page shows a reserved example contact (01632 96…, example.org) but no "Example site" or "Draft" banner',
      'declare the site "status: example" or "status: draft" in site.yaml, or give its real contact details');
  }

  if (/accessibility\/index\.html$/.test(page_path) && /\bfully compliant\b/.test(dom.text) && !/was last tested on/.test(dom.text)) {
    problem('accessibility statement', 'the statement says "fully compliant" without a test by hand to show for it',
      'say "partially compliant" until the site records its own audit (accessibility: audit: in site.yaml)');
  }

  // What the site checks need.
  if (dom.root.startsWith(new URL(dom.url).origin) && !page_path.endsWith('404.html')) {
    const site = site_of(dirname(dom.root));
    site.pages.add(here);
    const targets = new Set();
    for (const n of nodes) {
      if (role(n) !== 'link' || !prop(n, 'url')) continue;
      const url = prop(n, 'url');
      if (!url.startsWith(new URL(dom.url).origin)) continue;
      const target = without_hash(url);
      targets.add(target);
      if (target.endsWith('/meetings.ics')) {
        if (!site.calendar.has(name(n))) site.calendar.set(name(n), page_path);
      }
    }
    site.links.set(here, targets);
    if (here.endsWith('/site-map/index.html')) site.site_map = targets;
  }
  return problems;
}

/// The problems of whole sites, once structure_problems has seen every page.
export function site_structure_problems() {
  const problems = [];
  let one_place = 0;
  const one_place_pages = [];
  for (const [root, site] of sites) {
    const referrers = new Map([...site.pages].map((p) => [p, 0]));
    for (const [from, targets] of site.links) {
      for (const t of targets) if (t !== from && referrers.has(t)) referrers.set(t, referrers.get(t) + 1);
    }
    const few = [...referrers].filter(([, n]) => n <= 1);
    one_place += few.filter(([, n]) => n === 1).length;
    one_place_pages.push(...few.map(([p]) => p));
    const file = `${root.replace(/^https?:\/\/[^/]+\//, '')}/`;
    if (!site.site_map) {
      problems.push({ file, rule: 'site map (WCAG 2.4.5)', message: 'the site has no site-map/index.html', help: 'generate an HTML site map from the pages sitemap.xml lists', elements: [] });
    } else {
      const missing = [...site.pages].filter((p) => p !== `${root}/site-map/index.html` && !site.site_map.has(p));
      if (missing.length) {
        problems.push({ file, rule: 'site map (WCAG 2.4.5)', message: `the site map leaves out ${missing.length} pages`, help: 'list every page on the site map', elements: missing.slice(0, 5).map((p) => ({ target: 'page', html: p })) });
      }
    }
    if (few.length) {
      problems.push({ file, rule: 'multiple ways (WCAG 2.4.5)', message: `${few.length} pages are linked from one other page or none`, help: 'link them from the site map', elements: few.slice(0, 5).map(([p, n]) => ({ target: `${n} referrer(s)`, html: p })) });
    }
    if (site.calendar.size > 1) {
      problems.push({ file, rule: 'consistent identification (WCAG 3.2.4)', message: `the calendar link has ${site.calendar.size} different names`, help: 'give every link to meetings.ics the same words', elements: [...site.calendar].map(([label, page]) => ({ target: page, html: label })) });
    }
  }
  const max = landmark_counts.reduce((m, c) => (c.count > m.count ? c : m), { count: 0, page: '' });
  const jargon = landmark_counts.filter((c) => /(^|\/)jargon\/index\.html$/.test(c.page)).map((c) => c.count);
  console.log(`a11y: structure: landmarks per page at most ${max.count} (${max.page}); jargon pages ${jargon.join(', ')}; ` +
    `${one_place} pages linked from exactly one other page, ${one_place_pages.length - one_place} from none`);
  return problems;
}
