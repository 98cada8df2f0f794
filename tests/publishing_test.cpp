// Publishing: placeholder text (TODO markers, reserved example contacts) is
// never published unless the site says it is a draft or an example, which
// every page then shows; the site map; the honest accessibility statement.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

const std::string kToday = "2009-03-01";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

/// The 1-based number of the first line of `file` that holds `text`.
int line_of(const fs::path& file, const std::string& text) {
    std::istringstream in(read_file(file));
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (contains(line, text)) return n;
    }
    FAIL("no line holds " << text);
    return 0;
}

/// The audit's outcome of one item.
std::string audit_outcome(const fs::path& site, const std::string& id) {
    const RunResult audit =
        run_lspgen({"audit", site.string(), "--format", "json", "--now", kToday});
    REQUIRE(audit.exit_code == 0);
    const auto report = nlohmann::json::parse(audit.out);
    for (const auto& item : report["items"]) {
        if (item["id"] == id) return item["outcome"].get<std::string>();
    }
    FAIL("no audit item " << id);
    return "";
}

// A site with real-looking contact details: nothing reserved in it.
const char* const kRealSite =
    "name: Casefield Partnership\n"
    "area: Casefield\n"
    "summary: A fictional partnership for testing.\n"
    "contact:\n"
    "  email: lsp@casefield.gov.uk\n"
    "  phone: 01962 840664\n";

}  // namespace

TEST_CASE("placeholders: a new site is a draft, says so on every page, and checks out") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday}).exit_code == 0);
    CHECK(contains(read_file(site / "site.yaml"), "\nstatus: draft\n"));
    const RunResult built =
        run_lspgen({"build", site.string(), "-o", (tmp / "out").string(), "--now", kToday});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(run_lspgen({"check", (tmp / "out").string()}).exit_code == 0);
    for (const char* page : {"index.html", "members/index.html", "members/chair/index.html",
                             "accessibility/index.html", "site-map/index.html", "404.html"}) {
        INFO(page);
        const std::string html = read_file(tmp / "out" / page);
        CHECK(contains(html,
                       "<strong class=\"phase-banner__tag\">Draft – not yet "
                       "published</strong>"));
        CHECK_FALSE(contains(html, "Example site"));
    }
    // The audit counts the placeholders as not yet done.
    CHECK(audit_outcome(site, "placeholders") == "not-met");
}

TEST_CASE("placeholders: without the draft flag, the build fails at each placeholder") {
    TempDir tmp;
    const fs::path site = tmp / "examplefield";
    REQUIRE(run_lspgen({"new", site.string(), "--now", kToday}).exit_code == 0);
    const fs::path out = tmp / "out";
    REQUIRE(run_lspgen({"build", site.string(), "-o", out.string(), "--now", kToday}).exit_code ==
            0);
    const auto published = snapshot(out);

    std::string yaml = read_file(site / "site.yaml");
    yaml.replace(yaml.find("\nstatus: draft\n"), 14, "\n");
    write_file(site / "site.yaml", yaml);
    const RunResult refused =
        run_lspgen({"build", site.string(), "-o", out.string(), "--now", kToday});
    CHECK(refused.exit_code == 1);
    const std::string display = (site / "site.yaml").string();
    const int phone = line_of(site / "site.yaml", "  phone: 01632 960000");
    CHECK(contains(refused.err,
                   display + ":" + std::to_string(phone) +
                       ":10: error: '01632 960000' is a telephone number Ofcom reserves for TV "
                       "and radio drama: replace it before the site is published (while it is "
                       "not ready, say 'status: draft' in site.yaml)\n" +
                       std::string(phone < 100 ? "   " : "  ") + std::to_string(phone) +
                       " |   phone: 01632 960000\n"
                       "      |          ^~~~~~~~~~~~\n"));
    const int email = line_of(site / "site.yaml", "  email: lsp@example.org");
    CHECK(contains(refused.err, display + ":" + std::to_string(email) +
                                    ":14: error: 'example.org' is a domain reserved for "
                                    "examples (RFC 2606)"));
    const int county = line_of(site / "site.yaml", "county: \"County (TODO)\"");
    CHECK(contains(refused.err, display + ":" + std::to_string(county) +
                                    ":18: error: 'TODO' is a TODO marker left by `lspgen new`"));
    // Every file's placeholders, not only site.yaml's; none from comments.
    for (const char* file : {"members.yaml", "meetings.yaml", "documents.yaml", "events.yaml",
                             "pages/about.md", "news/2009-03-01-our-new-website.md"}) {
        INFO(file);
        CHECK(contains(refused.err, (site / file).string() + ":"));
    }
    const int comment = line_of(site / "members.yaml", "# TODO: add a photo");
    CHECK_FALSE(contains(refused.err,
                         (site / "members.yaml").string() + ":" + std::to_string(comment) + ":"));
    // The published site is left as it was.
    CHECK(snapshot(out) == published);
}

