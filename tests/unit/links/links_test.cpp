#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <sstream>

#include "links/html_links.hpp"
#include "links/internal_check.hpp"
#include "links/report.hpp"
#include "links/url.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::links;
using namespace lspgen::test;
namespace fs = std::filesystem;

TEST_CASE("links: relative links resolve against the page the way browsers do") {
    auto t = resolve("members/jo/index.html", "../sam/index.html#bio");
    CHECK(t.kind == Target::Kind::internal);
    CHECK(t.path == "members/sam/index.html");
    CHECK(t.fragment == "bio");
    CHECK(resolve("members/jo/index.html", "/documents/").path == "documents/");
    CHECK(resolve("a/index.html", "caf%C3%A9.pdf?download=1").path == "a/café.pdf");
    CHECK(resolve("a/index.html", "#x%20y").fragment == "x y");
    CHECK(resolve("a/index.html", "#x").kind == Target::Kind::same_page);
    CHECK(resolve("a/index.html", "../../up.html").escapes_root);
    CHECK(resolve("a/index.html", "https://www.example.org/x#y").kind == Target::Kind::external);
    CHECK(resolve("a/index.html", "https://www.example.org/x#y").url ==
          "https://www.example.org/x");
    CHECK(resolve("a/index.html", "//cdn.example.org/s.css").kind == Target::Kind::external);
    CHECK(resolve("a/index.html", "mailto:a@example.org").kind == Target::Kind::mail);
    CHECK(resolve("a/index.html", "tel:+441632960001").kind == Target::Kind::phone);
    CHECK(resolve("a/index.html", " JavaScript:alert(1)").kind == Target::Kind::unsafe);
    CHECK(resolve("a/index.html", "webcal://x.example/c.ics").kind == Target::Kind::other);
}

TEST_CASE("links: the resolver with a memory gives what resolve() gives, link for link") {
    const std::vector<std::string> pages = {
        "index.html",     "a/index.html",      "a/b/index.html",    "a/b/c/p.html",
        "x/b/index.html", "a b/#?/index.html", "%2e%2e/index.html", "a/b/c/d/e/f.html",
        "a/./index.html", "a//b/index.html",   "a/b/other.html"};
    const std::vector<std::string> hrefs = {"x.html",
                                            "../x.html",
                                            "../../x.html",
                                            "../../../../../../x",
                                            "../a/../../y#f",
                                            "../%2e%2e/z",
                                            "/root.html",
                                            "/../up.html",
                                            "//h.example/x",
                                            "?q",
                                            "#f",
                                            "",
                                            "../",
                                            "..",
                                            "./x",
                                            "a:b",
                                            "../a:b",
                                            "x/../../y",
                                            "-x",
                                            "_y?q#f",
                                            "../x y",
                                            "caf%C3%A9.pdf",
                                            "../..%2fz",
                                            "mailto:a@b.example",
                                            "../\tx",
                                            "b/index.html",
                                            "../b/c/p.html#top",
                                            "https://e.example/../x#y",
                                            "x\\y",
                                            "../../"};
    LinkResolver memory;
    // Twice over, so the second round is answered from memory.
    for (int round = 0; round < 2; ++round) {
        for (const auto& page : pages) {
            for (const auto& href : hrefs) {
                INFO(page << " + " << href);
                const Target& remembered = memory.resolve(page, href);
                const Target fresh = resolve(page, href);
                CHECK(static_cast<int>(remembered.kind) == static_cast<int>(fresh.kind));
                CHECK(remembered.path == fresh.path);
                CHECK(remembered.fragment == fresh.fragment);
                CHECK(remembered.url == fresh.url);
                CHECK(remembered.escapes_root == fresh.escapes_root);
            }
        }
    }
    CHECK(memory.resolved() == 2 * pages.size() * hrefs.size());

    // The memory answers for the same link from the same folder, however
    // the page reached it: "../x.html" from a/b/ is "x.html" from a/.
    LinkResolver fresh;
    CHECK(fresh.resolve("a/b/index.html", "../x.html").path == "a/x.html");
    CHECK(fresh.remembered() == 0);
    CHECK(fresh.resolve("a/c/index.html", "../x.html").path == "a/x.html");
    CHECK(fresh.resolve("a/b/c/p.html", "../../x.html").path == "a/x.html");
    CHECK(fresh.remembered() == 2);
    // A plain link is resolved afresh: that is quicker than the memory.
    CHECK(fresh.resolve("a/index.html", "x.html").path == "a/x.html");
    CHECK(fresh.remembered() == 2);
    // Not from another folder, nor a link it cannot hold.
    CHECK(fresh.resolve("b/index.html", "x.html").path == "b/x.html");
    CHECK(fresh.resolve("a/index.html", "#f").kind == Target::Kind::same_page);
    CHECK(fresh.resolve("a/index.html", "#f").kind == Target::Kind::same_page);
    CHECK(fresh.remembered() == 2);
    // From the top, the same from any page.
    CHECK(fresh.resolve("a/b/index.html", "/y.html").path == "y.html");
    CHECK(fresh.resolve("c/index.html", "/y.html").path == "y.html");
    CHECK(fresh.remembered() == 3);
}

