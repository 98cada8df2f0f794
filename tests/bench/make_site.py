#!/usr/bin/env python3
"""Generate a synthetic static site for the link-checker benchmark.

    python3 tests/bench/make_site.py OUT [--pages 2000] [--seed 2008]
                                         [--manifest FILE]

The site imitates what lspgen writes for a large Local Strategic Partnership:
HTML5 pages of about 8-15 KB each with a header (logo), a navigation bar, a
main part with sections and a footer, in folders

    index.html, about/, contact/, members/, meetings/, news/   (6 fixed pages)
    members/<id>/index.html                                  (~30% of the rest)
    meetings/<yyyy-mm-dd>-<board>/index.html                 (~30%)
    news/<slug>/index.html                                   (~40%)
    documents/*.pdf, images/*.png, assets/style.css, assets/logo.svg

A "link" below is any reference a link checker follows: <a href>, <img src>
and <link href>.  Every page has 13 fixed ones (stylesheet, logo, skip link,
6 navigation links, 4 footer links) and 3-11 in its main part (7 on average):
links to other pages (a quarter of them with a #fragment that exists on the
target page), to PDFs, images (<img> with alt text) and a few external
http(s) links, which are never fetched by the internal benchmark.  The three
section pages (members/, meetings/, news/) also list every page of their
section, as lspgen's do, so every page can be reached from index.html by a
crawler such as linkchecker.  That is about 21 links a page, ~42,000 for
2,000 pages.

Internal links are relative and name the file ("../../members/m0001/index.html",
"../../images/photo-01.png"), the way lspgen writes them, so the tree can be
checked from disk (file://) without a web server: a root-relative "/members/"
would mean file:///members/ to a browser and to linkchecker, and a folder link
would be a folder listing there.

Planted breaks (a fixed number, whatever --pages is; each is a distinct URL
used exactly once, inside <main> of a distinct page, so every checker should
count each one once):

    25  links to pages that do not exist
    10  links to a #fragment that does not exist on a page that does
     5  <img> without an alt attribute       (the image file itself exists)

Everything else is clean under every checker's default rules: no href="#",
no <a> without href, no alt="", no folder links, no root-relative links, no
mailto: (linkchecker would look up MX records), no query strings.

The same --pages and --seed always give byte-identical output.  A JSON
manifest of the planted breaks (and the link counts) is written to
--manifest (default: OUT.breaks.json next to OUT) and summarised on stdout.
"""

import argparse
import json
import os
import posixpath
import random
import shutil
import sys

MISSING_PAGES = 25
MISSING_FRAGMENTS = 10
IMAGES_WITHOUT_ALT = 5
N_PDFS = 40
N_IMAGES = 60
SECTION_PAGES = {"/members/": "member", "/meetings/": "meeting", "/news/": "news"}
FIXED_PAGES = ["", "about/", "contact/", "members/", "meetings/", "news/"]

WORDS = """partnership community safety health wellbeing housing transport
economy skills employment children young people older residents neighbourhood
council police fire rescue primary care trust voluntary sector business
delivery plan target indicator performance review board theme group local area
agreement sustainable strategy priority outcome funding grant programme
consultation report minutes agenda action officer chair member district county
borough ward parish town centre regeneration environment climate waste recycling
libraries leisure culture sport volunteers carers education attainment schools
college apprenticeships jobcentre crime reduction antisocial behaviour alcohol
drugs domestic abuse road casualties obesity smoking life expectancy inequality
deprivation cohesion equality diversity inclusion access services customers
budget efficiency savings commissioning evaluation monitoring quarter annual""".split()

BOARDS = ["safer-communities", "health-wellbeing", "economy-skills",
          "children-young-people", "environment", "housing", "executive"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Morgan", "Hilary", "Kim",
         "Robin", "Lesley", "Jan", "Terry", "Frances", "Dale", "Jean", "Carol",
         "Derek", "Anita", "Rajesh", "Mei", "Olu", "Siobhan", "Tomasz", "Aisha"]
LAST = ["Smith", "Patel", "Jones", "Williams", "Brown", "Taylor", "Khan",
        "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Hughes", "Walker",
        "Wright", "Green", "Hall", "Wood", "Clarke", "Okafor", "Nowak", "Chen"]
ORGS = ["Borough Council", "County Council", "Police", "Fire and Rescue Service",
        "Primary Care Trust", "Council for Voluntary Service", "Chamber of Commerce",
        "Jobcentre Plus", "Housing Association", "College"]
EXTERNAL = ["https://www.gov.uk/", "https://www.legislation.gov.uk/ukpga/2007/28",
            "http://www.communities.gov.uk/localgovernment/",
            "https://www.ons.gov.uk/", "https://www.nhs.uk/",
            "http://www.idea.gov.uk/", "https://www.police.uk/",
            "https://www.audit-commission.gov.uk/"]

