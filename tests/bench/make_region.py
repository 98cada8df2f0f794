#!/usr/bin/env python3
"""Generate a synthetic region of Local Strategic Partnerships for the build
benchmark: the same content as lspgen sites and as one Hugo site.

    python3 tests/bench/make_region.py OUT [--pages 20000] [--seed 2009]
                                           [--sites N] [--no-hugo]

writes

    OUT/lspgen/<slug>/...   one lspgen site folder per partnership
    OUT/hugo/...            one Hugo site holding every partnership under /<slug>/
    OUT/region.json         what was generated (counts, expected page counts)

Build them with

    lspgen build OUT/lspgen/*/ -o X --now 2009-03-01
    hugo --source OUT/hugo --destination Y

Every partnership is fictional: its area ("Bramcombe"), its people
("Orla Vantby"), organisations and figures are made up from syllables and
word lists. Sizes: --pages is the number of .html files lspgen writes in
all; the region has one site per ~2,000 pages (at least one), and each site
gets its share as ~8 % members, ~17 % meetings and ~75 % news items, plus
the 14 fixed pages every site has (home, members/, meetings/, news/,
documents/, performance/, events/, how-we-work/, contact/, jargon/,
accessibility/, 404 and two pages/*.md). So --pages 20000 gives 10 sites of
~160 members, ~340 meetings and ~1,490 news items each.

Each site has: site.yaml with every homepage field, a base_url (so sitemap.xml
and the Atom feed are written), governance texts and key documents; members
with a photo (one of a few shared SVGs), a ~0.8 KB Markdown biography,
boards, term and register of interests; 6 boards; meetings from 2004 to 2010
(held ones with an agenda and minutes PDF, 3-6 papers: a PDF of their own, a
document from documents.yaml or a URL); ~40 documents (PDF placeholders);
30 LAA indicators with baseline, target and results; 20 events; a glossary of
4 terms; news items with a ~4 KB Markdown body (headings, paragraphs, lists,
emphasis, a table in every fifth, links to members, meetings, events and the
performance page). The same --pages, --sites and --seed always give the same
bytes.
"""

import argparse
import json
import os
import random
import shutil
import sys

NOW = "2009-03-01"           # the date the benchmark builds with (--now)
FIXED_PAGES = 14             # .html pages per site besides members, meetings, news
PAGES_PER_SITE = 2000

SYL = """ba be bi bo bra bre cal cor da del dor fa fen gal ha hol ka kel la
lor ma mer na nor pa pel quen ra rel sa sel ta tor va vel wen ya zor""".split()
FIRST_END = ["a", "o", "in", "el", "y", "an", "ie", "us", "ette", "ard"]
LAST_END = ["by", "ton", "well", "ham", "croft", "ley", "mere", "field", "wick"]
PLACE_A = ["Ash", "Bram", "Cray", "Dun", "Elm", "Fen", "Gorse", "Hollin", "Ivy",
           "Kest", "Lark", "Mire", "Nettle", "Oak", "Pell", "Quill", "Rush",
           "Sedge", "Thorn", "Wold"]
PLACE_B = ["wick", "ford", "ley", "bury", "combe", "stead", "hithe", "mouth",
           "ham", "worth"]
HONORIFICS = ["", "", "", "", "Cllr", "Dr", "Revd", "Prof"]
ROLES = ["Member"] * 12 + ["Adviser", "Observer", "Officer"]
SECTORS = ["public", "private", "voluntary", "community", "faith", "elected-member"]
ORG_KIND = ["Borough Council", "County Council", "Primary Care Trust",
            "Police Division", "Fire and Rescue Service", "Council for Voluntary Service",
            "Chamber of Commerce", "Housing Association", "College",
            "Faith Forum", "Youth Forum", "Jobcentre Plus office"]
BOARDS = [
    ("safer-communities", "Safer Communities Board"),
    ("health-wellbeing", "Health and Well-being Board"),
    ("children-young-people", "Children and Young People's Trust Board"),
    ("economy-skills", "Economy and Skills Group"),
    ("environment", "Environment Partnership"),
    ("stronger-communities", "Stronger Communities Group"),
]
THEMES = ["Safer communities", "Health and well-being", "Children and young people",
          "Economic development", "Environment", "Stronger communities"]