TEST_CASE("links: a plain relative link, resolved without the URL parser, agrees with it") {
    // "./" in front sends a link through curl's URL parser; without it a
    // plain link ("a/b.html") takes the short way. Both must agree.
    const std::vector<std::string> pages = {
        "index.html",        "a/index.html",   "a/b/c/p.html",    "a b/#?/index.html",
        "%2e%2e/index.html", "a/./index.html", "a//b/index.html", "~x/y-z_1.2/p.html"};
    const std::vector<std::string> hrefs = {
        "x.html", "x/",     "a/b/c.html", "x/y/", "...",      "a.b/c~d-e", "x_1.pdf", "x//y",
        "x/./y",  "x/../y", "x/..",       "x/.",  "x.html#f", "x?q",       "x%41",    "x y"};
    for (const auto& page : pages) {
        for (const auto& href : hrefs) {
            INFO(page << " + " << href);
            const Target plain = resolve(page, href);
            const Target parsed = resolve(page, "./" + href);
            CHECK(static_cast<int>(plain.kind) == static_cast<int>(parsed.kind));
            CHECK(plain.path == parsed.path);
            CHECK(plain.fragment == parsed.fragment);
            CHECK(plain.escapes_root == parsed.escapes_root);
        }
    }
    CHECK(resolve("a/b/c/p.html", "x/y.html").path == "a/b/c/x/y.html");
    CHECK(resolve("p.html", "x/").path == "x/");
}

TEST_CASE("links: extraction reads odd markup the way a browser does") {
    const HtmlPage page = extract_links(
        "<p>unclosed <a href=one.html>one<a href='two.html' name=two>two"
        "<img src=a.png srcset='b.png 2x, c.png 3x'><img src=d.png alt=''>"
        "<div id=box><video poster=p.jpg></video>"
        "<template><a href=hidden.html>no</a></template><a>no href</a>");
    std::vector<std::string> urls;
    for (const auto& l : page.links) urls.push_back(l.url);
    CHECK(urls == std::vector<std::string>{"one.html", "two.html", "a.png", "b.png", "c.png",
                                           "d.png", "p.jpg"});
    CHECK(page.anchors == std::set<std::string>{"two", "box"});
    // The first <img> has no alt; the <video> has no src and no <source>.
    REQUIRE(page.element_problems.size() == 2);
    CHECK(page.element_problems[0].kind == ElementProblem::Kind::no_alt);
    CHECK(page.element_problems[0].src == "a.png");
    CHECK(page.element_problems[1].kind == ElementProblem::Kind::no_source);
    CHECK(page.element_problems[1].tag == "video");
    CHECK(page.links[0].line == 1);
}