SECTION_IDS = {
    "member": ["summary", "role", "boards", "contact", "declarations"],
    "meeting": ["agenda", "papers", "minutes", "actions", "attendance"],
    "news": ["story", "background", "quotes", "related"],
    "fixed": ["summary", "details", "contact"],
}


class Page:
    def __init__(self, url, kind, title):
        self.url = url          # root-relative folder URL, e.g. "/members/m0001/"
        self.kind = kind
        self.title = title
        self.ids = list(SECTION_IDS[kind])

    def path(self, out):
        return os.path.join(out, self.url.strip("/"), "index.html")


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng):
    s = words(rng, rng.randint(8, 20))
    return s[0].upper() + s[1:] + "."


def para(rng, n_sentences):
    return " ".join(sentence(rng) for _ in range(n_sentences))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def make_pages(n, rng):
    rest = n - len(FIXED_PAGES)
    if rest < 20:
        sys.exit("make_site.py: --pages must be at least %d" % (len(FIXED_PAGES) + 20))
    n_members = rest * 3 // 10
    n_meetings = rest * 3 // 10
    n_news = rest - n_members - n_meetings
    pages = [Page("/" + u, "fixed", t) for u, t in zip(
        FIXED_PAGES, ["Home", "About the partnership", "Contact us",
                      "Members", "Meetings", "News"])]
    for i in range(n_members):
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        pages.append(Page("/members/m%04d/" % (i + 1), "member", name))
    used = set()
    for i in range(n_meetings):
        while True:
            y, m, d = rng.randint(2003, 2010), rng.randint(1, 12), rng.randint(1, 28)
            b = rng.choice(BOARDS)
            slug = "%04d-%02d-%02d-%s" % (y, m, d, b)
            if slug not in used:
                used.add(slug)
                break
        pages.append(Page("/meetings/%s/" % slug, "meeting",
                          "%s board, %d/%d/%d" % (b.replace("-", " ").capitalize(), d, m, y)))
    for i in range(n_news):
        w = [rng.choice(WORDS) for _ in range(rng.randint(3, 6))]
        slug = "%04d-%s" % (i + 1, "-".join(w))
        pages.append(Page("/news/%s/" % slug, "news", " ".join(w).capitalize()))
    for p in pages:
        # per-page ids: numbered items, so fragment targets differ page to page
        p.ids += ["item-%d" % k for k in range(1, rng.randint(2, 6))]
    return pages