DOC_TYPES = ["report"] * 5 + ["other"] * 2 + ["agenda", "minutes"]
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
ABBRS = ["LAA", "SCS", "LSP", "PCT", "CAA"]   # in the regional glossary: get <abbr>
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
GLOSSARY = [
    ("BVPI", "Best Value Performance Indicator",
     "A measure of council performance that the National Indicator set replaced in 2008."),
    ("CDRP", "Crime and Disorder Reduction Partnership",
     "The statutory partnership of the council, police and others that tackles crime locally."),
    ("TWG", "Thematic Working Group",
     "A group of partners that delivers one theme of the community strategy."),
    ("ABG", "Area Based Grant",
     "A non-ringfenced grant paid to councils to support the Local Area Agreement."),
]


def qs(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def block(text, indent):
    pad = " " * indent
    return "|\n" + "".join((pad + line if line else "") + "\n"
                           for line in text.rstrip("\n").split("\n"))


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.used_names = set()

    def word(self):
        return self.r.choice(WORDS)

    def sentence(self, lo=8, hi=18, abbr=True):
        n = self.r.randint(lo, hi)
        ws = [self.word() for _ in range(n)]
        if abbr and self.r.random() < 0.3:
            ws[self.r.randrange(n)] = self.r.choice(ABBRS)
        s = " ".join(ws)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

    def wrap(self, text, width=76):
        out, line = [], ""
        for w in text.split(" "):
            if line and len(line) + 1 + len(w) > width:
                out.append(line)
                line = w
            else:
                line = (line + " " + w) if line else w
        if line:
            out.append(line)
        return "\n".join(out)

    def title(self, lo=3, hi=7):
        s = " ".join(self.word() for _ in range(self.r.randint(lo, hi)))
        return s[0].upper() + s[1:]

    def person(self):
        while True:
            first = (self.r.choice(SYL) + self.r.choice(FIRST_END)).capitalize()
            last = (self.r.choice(SYL) + self.r.choice(SYL) + self.r.choice(LAST_END)).capitalize()
            if (first, last) not in self.used_names:
                self.used_names.add((first, last))
                return first, last

    def date(self, y0, y1):
        y = self.r.randint(y0, y1)
        m = self.r.randint(1, 12)
        d = self.r.randint(1, 28)
        return f"{y:04d}-{m:02d}-{d:02d}"


def long_date(iso):
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def pdf_bytes(title):
    """A small but well-formed one-page PDF saying it is a placeholder."""
    text = f"Placeholder for the benchmark: {title}".replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 11 Tf 56 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def photo_svg(i, colour):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="150" '
            f'viewBox="0 0 120 150" role="img"><title>Placeholder photo {i}</title>'
            f'<rect width="120" height="150" fill="{colour}"/>'
            f'<circle cx="60" cy="55" r="28" fill="#fff"/>'
            f'<rect x="22" y="95" width="76" height="55" rx="30" fill="#fff"/></svg>\n')


def logo_svg(name):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" '
            f'viewBox="0 0 200 60" role="img"><title>{name}</title>'
            f'<rect width="200" height="60" fill="#fff"/>'
            f'<text x="10" y="38" font-size="20" fill="#123">{name[:16]}</text></svg>\n')


# --------------------------------------------------------------------------
# The model: one dict per site, written out by write_lspgen() and write_hugo().

