// Escaping, as a property: `<script>&"',;` in every text field of every data
// kind never reaches a page, the feed, the calendar, the sitemap, data.json
// or a JSON-LD block as markup; and a javascript: URL in any URL field is
// refused, never published.
//
// The fields come from lspgen itself, not from a list here: a site with an
// unknown key in every kind makes lspgen print, for each kind, "the fields
// are: …", the keys its reader asks for. Every field is then given the text,
// except those the table kNotText names (ids, dates, URLs, Markdown…). So a
// new text field is covered without touching this file, and a new field
// that is not text fails the build here until the table says what to put in
// it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "escaping_checks.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

/// Special values: "@md" Markdown (given the text with its '<' escaped for
/// Markdown, which refuses a raw <script> tag), "@list" a list of the text,
/// "@record:KIND" and "@records:KIND" a nested record or list of records,
/// "@url" a URL (a javascript: one is tried too), "@phone" a phone number
/// followed by the text, "" left out.
struct NotText {
    const char* kind;
    const char* field;
    const char* value;
};

const NotText kNotText[] = {
    {"site.yaml", "kind", ""},
    {"site.yaml", "status", "example"},
    {"site.yaml", "timezone", ""},
    {"site.yaml", "base_url", "@url"},
    {"site.yaml", "theme", ""},
    {"site.yaml", "brand_colour", ""},
    {"site.yaml", "logo", "assets/logo.png"},
    {"site.yaml", "summary", "@md"},
    {"site.yaml", "meetings_public", "true"},
    {"site.yaml", "public_questions", "@md"},
    {"site.yaml", "contact", "@record:contact"},
    {"site.yaml", "independent", "false"},
    {"site.yaml", "governance", "@record:governance"},
    {"site.yaml", "accessibility", "@record:accessibility"},
    {"site.yaml", "key_documents", "[strategy]"},
    {"site.yaml", "regional_glossary", ""},
    {"site.yaml", "jargon_first_use", "link"},
    {"contact", "email", "lsp@example.org"},
    {"contact", "phone", "@phone"},
    {"contact", "url", "@url"},
    {"governance", "membership", "@md"},
    {"governance", "agenda", "@md"},
    {"governance", "decisions", "@md"},
    {"accessibility", "email", "access@example.org"},
    {"accessibility", "phone", "@phone"},
    {"accessibility", "response_days", "10"},
    {"accessibility", "known_issues", "@records:known issue"},
    {"accessibility", "prepared", "2009-01-05"},
    {"accessibility", "reviewed", "2009-02-05"},
    {"accessibility", "audit", "@record:audit"},
    {"audit", "date", "2009-01-10"},
    {"audit", "result", "partially-compliant"},
    {"audit", "method", "@md"},
    {"known issue", "issue", "@md"},
    {"known issue", "reason", ""},
    {"known issue", "fix_by", "2009-06-01"},
    {"member", "id", "jo-sample"},
    {"member", "role", "Chair"},
    {"member", "sector", "public"},
    {"member", "photo", "assets/jo.jpg"},
    {"member", "bio", "@md"},
    {"member", "appointed", "2008-01-01"},
    {"member", "term_ends", "2010-12-31"},
    {"member", "boards", "[partnership-board]"},
    {"member", "interests", "@list"},
    {"board", "id", "partnership-board"},
    {"board", "remit", "@md"},
    {"board", "chair", "jo-sample"},
    {"document", "id", "strategy"},
    {"document", "type", "sustainable-community-strategy"},
    {"document", "file", "assets/strategy.pdf"},
    {"document", "url", "@url"},  // left out of the site: a document has a file or a URL
    {"document", "published", "2008-06-01"},
    {"document", "summary", "@md"},
    {"meeting", "id", "board-2009-04"},
    {"meeting", "board", "partnership-board"},
    {"meeting", "date", "2009-04-16"},
    {"meeting", "start", "18:00"},
    {"meeting", "end", "20:00"},
    {"meeting", "public", "true"},
    {"meeting", "status", ""},
    {"meeting", "summary", "@md"},
    {"meeting", "agenda", "@record:'agenda'"},
    {"meeting", "minutes", "@record:'minutes'"},
    {"meeting", "papers", "@records:paper"},
    {"meeting", "attended", "[jo-sample]"},
    {"meeting", "apologies", ""},
    {"meeting", "decisions", "@records:decision"},
    {"decision", "paper", ""},
    {"'agenda'", "file", ""},
    {"'agenda'", "url", "@url"},  // left out: the agenda is a document
    {"'agenda'", "document", "strategy"},
    {"'minutes'", "file", ""},
    {"'minutes'", "url", "@url"},
    {"'minutes'", "document", ""},
    {"paper", "file", ""},
    {"paper", "url", "@url"},
    {"paper", "document", ""},
    {"event", "id", "open-day"},
    {"event", "date", "2009-03-20"},
    {"event", "start", "10:00"},
    {"event", "end", "12:00"},
    {"event", "description", "@md"},
    {"event", "booking_email", "events@example.org"},
    {"event", "booking_url", "@url"},
    {"event", "cancelled", "false"},
    {"indicator", "direction", "higher-is-better"},
    {"indicator", "baseline", "@record:baseline"},
    {"indicator", "target", "@record:target"},
    {"indicator", "results", "@records:result"},
    {"indicator", "note", "@md"},
    {"indicator", "status", ""},
    {"baseline", "value", "10"},
    {"target", "value", "20"},
    {"result", "value", "15"},
    {"term", "definition", "@md"},
    {"term", "see_also", "[Zyxwv]"},
    {"term", "abbreviation", "true"},
    {"term", "match", "true"},
    {"page", "menu", "1"},
    {"page", "updated", "2009-02-01"},
    {"news", "date", "2009-02-10"}};

