// Checks of how meetings, charts and the navigation are heard and seen
// (issue 22 §2 and §3, issue 19 §5), run on each page by a11y.mjs:
//   - the navigation folds into a disclosure at 320px that opens from the
//     keyboard, and shows in full at 1280px;
//   - a meeting list's date badge is hidden from the accessibility tree,
//     and a postponed or cancelled meeting's link names its status;
//   - the hub's home page and calendar say a postponed meeting is postponed;
//   - no text reaches the accessibility tree in capitals that CSS made;
//   - a chart is one image, named by its title and described once, with its
//     drawing hidden; a single point is not described as a line; in forced
//     colours its text and line take the system colours.
// Accessibility-tree assertions use Chromium's own tree, through CDP.

/// Every problem found on the loaded page at `width`.
export async function meetings_charts_problems(page, width) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const tree = await ax_tree(cdp);
    const problems = [
      ...await navigation_problems(page, cdp, tree, width),
      ...await badge_and_status_problems(cdp, tree),
      ...await hub_status_problems(page),
      ...await capitals_problems(page, tree),
      ...await chart_problems(cdp, tree),
    ];
    if (width > 320) problems.push(...await forced_colour_problems(page));
    return problems;
  } finally {
    await cdp.detach();
  }
}

async function ax_tree(cdp) {
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const by_id = new Map(nodes.map((n) => [n.nodeId, n]));
  const by_backend = new Map();
  for (const n of nodes) if (n.backendDOMNodeId) by_backend.set(n.backendDOMNodeId, n);
  return { nodes, by_id, by_backend };
}

/// The backend node ids of the elements `selector` finds.
async function backend_ids(cdp, selector) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const ids = [];
  for (const nodeId of nodeIds) ids.push((await cdp.send('DOM.describeNode', { nodeId })).node.backendNodeId);
  return ids;
}

/// The nodes of the accessibility tree under `node` (itself included) that
/// assistive technology is given.
function exposed_in(tree, node) {
  const found = [];
  const walk = (n) => {
    if (!n) return;
    if (!n.ignored) found.push(n);
    for (const id of n.childIds ?? []) walk(tree.by_id.get(id));
  };
  walk(node);
  return found;
}

const name_of = (n) => n?.name?.value ?? '';
const described = (n) => n?.description?.value ?? '';
const show = (n) => `${n.role?.value ?? '?'} "${name_of(n).slice(0, 80)}"`;

async function navigation_problems(page, cdp, tree, width) {
  const nav = await page.evaluate(() => {
    const el = document.querySelector('nav.site-nav');
    if (!el) return null;
    const links = [...el.querySelectorAll('a')];
    const summary = el.querySelector('summary');
    const seen = (e) => !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0;
    return {
      html: el.outerHTML.slice(0, 160),
      height: el.getBoundingClientRect().height,
      links_seen: links.filter(seen).length,
      links: links.length,
      toggle: seen(summary),
    };
  });
  if (!nav) return [];
  const where = [{ target: 'nav.site-nav', html: nav.html }];
  const help = 'wrap the list in <details class="site-nav__menu"> with a <summary> "Menu", collapsed on narrow screens and always open from 641px';
  if (width > 320) {
    const heard = (await backend_ids(cdp, 'nav.site-nav a')).filter((id) => tree.by_backend.get(id)?.ignored === false).length;
    if (nav.links_seen === nav.links && !nav.toggle && heard === nav.links) return [];
    if (heard !== nav.links) {
      return [{ rule: 'navigation', message: `at ${width}px ${heard} of the navigation's ${nav.links} links are in the accessibility tree`, help, elements: where }];
    }
    return [{ rule: 'navigation', message: `at ${width}px the navigation shows ${nav.links_seen} of its ${nav.links} links${nav.toggle ? ' and a Menu toggle' : ''}: it should show them all, without a toggle`, help, elements: where }];
  }
  if (!nav.toggle || nav.links_seen > 0 || nav.height > 60) {
    return [{ rule: 'navigation', message: `at 320px the navigation is ${Math.round(nav.height)}px tall and shows ${nav.links_seen} links: it should fold into a Menu toggle`, help, elements: where }];
  }
  // Opened from the keyboard, it shows every link, and says it is expanded.
  await page.focus('nav.site-nav summary');
  await page.keyboard.press('Enter');
  const opened = await page.evaluate(() => {
    const links = [...document.querySelectorAll('nav.site-nav a')];
    return links.filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0).length;
  });
  const [toggle] = await backend_ids(cdp, 'nav.site-nav summary');
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { backendNodeId: toggle, fetchRelatives: false });
  const expanded = nodes[0]?.properties?.find((p) => p.name === 'expanded')?.value?.value;
  await page.keyboard.press('Enter');
  if (opened !== nav.links || expanded !== true) {
    return [{ rule: 'navigation', message: `Enter on the Menu toggle shows ${opened} of ${nav.links} links and the toggle (${show(nodes[0] ?? {})}) is ${expanded ? '' : 'not '}announced as expanded`, help, elements: where }];
  }
  return [];
}

