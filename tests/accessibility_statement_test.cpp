// /accessibility/: the accessibility statement is written for every site,
// from site.yaml's `accessibility:` mapping when there is one and from the
// contact details and the build's date when there is not.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace lspgen::test;

namespace {

const char* kSite = R"(name: Testfield Partnership
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
    // Nothing is known to fail and there are no documents: fully compliant.
    CHECK(contains(page, "This website is fully compliant"));
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