/// Where a URL field is left out of the site (it excludes another field).
bool left_out(const std::string& kind, const std::string& field) {
    return (kind == "document" && field == "url") || (kind == "'agenda'" && field == "url");
}

const NotText* not_text(const std::string& kind, const std::string& field) {
    for (const auto& n : kNotText) {
        if (kind == n.kind && field == n.field) return &n;
    }
    return nullptr;
}

/// "member-name": what follows the hostile text in a field, to name it.
std::string tag(const std::string& kind, const std::string& field) {
    std::string t = "T" + kind + "-" + field;
    for (char& c : t) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
    }
    return t;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

using FieldsOf = std::map<std::string, std::vector<std::string>>;

/// A site with one record of each kind, each with the key 'zzq' that no
/// reader knows; lspgen's diagnostics then list each kind's fields.
void write_probe_site(const fs::path& site) {
    write_file(site / "site.yaml",
               "name: X\narea: Y\nsummary: Z\nzzq: 1\n"
               "contact: {email: a@example.org, zzq: 1}\n"
               "governance: {zzq: 1}\n"
               "accessibility: {zzq: 1, known_issues: [{issue: x, zzq: 1}],"
               " audit: {date: 2009-01-10, by: B, result: not-compliant, zzq: 1}}\n");
    write_file(site / "members.yaml", "- {id: a, name: A, role: Chair, organisation: O, zzq: 1}\n");
    write_file(site / "boards.yaml", "- {id: b, name: B, zzq: 1}\n");
    write_file(site / "meetings.yaml",
               "- {id: m, title: T, date: 2009-04-01, zzq: 1,"
               " agenda: {url: 'https://x.example/', zzq: 1},"
               " minutes: {url: 'https://x.example/', zzq: 1},"
               " papers: [{title: P, url: 'https://x.example/', zzq: 1}],"
               " decisions: [{text: D, zzq: 1}]}\n");
    write_file(site / "documents.yaml",
               "- {id: d, type: other, title: T, url: 'https://x.example/', zzq: 1}\n");
    write_file(site / "events.yaml", "- {id: e, title: T, date: 2009-04-01, zzq: 1}\n");
    write_file(site / "indicators.yaml",
               "- {code: C, title: T, direction: higher-is-better, zzq: 1,"
               " baseline: {period: a, value: 1, zzq: 1}, target: {period: b, value: 2, zzq: 1},"
               " results: [{period: c, value: 3, zzq: 1}]}\n");
    write_file(site / "glossary.yaml", "- {term: T, expansion: E, definition: D, zzq: 1}\n");
    write_file(site / "pages" / "p.md", "---\ntitle: T\nzzq: 1\n---\nx\n");
    write_file(site / "news" / "n.md",
               "---\ntitle: T\ndate: 2009-01-01\nsummary: s\nzzq: 1\n---\nx\n");
}