async function badge_and_status_problems(cdp, tree) {
  const problems = [];
  for (const id of await backend_ids(cdp, '.meeting-item__date')) {
    const heard = exposed_in(tree, tree.by_backend.get(id));
    if (heard.length > 0) {
      problems.push({ rule: 'meeting date badge', message: 'the date badge is in the accessibility tree, so the date is heard three times', help: 'mark .meeting-item__date aria-hidden="true": the link and the details give the date', elements: heard.slice(0, 3).map((n) => ({ target: 'ax', html: show(n) })) });
      break;
    }
  }
  for (const status of ['postponed', 'cancelled']) {
    for (const id of await backend_ids(cdp, `.meeting-item--${status} .meeting-item__title a`)) {
      const link = tree.by_backend.get(id);
      if (!name_of(link).toLowerCase().includes(status)) {
        problems.push({ rule: 'meeting status in link', message: `a ${status} meeting's link is named "${name_of(link)}": someone tabbing between links never hears that it is ${status}`, help: 'add the status to the link text (visually hidden when the tag shows it)', elements: [{ target: 'a', html: show(link ?? {}) }] });
      }
    }
  }
  return problems;
}

/// The example hub lists Luton's Health & Well-being Board of 20 March 2009,
/// which is postponed: its home page and calendar must say so.
async function hub_status_problems(page) {
  const path = new URL(page.url()).pathname;
  if (!/\/south-east-ptp\/(index\.html|calendar\/index\.html)$/.test(path)) return [];
  const entries = await page.evaluate(() =>
    [...document.querySelectorAll('time[datetime="2009-03-20"]')]
      .map((t) => t.closest('li, tr'))
      .filter((e) => e && e.textContent.includes('Health & Well-being Board'))
      .map((e) => ({ text: e.innerText, html: e.outerHTML.slice(0, 200) })));
  if (entries.length > 0 && entries.every((e) => /postponed/i.test(e.text))) return [];
  return [{ rule: 'hub meeting status', message: `the hub lists Luton's postponed Health & Well-being Board (20 March 2009) ${entries.length ? 'without saying it is postponed' : 'nowhere'}`, help: 'carry the meeting status from data.json to every place the hub shows the meeting', elements: entries.map((e) => ({ target: 'entry', html: e.html })) }];
}

/// Text in capitals in the accessibility tree that the page does not write
/// in capitals ("TARGET MET" from "Target met") came from text-transform.
async function capitals_problems(page, tree) {
  const written = await page.evaluate(() => document.body.textContent);
  const shouted = tree.nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText' &&
    /[A-Z]{2,}/.test(name_of(n)) && name_of(n) === name_of(n).toUpperCase() &&
    /[A-Z]{3,}/.test(name_of(n).replace(/\s/g, '')) && !written.includes(name_of(n).trim()));
  if (shouted.length === 0) return [];
  return [{ rule: 'capitals in the accessibility tree', message: `${shouted.length} texts reach the accessibility tree in capitals that only CSS made (screen readers may spell them out)`, help: 'drop text-transform: uppercase; write the case in the data, or use font-variant-caps', elements: shouted.slice(0, 5).map((n) => ({ target: 'ax', html: show(n) })) }];
}

async function chart_problems(cdp, tree) {
  const problems = [];
  for (const id of await backend_ids(cdp, 'svg.chart')) {
    const image = tree.by_backend.get(id);
    const name = name_of(image);
    const description = described(image);
    const where = [{ target: 'svg.chart', html: show(image ?? {}) }];
    if (!description || name.includes(description) || description.includes(name)) {
      problems.push({ rule: 'chart name', message: `the chart is named "${name.slice(0, 60)}…" and described "${description.slice(0, 60)}…": the description is read twice or not at all`, help: 'aria-labelledby names the <title> only; the <desc> is the description', elements: where });
    }
    if (/\b1 values\b/.test(description)) {
      problems.push({ rule: 'chart description', message: `a chart of one value is described as a line: "${description}"`, help: 'describe a single baseline or result as what it is', elements: where });
    }
    const parts = exposed_in(tree, image).filter((n) => n !== image);
    if (parts.length > 0) {
      problems.push({ rule: 'chart parts exposed', message: `${parts.length} parts of the chart's drawing are in the accessibility tree`, help: 'hide the drawing (aria-hidden="true" on its group); the figures table gives the data', elements: parts.slice(0, 3).map((n) => ({ target: 'ax', html: show(n) })) });
    }
  }
  return problems;
}

/// In forced-colours mode the chart's text and line take system colours
/// (SVG paint is not forced by the browser).
async function forced_colour_problems(page) {
  if (!await page.$('svg.chart')) return [];
  await page.emulateMedia({ forcedColors: 'active' });
  try {
    const found = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const text_colour = getComputedStyle(probe).color;
      probe.remove();
      const wrong = [];
      for (const el of document.querySelectorAll('svg.chart text, svg.chart .chart__line')) {
        const style = getComputedStyle(el);
        const paint = el.tagName === 'text' ? style.fill : style.stroke;
        if (paint !== text_colour) wrong.push({ target: el.tagName, html: el.outerHTML.slice(0, 120), why: `painted ${paint}, not CanvasText (${text_colour})` });
      }
      return wrong;
    });
    if (found.length === 0) return [];
    return [{ rule: 'chart in forced colours', message: `${found.length} chart texts and lines keep their own colours in forced-colours mode, where they may vanish`, help: 'under @media (forced-colors: active) give chart text fill: CanvasText and the line stroke: CanvasText', elements: found }];
  } finally {
    await page.emulateMedia({ forcedColors: 'none' });
  }
}