namespace {

// A small tree with one of each kind of problem.
void write_tree(const fs::path& root) {
    write_file(root / "index.html",
               "<!DOCTYPE html><title>t</title>\n"
               "<a href=\"members/index.html\">ok</a>\n"
               "<a href=\"members/index.html#chair\">ok fragment</a>\n"
               "<a href=\"members/index.html#nobody\">bad fragment</a>\n"
               "<a href=\"missing.html\">missing</a>\n"
               "<a href=\"members\">folder without slash</a>\n"
               "<a href=\"#\">placeholder</a> <a href=\"#top\">top</a>\n"
               "<a href=\"report%201.pdf?v=2\">encoded</a>\n"
               "<a href=\"https://www.example.org/\">external</a>\n"
               "<img src=\"logo.png\">\n");
    write_file(root / "members" / "index.html",
               "<!DOCTYPE html><title>m</title><h2 id=\"chair\">Chair</h2>"
               "<a href=\"../../outside.html\">up</a><a href=\"javascript:alert(1)\">js</a>");
    write_file(root / "report 1.pdf", "%PDF");
    write_file(root / "logo.png", "png");
}

}  // namespace

TEST_CASE("links: the checker finds every broken link and fragment and reports each once") {
    TempDir tmp;
    write_tree(tmp.path());
    const CheckResult result = check_internal(DiskTree(tmp.path()));
    std::vector<std::string> found;
    for (const auto& f : result.findings) {
        found.push_back(f.where.path + ":" + std::to_string(f.where.line) + " " +
                        (f.severity == Severity::error ? "E " : "W ") + f.subject + " " +
                        f.message);
    }
    CHECK(found ==
          std::vector<std::string>{
              "index.html:4 E members/index.html#nobody no element with id 'nobody' in "
              "members/index.html",
              "index.html:5 E missing.html no such file: missing.html",
              "index.html:6 W members links to a folder without a trailing slash; link to "
              "'members/index.html' so it works from disk too",
              "index.html:10 E logo.png image has no alt attribute (use alt=\"\" for a "
              "decorative image)",
              "members/index.html:1 E ../../outside.html goes above the top of the site",
              "members/index.html:1 E javascript:alert(1) unsafe link scheme javascript:"});
    CHECK(result.pages == 2);
    CHECK(result.external_links == 1);
    CHECK(result.has_errors());
}

TEST_CASE("links: json and junit reports parse and github annotations name file and line") {
    TempDir tmp;
    write_tree(tmp.path());
    const CheckResult result = check_internal(DiskTree(tmp.path()));

    std::ostringstream json_out;
    write_report(result, report::Format::json, "public/", json_out);
    const auto json = nlohmann::json::parse(json_out.str());
    CHECK(json["errors"] == 5);
    CHECK(json["warnings"] == 1);
    CHECK(json["findings"][0]["file"] == "public/index.html");

    std::ostringstream junit_out;
    write_report(result, report::Format::junit, "public/", junit_out);
    pugi::xml_document junit;
    REQUIRE(junit.load_string(junit_out.str().c_str()));
    const auto suite = junit.child("testsuites").child("testsuite");
    CHECK(suite.attribute("failures").as_int() == 2);
    CHECK(std::string(suite.child("testcase").attribute("name").value()) == "public/index.html");

    std::ostringstream github_out;
    write_report(result, report::Format::github, "public/", github_out);
    CHECK_THAT(
        github_out.str(),
        Catch::StartsWith("::error file=public/index.html,line=4,col=9,title=broken link::"));
}

TEST_CASE("links: encoded dots and doubled slashes cannot take a link out of the tree") {
    CHECK(resolve("a/b/index.html", "%2e%2e/%2E%2e/%2e%2e/etc/passwd").escapes_root);
    CHECK(resolve("a/index.html", "..%2f..%2fetc/passwd").escapes_root);
    CHECK(resolve("a/b/index.html", "%2e%2e/x.html").path == "a/x.html");
    const Target doubled = resolve("index.html", "a/..//etc/passwd");
    CHECK(doubled.kind == Target::Kind::internal);
    CHECK(doubled.path == "etc/passwd");  // inside the tree, not /etc/passwd
    CHECK(resolve("index.html", "x%00y").kind == Target::Kind::invalid);
}