def make_site(g, slug, area, n_members, n_meetings, n_news, site_index):
    r = g.r
    site = {"slug": slug, "area": area,
            "name": f"{area} Local Strategic Partnership",
            "short_name": f"{area} LSP",
            "brand_colour": "#%02x%02x%02x" % (r.randint(10, 60), r.randint(40, 90), r.randint(80, 130))}
    # boards
    site["boards"] = [{"id": b, "name": n, "remit": g.wrap(g.paragraph(2, 4))} for b, n in BOARDS]
    # members
    members = []
    for i in range(n_members):
        first, last = g.person()
        mid = f"{first}-{last}".lower()
        role = "Chair" if i == 0 else "Vice-chair" if i == 1 else r.choice(ROLES)
        org = f"{r.choice(PLACE_A)}{r.choice(PLACE_B)} {r.choice(ORG_KIND)} (fictional)"
        bio = "\n\n".join(g.wrap(g.paragraph(3, 5)) for _ in range(2))
        bio += f"\n\n*{first} {last} is a fictional member generated for the benchmark.*"
        appointed = g.date(2003, 2008)
        term = f"{int(appointed[:4]) + r.randint(2, 4)}{appointed[4:]}"
        members.append({
            "id": mid, "name": f"{first} {last}", "honorific": r.choice(HONORIFICS),
            "role": role, "organisation": org, "sector": r.choice(SECTORS),
            "represents": g.title(2, 5), "photo": f"assets/photos/p{i % 8}.svg",
            "photo_alt": f"Placeholder silhouette for {first} {last}",
            "bio": bio, "appointed": appointed, "term_ends": term,
            "boards": sorted(r.sample([b for b, _ in BOARDS], r.randint(0, 3))),
            "interests": [g.title(3, 6) for _ in range(r.randint(0, 3))],
        })
    site["members"] = members
    for k, b in enumerate(site["boards"]):
        b["chair"] = members[2 + k % max(1, len(members) - 2)]["id"] if len(members) > 2 else members[0]["id"]
    # documents
    docs = [
        {"id": "community-strategy", "type": "sustainable-community-strategy",
         "title": f"{area} Sustainable Community Strategy 2008-2020", "published": "2008-04-01"},
        {"id": "laa", "type": "local-area-agreement",
         "title": f"{area} Local Area Agreement 2008-2011", "published": "2008-06-30"},
        {"id": "annual-report-2007-08", "type": "annual-report",
         "title": f"{area} LSP Annual Report 2007/08", "published": "2008-09-29"},
        {"id": "handbook", "type": "handbook",
         "title": f"{area} LSP Handbook", "published": "2008-01-14"},
    ]
    for i in range(36):
        docs.append({"id": f"doc-{i:03d}", "type": r.choice(DOC_TYPES),
                     "title": g.title(3, 7), "published": g.date(2004, 2009)})
    for d in docs:
        d["file"] = f"assets/documents/{d['id']}.pdf"
        d["summary"] = g.wrap(g.sentence(10, 24))
    docs.sort(key=lambda d: d["id"])
    site["documents"] = docs
    # meetings
    meetings, ids = [], set()
    for i in range(n_meetings):
        board = r.choice([None, None] + [b for b, _ in BOARDS])
        date = g.date(2004, 2010)
        mid = f"{board or 'lsp-board'}-{date}"
        while mid in ids:
            mid += "-b"
        ids.add(mid)
        held = date < NOW
        status = "held" if held else "scheduled"
        if r.random() < 0.03:
            status = "cancelled" if held else "postponed"
        m = {"id": mid, "date": date, "board": board,
             "title": dict(BOARDS)[board] if board else f"{area} LSP Board",
             "start": f"{r.randint(9, 18):02d}:{r.choice(['00', '30'])}",
             "venue": f"Committee Room {r.randint(1, 4)}, {area} Civic Centre (fictional)",
             "public": r.random() < 0.8, "status": status,
             "summary": g.wrap(g.paragraph(2, 4))}
        m["end"] = f"{int(m['start'][:2]) + 2:02d}:{m['start'][3:]}"
        if status == "held":
            m["agenda"] = f"assets/meetings/{mid}-agenda.pdf"
            m["minutes"] = f"assets/meetings/{mid}-minutes.pdf"
            papers = []
            for k in range(r.randint(3, 6)):
                kind = r.random()
                p = {"item": k + 3, "title": g.title(3, 8)}
                if kind < 0.4:
                    p["file"] = f"assets/meetings/{mid}-item-{k + 3:02d}.pdf"
                elif kind < 0.8:
                    p["document"] = r.choice(docs)["id"]
                else:
                    p["url"] = f"https://www.example.org/{slug}/papers/{mid}-{k + 3}"
                papers.append(p)
            m["papers"] = papers
        meetings.append(m)
    meetings.sort(key=lambda m: (m["date"], m["id"]))
    site["meetings"] = meetings
    # indicators
    inds = []
    for i in range(30):
        base = round(r.uniform(10, 2000), 1)
        higher = r.random() < 0.5
        target = round(base * (1.08 if higher else 0.92), 1)
        res = [round(base * r.uniform(0.9, 1.12), 1) for _ in range(r.randint(0, 3))]
        inds.append({"code": f"NI {i * 7 + 1}", "title": g.title(3, 7),
                     "theme": THEMES[i % len(THEMES)], "lead": f"{area} {r.choice(ORG_KIND)} (fictional)",
                     "unit": r.choice(["% of residents", "per 1,000 people", "number", "rate per 100,000"]),
                     "direction": "higher-is-better" if higher else "lower-is-better",
                     "baseline": {"period": "2007/08", "value": base},
                     "target": {"period": "2010/11", "value": target},
                     "results": [{"period": f"{2008 + k}/{9 + k:02d}", "value": v} for k, v in enumerate(res)],
                     "note": "Illustrative figures generated for the benchmark."})
    site["indicators"] = inds
    # events
    events = []
    for i in range(20):
        date = g.date(2007, 2010)
        events.append({"id": f"event-{i:02d}-{date}", "title": g.title(3, 6), "date": date,
                       "start": "10:00", "end": "13:00",
                       "venue": f"{r.choice(PLACE_A)}{r.choice(PLACE_B)} Community Hall (fictional)",
                       "description": g.wrap(g.paragraph(2, 3)),
                       "booking_email": f"events@{slug}.example.org",
                       "booking_note": "Attendance is free."})
    events.sort(key=lambda e: (e["date"], e["id"]))
    site["events"] = events
    # news
    news, names = [], set()
    for i in range(n_news):
        date = g.date(2003, 2009)
        if date > NOW:
            date = "2009-02-" + date[-2:]
        words = "-".join(g.word() for _ in range(3))
        name = f"{date}-{words}"
        while name in names:
            name += "-x"
        names.add(name)
        news.append({"name": name, "date": date, "title": g.title(4, 9),
                     "summary": g.sentence(12, 22, abbr=False),
                     "body": news_body(g, members, meetings, events, i)})
    news.sort(key=lambda n: (n["date"], n["name"]))
    site["news"] = news
    site["pages"] = [
        {"name": "about-this-region", "title": "About this benchmark site", "menu": 90,
         "summary": "A fictional partnership generated for lspgen's build benchmark.",
         "body": "\n\n".join(g.wrap(g.paragraph()) for _ in range(4))},
        {"name": "partnership-structure", "title": "Partnership structure", "menu": 80,
         "summary": "How the boards of the partnership fit together.",
         "body": "## Boards\n\n" + "\n".join(f"- [{n}](/how-we-work/)" for _, n in BOARDS)
                 + "\n\n" + g.wrap(g.paragraph())},
    ]
    site["glossary"] = GLOSSARY
    texts = {k: g.wrap(g.paragraph(3, 5)) for k in ("membership", "agenda", "decisions")}
    site["governance"] = texts
    site["summary"] = (g.wrap(f"The {area} Local Strategic Partnership (LSP) brings together the "
                              "council, other public services, businesses and voluntary, community "
                              "and faith organisations to plan for the area together. "
                              + g.paragraph(2, 3))
                       + "\n\n" + g.wrap("The LSP Board meets quarterly and its meetings are open "
                                         "to the public. *This is a fictional partnership generated "
                                         "for lspgen's build benchmark.*"))
    site["aim"] = f"Partners working together for everyone in {area}."
    site["public_questions"] = g.wrap(g.paragraph(2, 3))
    site["contact"] = {"name": "Partnership support officer (fictional)",
                       "email": f"lsp@{slug}.example.org", "phone": f"01632 96{site_index:04d}",
                       "address": f"{area} LSP (fictional)\n1 Example Street\n{area}"}
    return site