FieldsOf fields_of_every_kind(const fs::path& tmp) {
    write_probe_site(tmp / "probe");
    const RunResult run =
        run_lspgen({"build", (tmp / "probe").string(), "-o", (tmp / "probe-out").string()});
    REQUIRE(run.exit_code == 1);
    FieldsOf fields;
    const std::regex line(
        R"(^(\S+):\d+:\d+: error: unknown field 'zzq' in (.+); the fields are: (.+)$)");
    std::istringstream err(run.err);
    for (std::string text; std::getline(err, text);) {
        std::smatch m;
        if (!std::regex_match(text, m, line)) continue;
        std::string kind = m[2];
        if (kind == "the front matter")
            kind = m[1].str().find("/news/") != std::string::npos ? "news" : "page";
        std::istringstream names(m[3]);
        for (std::string name; std::getline(names, name, ',');) {
            fields[kind].push_back(name.substr(name.find_first_not_of(' ')));
        }
    }
    return fields;
}

/// One record of `kind` as a YAML flow mapping; `javascript` names the URL
/// field (kind.field) that gets a javascript: URL instead.
std::string record(const FieldsOf& fields, const std::string& kind,
                   const std::string& javascript = "") {
    INFO("kind " << kind);
    REQUIRE(fields.count(kind));
    std::string out = "{";
    for (const auto& field : fields.at(kind)) {
        const std::string hostile = kHostile + tag(kind, field);
        std::string value;
        const NotText* special = not_text(kind, field);
        const std::string how = special ? special->value : "";
        if (!special) {
            value = quoted(hostile);
        } else if (how == "@md") {
            value = quoted("\\" + hostile);
        } else if (how == "@phone") {
            value = quoted("01632 960201 " + hostile);
        } else if (how == "@list") {
            value = "[" + quoted(hostile) + ", " + quoted(hostile + "2") + "]";
        } else if (how.rfind("@record:", 0) == 0) {
            value = record(fields, how.substr(8), javascript);
        } else if (how.rfind("@records:", 0) == 0) {
            value = "[" + record(fields, how.substr(9), javascript) + "]";
        } else if (how == "@url") {
            if (javascript == kind + "." + field) {
                value = "\"javascript:alert(document.cookie)\"";
            } else if (!left_out(kind, field)) {
                value = quoted("https://www.example.org/" + tag(kind, field) + "/");
            }
        } else {
            value = how;
        }
        if (!value.empty()) out += (out.size() > 1 ? ", " : "") + field + ": " + value;
    }
    return out + "}";
}

/// The whole site, every field of every kind filled.
void write_site(const FieldsOf& fields, const fs::path& site, const std::string& javascript = "") {
    const std::string site_record = record(fields, "site.yaml", javascript);
    // site.yaml is a mapping, not a list: the record without its braces,
    // one "key: value" a line would need splitting; a flow mapping is YAML too.
    write_file(site / "site.yaml", site_record + "\n");
    write_file(site / "members.yaml", "- " + record(fields, "member", javascript) + "\n");
    write_file(site / "boards.yaml", "- " + record(fields, "board", javascript) + "\n");
    write_file(site / "documents.yaml", "- " + record(fields, "document", javascript) + "\n");
    write_file(site / "meetings.yaml", "- " + record(fields, "meeting", javascript) + "\n");
    write_file(site / "events.yaml", "- " + record(fields, "event", javascript) + "\n");
    write_file(site / "indicators.yaml", "- " + record(fields, "indicator", javascript) + "\n");
    write_file(site / "glossary.yaml",
               "- " + record(fields, "term", javascript) +
                   "\n- {term: Zyxwv, expansion: Zyxwv, definition: Zyxwv}\n");
    const std::string body = "\n\\" + kHostile + "Tbody\n";
    write_file(site / "pages" / "about.md",
               "---\n" + record(fields, "page", javascript) + "\n---\n" + body);
    write_file(site / "news" / "2009-02-10-forum.md",
               "---\n" + record(fields, "news", javascript) + "\n---\n" + body);
    for (const char* asset : {"logo.png", "jo.jpg", "strategy.pdf"}) {
        write_file(site / "assets" / asset, "bytes");
    }
}

}  // namespace