TEST_CASE(
    "links: a page in a folder whose name holds a space or a hash or a percent sign resolves") {
    for (const std::string folder : {"my docs", "a#b", "a?b", "100%", "tab\there"}) {
        INFO(folder);
        const Target t = resolve(folder + "/index.html", "report.pdf");
        CHECK(t.kind == Target::Kind::internal);
        CHECK(t.path == folder + "/report.pdf");
    }
}

TEST_CASE("links: an attribute written without a value is placed at its name") {
    const HtmlPage page = extract_links("<p>\n  <a href>x</a>");
    REQUIRE(page.links.size() == 1);
    CHECK(page.links[0].url.empty());
    CHECK(page.links[0].line == 2);
    CHECK(page.links[0].column == 6);
}

TEST_CASE(
    "links: ESC and a C1 CSI in a page's file name and in an href print escaped in the "
    "human report, and the json, junit and github reports stay valid") {
    // HTML5 reads a raw control character in an attribute as U+FFFD, but a
    // percent-encoded one names a file, and a file name may hold any byte.
    TempDir tmp;
    const std::string page = "\x1b]0;owned\x07.html";
    write_file(tmp / page,
               "<!DOCTYPE html><title>t</title>\n<a href=\"%1B[2J%C2%9B1m.html\">x</a>"
               "<a href=\"\x1b[2J\">y</a>\n");
    const CheckResult result = check_internal(DiskTree(tmp.path()));
    REQUIRE(result.findings.size() == 2);
    CHECK(result.findings[0].message ==
          "no such file: \x1b[2J\xc2\x9b"
          "1m.html");
    CHECK(result.findings[1].subject == "\xef\xbf\xbd[2J");

    std::ostringstream human;
    write_report(result, report::Format::human, "public/", human);
    CHECK(human.str() ==
          "public/\\x1b]0;owned\\x07.html\n"
          "  2:9: error: '%1B[2J%C2%9B1m.html': no such file: \\x1b[2J\\u009b1m.html\n"
          "  2:44: error: '\xef\xbf\xbd[2J': no such file: \xef\xbf\xbd[2J\n"
          "checked 2 links on 1 page: 2 errors, 0 warnings\n");

    std::ostringstream json_out;
    write_report(result, report::Format::json, "public/", json_out);
    CHECK(json_out.str().find('\x1b') == std::string::npos);  // written \u001b
    CHECK(nlohmann::json::parse(json_out.str())["findings"][0]["file"] == "public/" + page);

    std::ostringstream junit_out;
    write_report(result, report::Format::junit, "public/", junit_out);
    // XML 1.0 allows no ESC, not even as &#27;.
    CHECK(junit_out.str().find('\x1b') == std::string::npos);
    CHECK(junit_out.str().find("&#27;") == std::string::npos);
    pugi::xml_document junit;
    REQUIRE(junit.load_string(junit_out.str().c_str()));
    const auto testcase = junit.child("testsuites").child("testsuite").child("testcase");
    CHECK(std::string(testcase.attribute("name").value()) == "public/\\x1b]0;owned\\x07.html");
    CHECK_THAT(testcase.child_value("failure"),
               Catch::Contains("no such file: \\x1b[2J\\u009b1m.html"));

    std::ostringstream github_out;
    write_report(result, report::Format::github, "public/", github_out);
    CHECK(github_out.str().find('\x1b') == std::string::npos);
    CHECK_THAT(github_out.str(),
               Catch::StartsWith("::error file=public/\\x1b]0;owned\\x07.html,line=2,col=9,"));
}

TEST_CASE("links: a json report of a page whose file name is not UTF-8 is still written") {
    CheckResult result;
    result.pages = 1;
    result.findings.push_back(
        finding(Severity::error, "caf\xe9.html", 1, 1, "x.html", "no such file: x.html"));
    std::ostringstream json_out;
    write_report(result, report::Format::json, "public/", json_out);
    CHECK(nlohmann::json::parse(json_out.str())["findings"][0]["file"] ==
          "public/caf\xef\xbf\xbd.html");
}