def news_body(g, members, meetings, events, i):
    r = g.r
    parts = []
    for s in range(4):
        parts.append(f"## {g.title(2, 5)}")
        for _ in range(2):
            parts.append(g.wrap(g.paragraph(3, 4)))
        if s == 1:
            parts.append("\n".join(f"- {g.sentence(6, 12)}" for _ in range(r.randint(3, 5))))
        if s == 2 and i % 5 == 0:
            rows = ["| Measure | 2007/08 | 2008/09 |", "|---|---:|---:|"]
            rows += [f"| {g.title(2, 4)} | {r.randint(10, 999)} | {r.randint(10, 999)} |" for _ in range(4)]
            parts.append("\n".join(rows))
    m = r.choice(members)
    mt = r.choice(meetings)
    ev = r.choice(events)
    parts.append(g.wrap(
        f"*{m['name']}*, {m['organisation']}, will report to the "
        f"[meeting of {long_date(mt['date'])}](/meetings/{mt['id']}/). See also our "
        f"[latest results](/performance/), the [member's page](/members/{m['id']}/), the "
        f"[{ev['title'].lower()}](/events/#event-{ev['id']}) event and **the documents** "
        f"on the [documents page](/documents/)."))
    return "\n\n".join(parts) + "\n"


def plan(pages, n_sites):
    per_site = pages / n_sites - FIXED_PAGES
    n_members = max(3, round(per_site * 0.08))
    n_meetings = max(2, round(per_site * 0.17))
    n_news = max(1, round(per_site) - n_members - n_meetings)
    return n_members, n_meetings, n_news


