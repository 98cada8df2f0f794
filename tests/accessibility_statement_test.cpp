// /accessibility/: the accessibility statement is written for every site,
// from site.yaml's `accessibility:` mapping when there is one and from the
// contact details and the build's date when there is not.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace lspgen::test;

namespace {

const char* kSite = R"(name: Testfield Partnership
status: example
area: Testfield
summary: A fictional partnership for testing.
contact:
  email: lsp@example.org
  phone: 01632 960002
)";

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("accessibility statement: without settings it uses the contact details and --now") {
    TempDir tmp;
    write_file(tmp / "site/site.yaml", kSite);
    const auto r = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    REQUIRE(r.exit_code == 0);
    const std::string page = read_file(tmp / "out/accessibility/index.html");
    CHECK(contains(page,
                   "<h1 class=\"page-title\">Accessibility statement for Testfield "
                   "Partnership</h1>"));
    CHECK(contains(page, "<a href=\"mailto:lsp@example.org\">lsp@example.org</a>"));
    CHECK(contains(page, "call 01632 960002"));
    CHECK(contains(page, "get back to you as soon as we can"));
    CHECK(contains(page, "Equality Advisory and Support Service"));
    // Nothing is known to fail, but nobody has tested the site by hand:
    // automated checks alone do not make it fully compliant.
    CHECK_FALSE(contains(page, "fully compliant"));
    CHECK(contains(page,
                   "AA standard because it has not yet been tested by hand against the "
                   "standard.</p>"));
    CHECK(contains(page, "<h4>Not yet tested by hand</h4>"));
    CHECK(contains(page,
                   "This website has not yet been tested by hand against the WCAG 2.2 AA "
                   "standard."));
    CHECK(contains(page,
                   "generated from the partnership’s website data on "
                   "<time datetime=\"2009-03-01\">1 March 2009</time>"));
    CHECK_FALSE(contains(page, "last reviewed"));
    // Every page links to it from its footer.
    CHECK(contains(read_file(tmp / "out/index.html"),
                   "<a href=\"accessibility/index.html\">Accessibility statement</a>"));
    CHECK(contains(read_file(tmp / "out/contact/index.html"),
                   "<a href=\"../accessibility/index.html\">Accessibility statement</a>"));
}

TEST_CASE("accessibility statement: known issues make the site partially compliant") {
    TempDir tmp;
    write_file(tmp / "site/site.yaml", std::string(kSite) + R"(accessibility:
  email: access@example.org
  response_days: 1
  prepared: 2008-12-01
  reviewed: 2009-02-01
  known_issues:
    - issue: The area map has no text description.
      criterion: 1.1.1 Non-text content
      fix_by: 2009-06-30
)");
    const auto r = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    REQUIRE(r.exit_code == 0);
    const std::string page = read_file(tmp / "out/accessibility/index.html");
    CHECK(contains(page, "<a href=\"mailto:access@example.org\">access@example.org</a>"));
    CHECK(contains(page, "get back to you in 1 working day."));
    CHECK(contains(page, "This website is partially compliant"));
    CHECK(contains(page, "The area map has no text description."));
    CHECK(contains(page, "This fails WCAG 2.2 success criterion 1.1.1 Non-text content."));
    CHECK(contains(page, "<time datetime=\"2009-06-30\">30 June 2009</time>"));
    CHECK(contains(page, "prepared on <time datetime=\"2008-12-01\">1 December 2008</time>"));
    CHECK(contains(page, "last reviewed on <time datetime=\"2009-02-01\">1 February 2009</time>"));
}

TEST_CASE(
    "accessibility statement: the site's own test by hand is recorded and can show full "
    "compliance") {
    TempDir tmp;
    const std::string audit = R"(accessibility:
  audit:
    date: 2009-02-10
    by: Casefield Council's web team
    method: We tested every page with NVDA and by keyboard.
    result: fully-compliant
)";
    write_file(tmp / "site/site.yaml", std::string(kSite) + audit);
    auto r = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::string page = read_file(tmp / "out/accessibility/index.html");
    CHECK(contains(page, "This website is fully compliant"));
    CHECK(contains(page,
                   "This website was last tested on <time datetime=\"2009-02-10\">10 "
                   "February 2009</time>. The test was carried out by Casefield "
                   "Council&apos;s web team.</p>"));
    CHECK(contains(page, "<p>We tested every page with NVDA and by keyboard.</p>"));
    CHECK_FALSE(contains(page, "not yet been tested"));

    SECTION("a known non-compliance still makes it partially compliant") {
        write_file(tmp / "site/site.yaml",
                   std::string(kSite) + audit +
                       "  known_issues:\n    - issue: The area map has no text description.\n");
        r = run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                        "2009-03-01"});
        REQUIRE(r.exit_code == 0);
        page = read_file(tmp / "out/accessibility/index.html");
        CHECK(contains(page, "This website is partially compliant"));
        CHECK_FALSE(contains(page, "fully compliant"));
    }
    SECTION("a result of not-compliant says so") {
        std::string yaml = std::string(kSite) + audit;
        yaml.replace(yaml.find("fully-compliant"), 15, "not-compliant");
        write_file(tmp / "site/site.yaml", yaml);
        r = run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                        "2009-03-01"});
        REQUIRE(r.exit_code == 0);
        CHECK(contains(read_file(tmp / "out/accessibility/index.html"),
                       "This website is not compliant with"));
    }
    SECTION("an audit without its result is an error at the audit") {
        std::string yaml = std::string(kSite) + audit;
        yaml.erase(yaml.find("    result: fully-compliant\n"));
        write_file(tmp / "site/site.yaml", yaml);
        r = run_lspgen({"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now",
                        "2009-03-01"});
        CHECK(r.exit_code == 1);
        CHECK(contains(r.err, "audit is missing the required field 'result'"));
    }
}
