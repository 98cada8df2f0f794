// The jargon-buster as a screen reader hears it (issue 22 §1), read from
// Chromium's accessibility tree (CDP Accessibility.getFullAXTree):
//   - a link to a term on the jargon-buster says so in its accessible name
//     ("LSP (jargon buster)"), not only the term;
//   - an <abbr> is a true abbreviation (a word with two or more capital
//     letters: "LSP", "IDeA", "NI 39"), named by its expansion, whose words'
//     initials spell its capitals; a plural ("LSPs") has a plural expansion;
//   - no <abbr> expansion that the text says again right beside it
//     ("WKP (West Kent Partnership)" with title "West Kent Partnership").
// Each problem is a { rule, message, elements, help } object, as in checks.mjs.

const RULE = 'jargon-buster (WCAG 1.3.1, 2.4.4)';
const ABBREVIATION = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9&/.]+?(s?)( [0-9]+[a-z]?)?$/;

function initials(title) {
  return title.split(/[\s\-–]+/).filter((w) => /^[\p{L}\p{N}]/u.test(w)).map((w) => w[0].toUpperCase());
}

/// Whether the capital letters of `text` are, in order, initials of `title`'s words.
function spells(text, title) {
  const words = initials(title);
  let i = 0;
  for (const c of text.split(' ')[0].replace(/[^A-Z]/g, '')) {
    while (i < words.length && words[i] !== c) ++i;
    if (i++ >= words.length) return false;
  }
  return true;
}

/// What is wrong with an <abbr> named `title` around `text`, or null.
export function abbr_problem(text, title) {
  const m = ABBREVIATION.exec(text);
  if (!title || title === text) return 'it has no expansion (title)';
  if (!m) return `"${text}" is not an abbreviation: a full term is linked or left alone, never an <abbr>`;
  if (!spells(text, title)) return `its title "${title}" is not what "${text}" stands for`;
  if (m[1] === 's' && !/s$/.test(title.split(/\s+/).pop())) return `the plural "${text}" has the singular expansion "${title}"`;
  return null;
}

export async function glossary_problems(page) {
  const cdp = await page.context().newCDPSession(page);
  let nodes;
  try {
    ({ nodes } = await cdp.send('Accessibility.getFullAXTree'));
  } finally {
    await cdp.detach();
  }
  const by_id = new Map(nodes.map((n) => [n.nodeId, n]));
  const text_of = (n) => {
    if (!n || n.ignored) return '';
    if (n.role?.value === 'StaticText') return n.name?.value ?? '';
    return (n.childIds ?? []).map((id) => text_of(by_id.get(id))).join('');
  };
  // The text beside `n` in its parent, looking through a link around it.
  const beside = (n) => {
    let self = n;
    let parent = by_id.get(n.parentId);
    if (parent?.role?.value === 'link') [self, parent] = [parent, by_id.get(parent.parentId)];
    const siblings = (parent?.childIds ?? []).map((id) => by_id.get(id));
    const at = siblings.indexOf(self);
    return {
      before: siblings.slice(0, Math.max(at, 0)).map(text_of).join(''),
      after: siblings.slice(at + 1).map(text_of).join(''),
    };
  };
  const here = page.url().split('#')[0];
  const links = [];
  const abbrs = [];
  for (const n of nodes) {
    if (n.ignored) continue;
    const role = n.role?.value;
    const name = (n.name?.value ?? '').replace(/\s+/g, ' ').trim();
    if (role === 'link') {
      const url = n.properties?.find((p) => p.name === 'url')?.value?.value ?? '';
      // "See also" links on the jargon-buster itself stay on the page.
      const elsewhere = url.split('#')[0] !== here;
      if (elsewhere && /jargon\/(index\.html)?#term-/.test(url) && !/jargon buster|glossary/i.test(name)) {
        links.push({ target: `a[href$="${url.slice(url.indexOf('#'))}"]`, html: `link named "${name}"`, why: 'its name is only the term: say where it goes ("LSP (jargon buster)")' });
      }
    } else if (role === 'Abbr') {
      const text = text_of(n).replace(/\s+/g, ' ').trim();
      const title = name === text ? '' : name;
      let why = abbr_problem(text, title);
      if (!why) {
        const { before, after } = beside(n);
        const said = title.toLowerCase();
        if (after.replace(/\s+/g, ' ').trimStart().toLowerCase().startsWith(`(${said}`) ||
            before.replace(/\s+/g, ' ').trimEnd().toLowerCase().endsWith(`${said} (`)) {
          why = `the text already says "${title}" beside it, so it is heard twice`;
        }
      }
      if (why) abbrs.push({ target: 'abbr', html: `<abbr title="${title}">${text}</abbr>`, why });
    }
  }
  const problems = [];
  if (links.length) {
    problems.push({ rule: RULE, message: `${links.length} glossary links do not say that they go to the jargon buster`, help: 'add visually hidden text to the link: <span class="visually-hidden"> (jargon buster)</span>', elements: links });
  }
  if (abbrs.length) {
    problems.push({ rule: RULE, message: `${abbrs.length} <abbr> are not abbreviations with their expansion`, help: 'give <abbr> only to abbreviations, with what they stand for as the title (plural for a plural), and none where the text spells it out', elements: abbrs });
  }
  return problems;
}