def make_region(pages, seed, n_sites=None):
    rng = random.Random(seed)
    g = Gen(rng)
    if not n_sites:
        n_sites = max(1, round(pages / PAGES_PER_SITE))
    n_members, n_meetings, n_news = plan(pages, n_sites)
    places = [a + b for a in PLACE_A for b in PLACE_B]
    rng.shuffle(places)
    sites = []
    for i in range(n_sites):
        area = places[i]
        sites.append(make_site(g, area.lower(), area, n_members, n_meetings, n_news, i))
    return sites


# --------------------------------------------------------------------------
# lspgen

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(data)


def y_attach(key, value, indent):
    pad = " " * indent
    return f"{pad}{key}:\n{pad}  file: {value}\n"


def write_lspgen_site(root, s):
    d = os.path.join(root, s["slug"])
    c = s["contact"]
    gov = s["governance"]
    y = [f"# Fictional partnership generated by tests/bench/make_region.py.\n",
         f"name: {qs(s['name'])}\n", f"short_name: {qs(s['short_name'])}\n",
         # Fictional, with example.org addresses: an example site may publish them.
         "status: example\n",
         f"base_url: https://bench.example.org/{s['slug']}/\n",
         f"area: {qs(s['area'])}\n", "county: Exampleshire\n", "region: South East\n",
         f"brand_colour: \"{s['brand_colour']}\"\n", "logo: assets/logo.svg\n",
         f"logo_alt: {qs(s['name'])}\n",
         "summary: " + block(s["summary"], 2),
         f"aim: {qs(s['aim'])}\n", "meeting_frequency: quarterly\n", "meetings_public: true\n",
         "public_questions: " + block(s["public_questions"], 2),
         "contact:\n", f"  name: {qs(c['name'])}\n", f"  email: {c['email']}\n",
         f"  phone: {qs(c['phone'])}\n", "  address: " + block(c["address"], 4),
         "independent: true\n",
         "governance:\n"] + [f"  {k}: " + block(gov[k], 4) for k in ("membership", "agenda", "decisions")] + [
         "key_documents:\n  - community-strategy\n  - handbook\n  - laa\n  - annual-report-2007-08\n",
         "accessibility:\n  response_days: 10\n  prepared: 2009-01-12\n  reviewed: 2009-02-23\n"]
    write(os.path.join(d, "site.yaml"), "".join(y))

    out = []
    for m in s["members"]:
        out.append(f"- id: {m['id']}\n  name: {qs(m['name'])}\n")
        if m["honorific"]:
            out.append(f"  honorific: {m['honorific']}\n")
        out.append(f"  role: {m['role']}\n  organisation: {qs(m['organisation'])}\n"
                   f"  sector: {m['sector']}\n  represents: {qs(m['represents'])}\n"
                   f"  photo: {m['photo']}\n  photo_alt: {qs(m['photo_alt'])}\n"
                   f"  bio: " + block(m["bio"], 4) +
                   f"  appointed: {m['appointed']}\n  term_ends: {m['term_ends']}\n"
                   f"  boards: [{', '.join(m['boards'])}]\n"
                   f"  interests: [{', '.join(qs(x) for x in m['interests'])}]\n\n")
    write(os.path.join(d, "members.yaml"), "".join(out))

    out = []
    for b in s["boards"]:
        out.append(f"- id: {b['id']}\n  name: {qs(b['name'])}\n  remit: " + block(b["remit"], 4)
                   + f"  chair: {b['chair']}\n\n")
    write(os.path.join(d, "boards.yaml"), "".join(out))

    out = []
    for m in s["meetings"]:
        out.append(f"- id: {m['id']}\n  title: {qs(m['title'])}\n")
        if m["board"]:
            out.append(f"  board: {m['board']}\n")
        out.append(f"  date: {m['date']}\n  start: \"{m['start']}\"\n  end: \"{m['end']}\"\n"
                   f"  venue: {qs(m['venue'])}\n  public: {'true' if m['public'] else 'false'}\n"
                   f"  status: {m['status']}\n  summary: " + block(m["summary"], 4))
        if "agenda" in m:
            out.append(y_attach("agenda", m["agenda"], 2) + y_attach("minutes", m["minutes"], 2))
            out.append("  papers:\n")
            for p in m["papers"]:
                out.append(f"    - item: {p['item']}\n      title: {qs(p['title'])}\n")
                for k in ("file", "document", "url"):
                    if k in p:
                        out.append(f"      {k}: {p[k]}\n")
        out.append("\n")
    write(os.path.join(d, "meetings.yaml"), "".join(out))

    out = []
    for doc in s["documents"]:
        out.append(f"- id: {doc['id']}\n  type: {doc['type']}\n  title: {qs(doc['title'])}\n"
                   f"  file: {doc['file']}\n  published: {doc['published']}\n"
                   f"  summary: " + block(doc["summary"], 4) + "\n")
    write(os.path.join(d, "documents.yaml"), "".join(out))

    out = []
    for ind in s["indicators"]:
        out.append(f"- code: {qs(ind['code'])}\n  title: {qs(ind['title'])}\n  theme: {qs(ind['theme'])}\n"
                   f"  lead: {qs(ind['lead'])}\n  unit: {qs(ind['unit'])}\n  direction: {ind['direction']}\n"
                   f"  baseline: {{period: {ind['baseline']['period']}, value: {ind['baseline']['value']}}}\n"
                   f"  target: {{period: {ind['target']['period']}, value: {ind['target']['value']}}}\n"
                   f"  results: [{', '.join('{period: %s, value: %s}' % (x['period'], x['value']) for x in ind['results'])}]\n"
                   f"  note: {qs(ind['note'])}\n\n")
    write(os.path.join(d, "indicators.yaml"), "".join(out))

    out = []
    for e in s["events"]:
        out.append(f"- id: {e['id']}\n  title: {qs(e['title'])}\n  date: {e['date']}\n"
                   f"  start: \"{e['start']}\"\n  end: \"{e['end']}\"\n  venue: {qs(e['venue'])}\n"
                   f"  description: " + block(e["description"], 4) +
                   f"  booking_email: {e['booking_email']}\n  booking_note: {qs(e['booking_note'])}\n\n")
    write(os.path.join(d, "events.yaml"), "".join(out))

    out = []
    for term, exp, dfn in s["glossary"]:
        out.append(f"- term: {term}\n  expansion: {qs(exp)}\n  definition: {qs(dfn)}\n\n")
    write(os.path.join(d, "glossary.yaml"), "".join(out))

    for n in s["news"]:
        write(os.path.join(d, "news", n["name"] + ".md"),
              f"---\ntitle: {qs(n['title'])}\ndate: {n['date']}\nsummary: {qs(n['summary'])}\n---\n\n" + n["body"])
    for p in s["pages"]:
        write(os.path.join(d, "pages", p["name"] + ".md"),
              f"---\ntitle: {qs(p['title'])}\nsummary: {qs(p['summary'])}\nmenu: {p['menu']}\n"
              f"updated: 2009-02-01\n---\n\n" + p["body"] + "\n")
    write_assets(d, s)