TEST_CASE("placeholders: a published site with real details builds without a banner") {
    TempDir tmp;
    write_file(tmp / "site/site.yaml", kRealSite);
    const RunResult built = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", kToday});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK_FALSE(contains(read_file(tmp / "out/index.html"), "phase-banner"));
    CHECK(audit_outcome(tmp / "site", "placeholders") == "met");

    SECTION("a placeholder in a page's Markdown is found at its line") {
        write_file(tmp / "site/pages/about.md",
                   "---\ntitle: About\n---\nFirst line.\n\nCall 020 7946 0999 today.\n");
        const RunResult refused = run_lspgen(
            {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", kToday});
        CHECK(refused.exit_code == 1);
        CHECK(contains(refused.err, (tmp / "site/pages/about.md").string() +
                                        ":6:6: error: '020 7946 0999' is a telephone number"));
    }
    SECTION("status: example publishes it with the Example site banner") {
        write_file(tmp / "site/site.yaml",
                   std::string(kRealSite) + "status: example\nbase_url: https://example.net/\n");
        REQUIRE(run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                            kToday})
                    .exit_code == 0);
        CHECK(contains(read_file(tmp / "out/index.html"),
                       "<strong class=\"phase-banner__tag\">Example site</strong>"));
        CHECK(audit_outcome(tmp / "site", "placeholders") == "not-met");
    }
}

TEST_CASE("placeholders: every example site declares itself an example and shows the banner") {
    TempDir tmp;
    std::vector<std::string> args = {"build"};
    for (const char* name : {"spelthorne", "luton-forum", "tonbridge-malling", "south-east-ptp"}) {
        INFO(name);
        const fs::path site = source_dir() / "sites" / name;
        CHECK(contains(read_file(site / "site.yaml"), "\nstatus: example\n"));
        args.push_back(site.string());
    }
    args.insert(args.end(), {"-o", (tmp / "out").string(), "--now", kToday, "-q"});
    const RunResult built = run_lspgen(args);
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    for (const char* page :
         {"spelthorne/index.html", "luton-forum/members/index.html",
          "tonbridge-malling/jargon/index.html", "south-east-ptp/partnerships/index.html"}) {
        INFO(page);
        CHECK(contains(read_file(tmp / "out" / page),
                       "<strong class=\"phase-banner__tag\">Example site</strong>"));
    }
    // The hub names a partnership's folder from the hub, never where the
    // build machine keeps it, and says a link opens a PDF.
    const std::string partnership =
        read_file(tmp / "out/south-east-ptp/partnerships/spelthorne/index.html");
    CHECK(contains(partnership, "The partnership's lspgen site (../spelthorne)"));
    CHECK_FALSE(contains(partnership, source_dir().string()));
    CHECK(contains(partnership,
                   "Spelthorne Community Plan (Sustainable Community Strategy) "
                   "(PDF)</a>"));
}

TEST_CASE("site map: lists every page sitemap.xml lists, and every footer links to it") {
    TempDir tmp;
    const fs::path out = tmp / "out";
    const RunResult built = run_lspgen({"build", (source_dir() / "sites/spelthorne").string(), "-o",
                                        out.string(), "--now", kToday, "-q"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    const std::string site_map = read_file(out / "site-map/index.html");
    const std::string xml = read_file(out / "sitemap.xml");
    const std::regex loc("<loc>https://lspgen\\.example\\.org/spelthorne/([^<]*)</loc>");
    int pages = 0;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), loc); it != std::sregex_iterator();
         ++it) {
        const std::string path = (*it)[1].str() + "index.html";
        INFO(path);
        CHECK(fs::is_regular_file(out / path));
        if (path != "site-map/index.html") {
            CHECK(contains(site_map, "<a href=\"../" + path + "\">"));
        }
        ++pages;
    }
    CHECK(pages > 30);
    CHECK(contains(site_map, "<h1 class=\"page-title\">Site map</h1>"));
    CHECK(contains(site_map,
                   "<a href=\"../meetings/lsp-executive-2007-05-21/index.html\">LSP "
                   "Executive, 21 May 2007</a>"));
    CHECK(contains(read_file(out / "index.html"),
                   "<li><a href=\"site-map/index.html\">Site map</a></li>"));
    CHECK(contains(read_file(out / "members/nick-dunkley/index.html"),
                   "<li><a href=\"../../site-map/index.html\">Site map</a></li>"));
}

TEST_CASE("navigation: the page itself is aria-current=page, its section aria-current=true") {
    TempDir tmp;
    const fs::path out = tmp / "out";
    REQUIRE(run_lspgen({"build", (source_dir() / "sites/spelthorne").string(), "-o", out.string(),
                        "--now", kToday, "-q"})
                .exit_code == 0);
    CHECK(contains(read_file(out / "members/index.html"),
                   "<a class=\"site-nav__link\" href=\"../members/index.html\" "
                   "aria-current=\"page\">Members</a>"));
    const std::string member = read_file(out / "members/nick-dunkley/index.html");
    CHECK(contains(member,
                   "<a class=\"site-nav__link\" href=\"../../members/index.html\" "
                   "aria-current=\"true\">Members</a>"));
    CHECK_FALSE(contains(member, "aria-current=\"page\""));
}

TEST_CASE("members: a decorative placeholder photo has an empty alt") {
    TempDir tmp;
    write_file(tmp / "site/site.yaml", kRealSite);
    write_file(tmp / "site/assets/jo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(tmp / "site/members.yaml",
               "- id: jo-sample\n  name: Jo Sample\n  role: Member\n"
               "  organisation: Casefield Council\n  photo: assets/jo.svg\n  photo_alt: \"\"\n");
    const RunResult built = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", kToday});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    CHECK(contains(read_file(tmp / "out/members/index.html"),
                   "<img class=\"member-card__photo\" src=\"../assets/jo.svg\" alt=\"\""));
}