TEST_CASE(
    "escaping: <script>&\"' in every text field of every data kind and front matter reaches no "
    "page, feed, calendar, sitemap, data.json or JSON-LD block as markup") {
    TempDir tmp;
    const FieldsOf fields = fields_of_every_kind(tmp.path());
    // Every kind is there, and the table names only fields that exist.
    for (const char* kind : {"site.yaml", "contact", "governance", "accessibility", "known issue",
                             "member",    "board",   "document",   "meeting",       "'agenda'",
                             "'minutes'", "paper",   "event",      "indicator",     "baseline",
                             "target",    "result",  "term",       "page",          "news"}) {
        INFO("kind " << kind);
        CHECK(fields.count(kind));
    }
    for (const auto& n : kNotText) {
        INFO(n.kind << "." << n.field << " is in kNotText but lspgen has no such field");
        CHECK((fields.count(n.kind) &&
               std::count(fields.at(n.kind).begin(), fields.at(n.kind).end(), n.field)));
    }

    write_site(fields, tmp / "site");
    const fs::path out = tmp / "public";
    const RunResult run =
        run_lspgen({"build", (tmp / "site").string(), "-o", out.string(), "--now", "2009-03-01"});
    INFO("A field that is not text needs a line in kNotText:\n" << run.err);
    REQUIRE(run.exit_code == 0);

    const Findings findings = check_output(out);
    std::string all;
    for (const auto& f : findings) all += f + "\n";
    INFO(findings.size() << " findings:\n" << all);
    CHECK(findings.empty());

    // Not vacuous: each text field's text was published somewhere (its
    // tag), so each was checked.
    std::string published;
    for (const auto& [path, bytes] : snapshot(out)) published += bytes;
    for (const auto& [kind, names] : fields) {
        for (const auto& field : names) {
            const NotText* special = not_text(kind, field);
            const std::string how = special ? special->value : "";
            if (special && how != "@md" && how != "@list" && how != "@phone") {
                continue;
            }
            // A plural is used only to find the term in text.
            if (kind == "term" && (field == "plural" || field == "plural_expansion")) continue;
            INFO(kind << "." << field << " is not published anywhere");
            CHECK(published.find(tag(kind, field)) != std::string::npos);
        }
    }
}

TEST_CASE("escaping: a javascript: URL in any URL field is refused, not published") {
    TempDir tmp;
    const FieldsOf fields = fields_of_every_kind(tmp.path());
    int url_fields = 0;
    for (const auto& n : kNotText) {
        if (std::string(n.value) != "@url") continue;
        ++url_fields;
        const std::string field = std::string(n.kind) + "." + n.field;
        DYNAMIC_SECTION(field) {
            const fs::path site = tmp / ("site-" + tag(n.kind, n.field));
            write_site(fields, site, field);
            const fs::path out = tmp / ("out-" + tag(n.kind, n.field));
            const RunResult run =
                run_lspgen({"build", site.string(), "-o", out.string(), "--now", "2009-03-01"});
            INFO(run.err);
            CHECK(run.exit_code == 1);
            CHECK_THAT(run.err, Catch::Contains("'" + std::string(n.field) +
                                                "' uses a javascript: URL, which is not allowed"));
            CHECK_FALSE(fs::exists(out));
        }
    }
    CHECK(url_fields >= 7);
}