def asset_files(s):
    """(relative path, bytes) of every file under assets/ of a site."""
    files = [("assets/logo.svg", logo_svg(s["name"]).encode())]
    colours = ["#5a6e7f", "#7f5a6e", "#6e7f5a", "#4d5d8c", "#8c4d5d", "#5d8c4d", "#66666b", "#3f6f6f"]
    files += [(f"assets/photos/p{i}.svg", photo_svg(i, colours[i]).encode()) for i in range(8)]
    for doc in s["documents"]:
        files.append((doc["file"], pdf_bytes(doc["title"])))
    for m in s["meetings"]:
        if "agenda" in m:
            files.append((m["agenda"], pdf_bytes(f"Agenda, {m['title']}, {m['date']}")))
            files.append((m["minutes"], pdf_bytes(f"Minutes, {m['title']}, {m['date']}")))
            for p in m["papers"]:
                if "file" in p:
                    files.append((p["file"], pdf_bytes(p["title"])))
    return files


def write_assets(d, s):
    for rel, data in asset_files(s):
        write(os.path.join(d, rel), data)


# --------------------------------------------------------------------------
# Hugo: one site, every partnership under /<slug>/. Templates and config are
# committed in tests/bench/hugo/; this writes content/, data/ and static/.
# Members, meetings and news are content files (front matter + Markdown:
# Hugo 0.111 has no content adapters); the rest are data files, read by the
# templates as lspgen reads the YAML lists.

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DOC_TYPE_LABELS = [("sustainable-community-strategy", "Sustainable Community Strategy"),
             ("local-area-agreement", "Local Area Agreement"),
             ("annual-report", "Annual reports"), ("handbook", "Handbook"),
             ("agenda", "Agendas"), ("minutes", "Minutes"), ("report", "Reports"),
             ("other", "Other documents")]