def relative(from_url, to):
    """Relative link from the page at folder URL `from_url` to `to`: a folder
    URL ("/a/c/" is taken as "/a/c/index.html") or a file ("/images/x.png").
    "/a/b/" -> "/a/c/" gives "../c/index.html"; a #fragment is kept."""
    frag = ""
    if "#" in to:
        to, frag = to.split("#", 1)
        frag = "#" + frag
    if to.endswith("/"):
        to += "index.html"
    return posixpath.relpath(to, from_url) + frag


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output folder (replaced if it exists)")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2008)
    ap.add_argument("--manifest", help="where to write the planted-breaks manifest (default OUT.breaks.json)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)

    pages = make_pages(args.pages, rng)
    pdfs = ["/documents/%s-%02d.pdf" % (rng.choice(["minutes", "agenda", "report", "strategy", "laa", "annual-report"]), i + 1)
            for i in range(N_PDFS)]
    images = ["/images/photo-%02d.png" % (i + 1) for i in range(N_IMAGES)]

    # ---- planted breaks: chosen up front, each on a distinct page -------------
    hosts = rng.sample(range(len(FIXED_PAGES), len(pages)),
                       MISSING_PAGES + MISSING_FRAGMENTS + IMAGES_WITHOUT_ALT)
    breaks = {}   # page index -> list of (kind, html, description)
    manifest = []
    k = 0
    for i in range(MISSING_PAGES):
        host = pages[hosts[k]]; k += 1
        section = rng.choice(["members", "meetings", "news"])
        target = "/%s/gone-%03d/" % (section, i + 1)
        href = relative(host.url, target)
        breaks.setdefault(hosts[k - 1], []).append(
            ('<a href="%s">%s</a>' % (href, esc(words(rng, 3))), ))
        manifest.append({"kind": "missing-page", "page": host.url + "index.html", "href": href, "resolves-to": target + "index.html"})
    for i in range(MISSING_FRAGMENTS):
        host = pages[hosts[k]]; k += 1
        tgt = rng.choice(pages[len(FIXED_PAGES):])
        href = relative(host.url, "%s#no-such-section-%02d" % (tgt.url, i + 1))
        breaks.setdefault(hosts[k - 1], []).append(('<a href="%s">%s</a>' % (href, esc(words(rng, 3))), ))
        manifest.append({"kind": "missing-fragment", "page": host.url + "index.html", "href": href})
    for i in range(IMAGES_WITHOUT_ALT):
        host = pages[hosts[k]]; k += 1
        src = relative(host.url, rng.choice(images))
        breaks.setdefault(hosts[k - 1], []).append(('<img src="%s" width="320" height="200">' % src, ))
        manifest.append({"kind": "image-without-alt", "page": host.url + "index.html", "src": src})

    counts = {"pages": len(pages), "links": 0, "a_href": 0, "img_src": 0, "link_href": 0,
              "internal": 0, "external": 0, "with_fragment": 0}

    def count(kind, href):
        counts["links"] += 1
        counts[kind] += 1
        if href.startswith("http"):
            counts["external"] += 1
        else:
            counts["internal"] += 1
            if "#" in href:
                counts["with_fragment"] += 1

    nav = [("/", "Home"), ("/about/", "About"), ("/members/", "Members"),
           ("/meetings/", "Meetings"), ("/news/", "News"), ("/contact/", "Contact")]
    foot = [("/about/#summary", "About the partnership"), ("/contact/#contact", "Contact us"),
            ("/about/#details", "Accessibility"), ("/news/", "All news")]

    for idx, page in enumerate(pages):
        r = random.Random(args.seed * 100003 + idx)   # per-page stream: stable if pages change
        links_html = []   # inline links for the body (already counted)
        n_body = r.randint(3, 11)
        for _ in range(n_body):
            x = r.random()
            if x < 0.62:      # another page
                tgt = r.choice(pages)
                href = relative(page.url, tgt.url)
                if r.random() < 0.25:
                    href += "#" + r.choice(tgt.ids)
                links_html.append('<a href="%s">%s</a>' % (href, esc(tgt.title)))
                count("a_href", href)
            elif x < 0.77:    # a PDF
                href = relative(page.url, r.choice(pdfs))
                links_html.append('<a href="%s">%s (PDF)</a>' % (href, esc(words(r, 3))))
                count("a_href", href)
            elif x < 0.95:    # an image with alt text
                src = relative(page.url, r.choice(images))
                links_html.append('<img src="%s" alt="%s" width="320" height="200">' % (src, esc(words(r, 5))))
                count("img_src", src)
            else:             # external
                href = r.choice(EXTERNAL)
                links_html.append('<a href="%s">%s</a>' % (href, esc(words(r, 3))))
                count("a_href", href)
        for (html,) in breaks.get(idx, []):
            links_html.append(html)   # planted breaks are not counted as clean links
            counts["links"] += 1
            if html.startswith("<img"):
                counts["img_src"] += 1
            else:
                counts["a_href"] += 1
            counts["internal"] += 1
            if "#" in html:
                counts["with_fragment"] += 1
        r.shuffle(links_html)

        # fixed links
        count("link_href", "/assets/style.css")
        count("img_src", "/assets/logo.svg")
        count("a_href", "#main")
        for h, _ in nav + foot:
            count("a_href", h)

        target_size = r.randint(8400, 14800)
        parts = []
        parts.append('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
                     '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                     '<title>%s - Benchmark Local Strategic Partnership</title>\n'
                     '<meta name="description" content="%s">\n'
                     '<link rel="stylesheet" href="%s">\n</head>\n<body>\n'
                     % (esc(page.title), esc(sentence(r)), relative(page.url, "/assets/style.css")))
        parts.append('<a class="skip" href="#main">Skip to main content</a>\n<header class="site-header">\n'
                     '<img class="logo" src="%s" alt="Benchmark Local Strategic Partnership logo" width="160" height="48">\n'
                     '<p class="site-name">Benchmark Local Strategic Partnership</p>\n</header>\n'
                     '<nav aria-label="Main">\n<ul>\n' % relative(page.url, "/assets/logo.svg"))
        for h, t in nav:
            cur = ' aria-current="page"' if h == page.url else ""
            parts.append('<li><a href="%s"%s>%s</a></li>\n' % (relative(page.url, h), cur, t))
        parts.append('</ul>\n</nav>\n<main id="main">\n<h1>%s</h1>\n' % esc(page.title))
        body_start = len("".join(parts))

        # sections, with the inline links spread over them
        sec_ids = page.ids
        per = [[] for _ in sec_ids]
        for j, l in enumerate(links_html):
            per[j % len(sec_ids)].append(l)
        footer = ['</main>\n<footer>\n<ul>\n']
        for h, t in foot:
            footer.append('<li><a href="%s">%s</a></li>\n' % (relative(page.url, h), t))
        footer.append('</ul>\n<p>&copy; 2008 Benchmark Local Strategic Partnership. '
                      'Generated by tests/bench/make_site.py for the lspgen link-checker benchmark.</p>\n'
                      '</footer>\n</body>\n</html>\n')
        # each section opens with a paragraph holding one of its links (the
        # rest in a list), then paragraphs are added round-robin until the page
        # reaches its target size (8-15 KB; it overshoots by one paragraph at most)
        sections = []
        for sid, ls in zip(sec_ids, per):
            heading = sid.replace("-", " ").capitalize()
            chunk = ['<section id="%s">\n<h2>%s</h2>\n' % (sid, heading)]
            p = para(r, r.randint(2, 5))
            if ls:
                p = p[: len(p) // 2] + " " + ls[0] + " " + p[len(p) // 2:]
            chunk.append("<p>%s</p>\n" % p)
            if len(ls) > 1:
                chunk.append("<ul>\n" + "".join("<li>%s</li>\n" % x for x in ls[1:]) + "</ul>\n")
            sections.append(chunk)
        size = body_start + len("".join(footer)) + sum(len(x) + 11 for c in sections for x in c)
        j = 0
        while True:
            p = "<p>%s</p>\n" % para(r, r.randint(2, 4))
            if size + len(p) > target_size + 200:
                break
            sections[j % len(sections)].append(p)
            size += len(p)
            j += 1
        for chunk in sections:
            parts.extend(chunk)
            parts.append("</section>\n")
        if page.url in SECTION_PAGES:   # members/, meetings/, news/ list their pages
            kind = SECTION_PAGES[page.url]
            parts.append('<section id="all">\n<h2>All %s</h2>\n<ul>\n' % page.title.lower())
            for c in pages:
                if c.kind == kind:
                    href = relative(page.url, c.url)
                    parts.append('<li><a href="%s">%s</a></li>\n' % (href, esc(c.title)))
                    count("a_href", href)
            parts.append("</ul>\n</section>\n")
        parts.extend(footer)

        path = page.path(out)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(parts))

    # ---- assets -----------------------------------------------------------
    os.makedirs(os.path.join(out, "assets"))
    with open(os.path.join(out, "assets", "style.css"), "w") as f:
        f.write("body{font-family:sans-serif;max-width:60rem;margin:0 auto}\n"
                ".skip{position:absolute;left:-999px}.skip:focus{left:0}\n")
    with open(os.path.join(out, "assets", "logo.svg"), "w") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48">'
                '<rect width="160" height="48" fill="#1d4f91"/></svg>\n')
    os.makedirs(os.path.join(out, "documents"))
    for p in pdfs:
        with open(os.path.join(out, p.lstrip("/")), "wb") as f:
            f.write(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                    b"trailer<</Root 1 0 R>>\n%%EOF\n")
    os.makedirs(os.path.join(out, "images"))
    # a valid 1x1 PNG
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                        "0000000d49444154789c6360f8cfc0f01f0005000201a5f8a8a80000000049454e44ae426082")
    for im in images:
        with open(os.path.join(out, im.lstrip("/")), "wb") as f:
            f.write(png)

    planted = {"missing-page": MISSING_PAGES, "missing-fragment": MISSING_FRAGMENTS,
               "image-without-alt": IMAGES_WITHOUT_ALT,
               "broken-links": MISSING_PAGES + MISSING_FRAGMENTS,
               "total": MISSING_PAGES + MISSING_FRAGMENTS + IMAGES_WITHOUT_ALT}
    total_bytes = 0
    for dp, _, fs in os.walk(out):
        for fn in fs:
            if fn.endswith(".html"):
                total_bytes += os.path.getsize(os.path.join(dp, fn))
    counts["html_bytes"] = total_bytes
    man = {"seed": args.seed, "counts": counts, "planted": planted, "breaks": manifest}
    mpath = args.manifest or out.rstrip("/") + ".breaks.json"
    with open(mpath, "w") as f:
        json.dump(man, f, indent=1)
    print("make_site.py: %d pages (%.1f MB of HTML, %.1f KB a page), %d links "
          "(%d internal, %d external, %d with #fragment; %.1f a page); planted: "
          "%d missing pages, %d missing fragments, %d images without alt; manifest %s"
          % (counts["pages"], total_bytes / 1e6, total_bytes / 1e3 / counts["pages"],
             counts["links"], counts["internal"], counts["external"], counts["with_fragment"],
             counts["links"] / counts["pages"], MISSING_PAGES, MISSING_FRAGMENTS,
             IMAGES_WITHOUT_ALT, mpath))


if __name__ == "__main__":
    main()
