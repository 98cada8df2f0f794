// The link checker on hostile pages: nesting deep enough to exhaust a
// recursive walk, pages with a great many links, pages it cannot read.
// Each case is a real tree on disk, checked by `lspgen check` or built by
// `lspgen build`, as a user would meet it.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "child_process.hpp"
#include "links/internal_check.hpp"
#include "links/output_tree.hpp"
#include "support.hpp"

using namespace lspgen;
using namespace lspgen::links;
using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

std::string repeated(const std::string& s, size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (size_t i = 0; i < n; ++i) out += s;
    return out;
}

const char* const kHead = "<!DOCTYPE html><html lang=en><title>t</title>\n";

const char* const kTooDeep =
    "error: elements are nested more than 1000 deep here; lspgen does not read a page nested "
    "this deep, so none of its links was checked\n";

}  // namespace

TEST_CASE("links: 25,000 nested blockquotes after CDATA is an error at the page, not a crash") {
    // "<![CDATA[" sends the page past the fast pass to gumbo, whose tree
    // the checker used to walk recursively: 25,000 levels overflowed the stack.
    TempDir tmp;
    write_file(tmp / "public" / "index.html", std::string(kHead) + "<a href=x.html>x</a>\n" +
                                                  "<![CDATA[x]]>\n" +
                                                  repeated("<blockquote>", 25000));
    write_file(tmp / "public" / "x.html", std::string(kHead) + "<a href=nowhere.html>n</a>");
    const RunResult run = run_lspgen({"check", (tmp / "public").string()});
    CHECK(run.exit_code == 1);
    const std::string tree = (tmp / "public").string() + "/";
    CHECK(run.out == tree + "index.html\n  4: " + kTooDeep + tree +
                         "x.html\n  2:9: error: 'nowhere.html': no such file: nowhere.html\n"
                         "checked 1 link on 2 pages: 2 errors, 0 warnings\n");
}

TEST_CASE(
    "links: 100,000 nested divs, read by either parser, are an error at the line, not a "
    "crash or a hang") {
    TempDir tmp;
    // One page the fast pass reads (well-formed), one it hands to gumbo (a
    // NUL byte), each 100,000 levels deep from line 3; a link to each
    // page's element is not reported: the page's own error says enough.
    const std::string deep = "<p id=top>\n" + repeated("<div>\n", 100000);
    write_file(tmp / "public" / "fast.html", std::string(kHead) + deep);
    write_file(tmp / "public" / "gumbo.html",
               std::string(kHead) + std::string("\0\n", 2) + deep.substr(11));
    write_file(tmp / "public" / "index.html",
               std::string(kHead) + "<a href=fast.html#deep>f</a><a href=gumbo.html#top>g</a>");
    const RunResult run = run_lspgen({"check", (tmp / "public").string()});
    CHECK(run.exit_code == 1);
    const std::string tree = (tmp / "public").string() + "/";
    CHECK(run.out == tree + "fast.html\n  1003: " + kTooDeep + tree + "gumbo.html\n  1003: " +
                         kTooDeep + "checked 2 links on 3 pages: 2 errors, 0 warnings\n");
}

TEST_CASE(
    "links: a Markdown page 25,000 quotes deep with a broken link fails the build at the "
    "page, not with a crash") {
    // A page with a finding is read again by gumbo, for the finding's column.
    TempDir tmp;
    write_file(tmp / "site" / "site.yaml", kSiteYaml);
    write_file(tmp / "site" / "members.yaml", kMembersYaml);
    write_file(tmp / "site" / "pages" / "deep.md",
               "---\ntitle: Deep\n---\n\n" + std::string(25000, '>') + " [x](/nowhere/)\n");
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::Contains("deep/index.html\n"));
    CHECK_THAT(run.err, Catch::Contains(kTooDeep));
    CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE(
    "links: a Markdown page 25,000 quotes deep with a control character in its front "
    "matter fails the build, not with a crash") {
    // The control character (written as a YAML escape) made the fast pass
    // hand the page to gumbo. Refused at load or by the checker: an error
    // either way.
    TempDir tmp;
    write_file(tmp / "site" / "site.yaml", kSiteYaml);
    write_file(tmp / "site" / "members.yaml", kMembersYaml);
    write_file(tmp / "site" / "pages" / "deep.md",
               "---\ntitle: \"Deep \\u0001 page\"\n---\n\n" + std::string(25000, '>') + " x\n");
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    CHECK(run.exit_code == 1);
    CHECK_FALSE(fs::exists(tmp / "out"));
}