def front(fields, body=""):
    lines = ["---"]
    for k, v in fields.items():
        if v is None:
            continue
        lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n" + body


def jargon_terms(sites):
    """The glossary terms (regional and the sites') that occur in the generated
    text, longest first: Hugo links their first use on each page, as lspgen
    links every term's (lspgen matches all ~85 terms; here only these can
    occur, so the output is the same)."""
    import re
    text = open(os.path.join(REPO, "generator", "model", "regional_glossary.yaml"), encoding="utf-8").read()
    entries = []
    for e in re.split(r"^- term: ", text, flags=re.M)[1:]:
        term = e.split("\n", 1)[0].strip().strip('"')
        found = re.search(r"^  expansion: (.*)$", e, re.M)
        if not found:
            continue  # a full term, not an abbreviation: nothing to expand
        exp = found.group(1).strip().strip('"')
        pl = re.search(r"^  plural: (.*)$", e, re.M)
        plural = pl.group(1).strip().strip('"') if pl else term + "s"
        entries.append((term, exp, plural))
    for term, exp, _ in GLOSSARY:
        entries.append((term, exp, term + "s"))
    vocab = set(WORDS) | set(ABBRS)
    out = []
    for term, exp, plural in entries:
        if all(w in vocab for w in term.split()):
            alts = [re.escape(term)] + ([re.escape(plural)] if plural else [])
            out.append({"term": term, "pattern": r"\b(" + "|".join(sorted(alts, key=len, reverse=True)) + r")\b",
                        "anchor": "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-"),
                        "expansion": exp})
    out.sort(key=lambda t: -len(t["term"]))
    return out


