#!/usr/bin/env python3
"""Counts how glossary terms are marked in a built tree of lspgen sites.

    python3 tests/count_jargon.py OUT [--list]

Reads every .html file under OUT with Python's html.parser and prints:
  - every <abbr>, and the wrong ones, each for one reason (first that applies):
    no-title:     no title, or an empty one;
    not-abbrev:   its text is not an abbreviation: a token with two or more
                  capital letters ("LSP", "IDeA", "PtP", "LAA2"), maybe an
                  "s" for the plural and a number after a space ("NI 39");
    not-expansion: the title does not spell the abbreviation: its capital
                  letters are not, in order, initials of the title's words
                  (words split at spaces and hyphens), or the title is the
                  text itself;
    plural:       the text is a plural ("LSPs") and the title's last word
                  does not end in "s";
  - <abbr> whose expansion the text gives right beside it, "X (title)" or
    "title (X", counted as doubled;
  - glossary links: <a> whose href goes to jargon/index.html#term-… from a
    page other than the jargon page; and how many of them have an accessible
    name (aria-label, else their text, visually hidden text included) that
    does not say "jargon buster" or "glossary", and on how many pages.
"""
import os
import re
import sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []          # the page's text, to look beside each abbr
        self.abbrs = []         # [title or None, text, start offset, end offset]
        self.links = []         # [href, aria-label, text]
        self.open_abbr = []
        self.open_links = []

    def pos(self):
        return sum(len(t) for t in self.text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'abbr':
            self.open_abbr.append([a.get('title'), '', self.pos(), None])
        elif tag == 'a':
            self.open_links.append([a.get('href') or '', a.get('aria-label'), ''])

    def handle_endtag(self, tag):
        if tag == 'abbr' and self.open_abbr:
            abbr = self.open_abbr.pop()
            abbr[3] = self.pos()
            self.abbrs.append(abbr)
        elif tag == 'a' and self.open_links:
            self.links.append(self.open_links.pop())

    def handle_data(self, data):
        self.text.append(data)
        for abbr in self.open_abbr:
            abbr[1] += data
        for link in self.open_links:
            link[2] += data


ABBREVIATION = re.compile(r'^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9&/.]+?(s?)( [0-9]+[a-z]?)?$')


def initials(title):
    return [w[0].upper() for w in re.split(r'[\s\-–]+', title) if w and w[0].isalnum()]


def spells(text, title):
    capitals = [c for c in text.split(' ')[0] if c.isupper()]
    words = initials(title)
    i = 0
    for c in capitals:
        while i < len(words) and words[i] != c:
            i += 1
        if i == len(words):
            return False
        i += 1
    return True


def why_wrong(title, text):
    text = ' '.join(text.split())
    if not title or not title.strip():
        return 'no-title'
    m = ABBREVIATION.match(text)
    if not m:
        return 'not-abbrev'
    if title.strip() == text or not spells(text, title):
        return 'not-expansion'
    if m.group(1) == 's' and not re.search(r's\b', title.split()[-1]):
        return 'plural'
    return None


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    root = sys.argv[1]
    listing = '--list' in sys.argv
    totals = {'abbr': 0, 'doubled': 0, 'links': 0, 'unnamed': 0}
    wrong = {}
    unnamed_pages = set()
    pages = 0
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith('.html'):
                continue
            path = os.path.join(folder, name)
            page = Page()
            with open(path, encoding='utf-8') as f:
                page.feed(f.read())
            pages += 1
            text = ''.join(page.text)
            rel = os.path.relpath(path, root)
            for title, inner, start, end in page.abbrs:
                totals['abbr'] += 1
                reason = why_wrong(title, inner)
                if reason:
                    wrong[reason] = wrong.get(reason, 0) + 1
                    if listing:
                        print(f'{rel}: {reason}: <abbr title="{title}">{inner}</abbr>')
                if title and title.strip():
                    t = ' '.join(title.split())
                    after = ' '.join(text[end:end + len(t) + 10].split())
                    before = ' '.join(text[max(0, start - len(t) - 10):start].split())
                    if after.startswith('(' + t) or before.endswith(t + ' ('):
                        totals['doubled'] += 1
                        if listing:
                            print(f'{rel}: doubled: {inner} ({t})')
            on_jargon_page = rel.replace(os.sep, '/').endswith('jargon/index.html')
            for href, label, inner in page.links:
                if on_jargon_page or not re.search(r'jargon/(index\.html)?#term-', href):
                    continue
                totals['links'] += 1
                accessible_name = ' '.join((label if label is not None else inner).split())
                if not re.search(r'jargon buster|glossary', accessible_name, re.I):
                    totals['unnamed'] += 1
                    unnamed_pages.add(rel)
                    if listing:
                        print(f'{rel}: link named only "{accessible_name}"')
    n_wrong = sum(wrong.values())
    detail = ', '.join(f'{k} {v}' for k, v in sorted(wrong.items()))
    print(f'{pages} pages')
    print(f'<abbr>: {totals["abbr"]}, wrong: {n_wrong}' + (f' ({detail})' if detail else ''))
    print(f'<abbr> whose expansion the text gives beside it: {totals["doubled"]}')
    print(f'glossary links: {totals["links"]}, named without saying where they go: '
          f'{totals["unnamed"]} on {len(unnamed_pages)} pages')
    return 0


if __name__ == '__main__':
    sys.exit(main())