TEST_CASE(
    "links: 60,000 links to a missing '#x' on one page are each reported once, at their "
    "own line and column") {
    // Each finding is placed as the k-th link to its URL; counting the
    // earlier ones used to rescan the page for every link (11.6 s).
    TempDir tmp;
    std::string page = kHead;
    for (int i = 0; i < 60000; ++i) page += "<a href=\"#x\">" + std::to_string(i) + "</a>\n";
    write_file(tmp / "index.html", page);
    const CheckResult result = check_internal(DiskTree(tmp.path()));
    CHECK(result.links == 60000);
    REQUIRE(result.findings.size() == 60000);
    for (size_t i = 0; i < result.findings.size(); ++i) {
        const Finding& f = result.findings[i];
        if (f.where.line != static_cast<int>(i) + 2 || f.where.column != 9 || f.subject != "#x") {
            FAIL("finding " << i << " at " << f.where.line << ":" << f.where.column << " "
                            << f.subject);
        }
    }
    CHECK(result.findings.back().message == "no element with id 'x' in index.html");
}

TEST_CASE("links: 20,000 distinct broken links on one page are each reported, in page order") {
    TempDir tmp;
    std::string page = kHead;
    for (int i = 0; i < 20000; ++i) {
        page += "<a href=\"p" + std::to_string(i) + ".html\">x</a>";
        if (i % 10 == 9) page += "\n";
    }
    write_file(tmp / "index.html", page);
    const CheckResult result = check_internal(DiskTree(tmp.path()));
    REQUIRE(result.findings.size() == 20000);
    for (size_t i = 0; i < result.findings.size(); ++i) {
        const Finding& f = result.findings[i];
        const std::string url = "p" + std::to_string(i) + ".html";
        const int column = 9 + static_cast<int>(i % 10) * (static_cast<int>(url.size()) + 16);
        if (f.subject != url || f.where.line != static_cast<int>(i / 10) + 2 ||
            f.where.column != column) {
            FAIL("finding " << i << " at " << f.where.line << ":" << f.where.column << " "
                            << f.subject);
        }
    }
}

TEST_CASE("links: a page check cannot read is an error naming the file, not a page checked") {
    TempDir tmp;
    write_file(tmp / "public" / "index.html", std::string(kHead) + "<a href=locked.html>l</a>");
    write_file(tmp / "public" / "locked.html", std::string(kHead) + "<a href=nowhere.html>n</a>");
    fs::permissions(tmp / "public" / "locked.html", fs::perms::none);
    // As a user the mode keeps out (root reads anything).
    const std::string binary = binary_for_unprivileged();
    fs::permissions(tmp.path(),
                    fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    const ChildRun probe =
        run_child(joined(unprivileged(), {"cat", (tmp / "public" / "locked.html").string()}));
    REQUIRE(probe.exit_code != 0);
    const ChildRun run =
        run_child(joined(unprivileged(), {binary, "check", (tmp / "public").string()}));
    INFO(run.summary() << "\n" << run.err);
    CHECK(run.exit_code == 1);
    CHECK(run.out == (tmp / "public").string() +
                         "/locked.html\n  error: cannot read the page: Permission denied\n"
                         "checked 1 link on 2 pages: 1 error, 0 warnings\n");
}

TEST_CASE("links: a page gone between listing and reading is an error naming it") {
    TempDir tmp;
    write_file(tmp / "index.html", std::string(kHead) + "<a href=gone.html#a>g</a>");
    write_file(tmp / "gone.html", std::string(kHead) + "<a href=nowhere.html>n</a>");
    const DiskTree tree(tmp.path());
    fs::remove(tmp / "gone.html");
    const CheckResult result = check_internal(tree);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].where.path == "gone.html");
    CHECK(result.findings[0].message == "cannot read the page: No such file or directory");
    CHECK(result.has_errors());
}

TEST_CASE(
    "links: a broken link on a page over 4 MB is reported at its line, without the "
    "gumbo reading for its column") {
    TempDir tmp;
    const std::string text = "<p>" + std::string(100, 'x') + "</p>\n";
    write_file(tmp / "public" / "index.html",
               std::string(kHead) + repeated(text, 50000) + "<p><a href=nowhere.html>n</a>\n");
    const RunResult run = run_lspgen({"check", (tmp / "public").string()});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.out, Catch::Contains("  50002: error: 'nowhere.html': no such file"));
}

TEST_CASE(
    "links: 25,000 nested divs between two quotes in unquoted values are an error at the "
    "page, not a crash") {
    // The quotes are letters of the values to HTML5: the divs between them
    // are elements, and the page is 25,000 deep.
    TempDir tmp;
    write_file(tmp / "public" / "index.html", std::string(kHead) + "<![CDATA[x]]>\n<div x=a'b>" +
                                                  repeated("<div>", 25000) + "<div y=c'd>\n");
    const RunResult run = run_lspgen({"check", (tmp / "public").string()});
    CHECK(run.exit_code == 1);
    CHECK(run.out == (tmp / "public").string() + "/index.html\n  3: " + kTooDeep +
                         "checked 0 links on 1 page: 1 error, 0 warnings\n");
}