def write_hugo(root, sites):
    shutil.copytree(os.path.join(HERE, "hugo"), root)
    theme = os.path.join(REPO, "themes", "default", "static")
    os.makedirs(os.path.join(root, "data"), exist_ok=True)
    shutil.copy(os.path.join(REPO, "generator", "model", "regional_glossary.yaml"),
                os.path.join(root, "data", "regional_glossary.yaml"))
    write(os.path.join(root, "data", "jargon_terms.json"), json.dumps(jargon_terms(sites), indent=1) + "\n")
    write(os.path.join(root, "content", "_index.md"), front({"title": "Benchmark region"}))
    for s in sites:
        slug = s["slug"]
        c = os.path.join(root, "content", slug)
        dd = os.path.join(root, "data", slug)
        nav = [("", "Home"), ("members/", "Members"), ("meetings/", "Meetings"),
               ("documents/", "Documents"), ("how-we-work/", "How we work"),
               ("performance/", "Performance"), ("news/", "News"), ("events/", "Events"),
               ("jargon/", "Jargon buster")]
        nav += [(p["name"] + "/", p["title"]) for p in sorted(s["pages"], key=lambda p: p["menu"])]
        nav.append(("contact/", "Contact"))
        site = {k: s[k] for k in ("name", "short_name", "area", "aim", "summary", "public_questions",
                                  "contact", "brand_colour", "governance")}
        site.update({"meeting_frequency": "quarterly",
                     "key_documents": ["community-strategy", "handbook", "laa", "annual-report-2007-08"],
                     "accessibility": {"response_days": 10, "prepared": "2009-01-12", "reviewed": "2009-02-23"},
                     "nav": [{"path": pth, "title": t} for pth, t in nav],
                     "doc_types": dict(DOC_TYPE_LABELS), "doc_type_order": [t for t, _ in DOC_TYPE_LABELS],
                     "themes": THEMES})
        write(os.path.join(dd, "site.json"), json.dumps(site, indent=1, ensure_ascii=False))
        write(os.path.join(dd, "boards.json"), json.dumps(s["boards"], indent=1, ensure_ascii=False))
        write(os.path.join(dd, "documents.json"), json.dumps(s["documents"], indent=1, ensure_ascii=False))
        write(os.path.join(dd, "indicators.json"), json.dumps(s["indicators"], indent=1, ensure_ascii=False))
        write(os.path.join(dd, "events.json"), json.dumps(s["events"], indent=1, ensure_ascii=False))
        write(os.path.join(dd, "glossary.json"), json.dumps(
            [{"term": t, "expansion": e, "definition": d} for t, e, d in s["glossary"]], indent=1))

        write(os.path.join(c, "_index.md"), front({"title": s["name"], "type": "lsphome",
                                                   "outputs": ["HTML", "Atom", "Calendar", "OpenData"]}))
        write(os.path.join(c, "members", "_index.md"), front({"title": "Members", "type": "members"}))
        for i, m in enumerate(s["members"]):
            fm = {"title": m["name"], "type": "members", "weight": i + 1,
                  "honorific": m["honorific"] or None}
            fm.update({k: m[k] for k in ("role", "organisation", "sector", "represents", "photo",
                                         "photo_alt", "appointed", "term_ends", "boards", "interests")})
            write(os.path.join(c, "members", m["id"] + ".md"), front(fm, m["bio"] + "\n"))
        boards = dict(BOARDS)
        write(os.path.join(c, "meetings", "_index.md"), front({"title": "Meetings", "type": "meetings"}))
        for i, m in enumerate(s["meetings"]):
            fm = {"title": m["title"], "type": "meetings", "weight": i + 1, "day": m["date"],
                  "boardname": boards[m["board"]] if m["board"] else s["short_name"]}
            fm.update({k: m.get(k) for k in ("start", "end", "venue", "public", "status",
                                             "agenda", "minutes", "papers")})
            write(os.path.join(c, "meetings", m["id"] + ".md"), front(fm, m["summary"] + "\n"))
        write(os.path.join(c, "news", "_index.md"), front({"title": "News", "type": "news"}))
        for n in s["news"]:
            write(os.path.join(c, "news", n["name"] + ".md"),
                  front({"title": n["title"], "type": "news", "date": n["date"], "summary": n["summary"]},
                        n["body"]))
        for name, title, typ in [("documents", "Documents", "documents"), ("performance", "Performance", "performance"),
                                 ("events", "Events", "events"), ("how-we-work", "How we work", "howwework"),
                                 ("contact", "Contact us", "contact"), ("jargon", "Jargon buster", "jargon"),
                                 ("accessibility", "Accessibility statement", "accessibility")]:
            write(os.path.join(c, name + ".md"), front({"title": title, "type": typ}))
        write(os.path.join(c, "404.md"), front({"title": "Page not found", "type": "notfound",
                                                "url": f"/{slug}/404.html"}))
        for p in s["pages"]:
            write(os.path.join(c, p["name"] + ".md"),
                  front({"title": p["title"], "type": "page", "summary": p["summary"],
                         "updated": "2009-02-01"}, p["body"] + "\n"))
        st = os.path.join(root, "static", slug)
        for rel, data in asset_files(s):
            write(os.path.join(st, rel), data)
        for f in os.listdir(theme):
            write(os.path.join(st, "theme", f), open(os.path.join(theme, f), "rb").read())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=20000,
                    help="about how many .html pages lspgen writes in all (default 20000)")
    ap.add_argument("--seed", type=int, default=2009)
    ap.add_argument("--sites", type=int, default=0,
                    help="number of partnerships (default: one per ~2,000 pages)")
    ap.add_argument("--no-hugo", action="store_true", help="write only the lspgen sites")
    a = ap.parse_args()
    if a.pages < 100:
        ap.error("--pages must be at least 100")
    sites = make_region(a.pages, a.seed, a.sites)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    for s in sites:
        write_lspgen_site(os.path.join(a.out, "lspgen"), s)
    if not a.no_hugo:
        write_hugo(os.path.join(a.out, "hugo"), sites)
    expected = sum(FIXED_PAGES + len(s["members"]) + len(s["meetings"]) + len(s["news"]) for s in sites)
    info = {"pages": a.pages, "seed": a.seed, "sites": [
        {"slug": s["slug"], "members": len(s["members"]), "meetings": len(s["meetings"]),
         "news": len(s["news"]), "documents": len(s["documents"])} for s in sites],
        "expected_lspgen_html": expected}
    write(os.path.join(a.out, "region.json"), json.dumps(info, indent=1) + "\n")
    print(f"make_region: {len(sites)} sites, {expected} pages expected "
          f"({sites[0]['members'].__len__()} members, {len(sites[0]['meetings'])} meetings, "
          f"{len(sites[0]['news'])} news items each) in {a.out}")


if __name__ == "__main__":
    sys.exit(main())
