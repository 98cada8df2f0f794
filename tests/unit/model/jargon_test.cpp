#include <catch2/catch.hpp>

#include "markdown/jargon.hpp"
#include "markdown/markdown.hpp"
#include "model/site.hpp"

using namespace lspgen;

namespace {

jargon::Matcher sample_matcher() {
    return jargon::Matcher({{"LAA", "LAAs", "Local Area Agreement", "term-laa", true, ""},
                            {"NI", "NIs", "National Indicator", "term-ni", true, ""},
                            {"NI 186", "", "National Indicator 186", "term-ni-186", true, ""},
                            {"Total Place", "", "", "term-total-place", false, ""}});
}

std::string render(const std::string& text, jargon::PageMarks& marks) {
    return markdown::to_html(text, {2, "", &marks});
}

const std::string kLaa =
    "<a class=\"jargon\" href=\"j.html#term-laa\"><abbr title=\"Local Area Agreement\">";
// What closes a marked abbreviation: the link's name says where it goes.
const std::string kEnd = "</abbr><span class=\"visually-hidden\"> (jargon buster)</span></a>";

size_t count(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("jargon: the first use on a page is marked and later uses stay plain") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html = render("The LAA sets targets. The LAA is reviewed.", marks);
    CHECK(html == "<p>The " + kLaa + "LAA" + kEnd + " sets targets. The LAA is reviewed.</p>\n");
}

TEST_CASE("jargon: first use is per page across every Markdown field on it") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    CHECK(count(render("Our LAA.", marks), "<abbr") == 1);
    CHECK(count(render("Again the LAA.", marks), "<abbr") == 0);
    jargon::PageMarks next_page(matcher, "j.html");
    CHECK(count(render("Again the LAA.", next_page), "<abbr") == 1);
}

TEST_CASE("jargon: headings are never marked and do not use up the first use") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html = render("# About the LAA\n\nThe LAA matters.", marks);
    CHECK_THAT(html, Catch::StartsWith("<h2>About the LAA</h2>"));
    CHECK_THAT(html, Catch::Contains("<p>The " + kLaa + "LAA" + kEnd + " matters.</p>"));
}

TEST_CASE("jargon: link text and image alt text and code are never marked") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html =
        render("[the LAA](https://a.example/) ![LAA chart](c.png) `LAA` and then LAA.", marks);
    CHECK(count(html, "<abbr") == 1);
    CHECK_THAT(html, Catch::Contains(">the LAA</a>"));
    CHECK_THAT(html, Catch::Contains("alt=\"LAA chart\""));
    CHECK_THAT(html, Catch::Contains("<code>LAA</code>"));
    CHECK_THAT(html, Catch::EndsWith("and then " + kLaa + "LAA" + kEnd + ".</p>\n"));
}

TEST_CASE("jargon: text inside the author's own abbr is left alone") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html = render("<abbr title=\"x\">LAA</abbr> and LAA", marks);
    CHECK(count(html, "<abbr title=\"Local") == 1);
    CHECK_THAT(html, Catch::EndsWith("and " + kLaa + "LAA" + kEnd + "</p>\n"));
}

TEST_CASE("jargon: plurals are marked and whole words and exact case only") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    CHECK(render("Two LAAs.", marks) ==
          "<p>Two <a class=\"jargon\" href=\"j.html#term-laa\"><abbr title=\"Local Area "
          "Agreements\">LAAs" +
              kEnd + ".</p>\n");
    jargon::PageMarks other(matcher, "j.html");
    CHECK(count(render("LAAX xLAA laa LAA2 NIce", other), "<abbr") == 0);
}

TEST_CASE("jargon: curly quotes and dashes end a word but accented letters do not") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    CHECK(count(render("the \"LAA\" — and", marks), "<abbr") == 1);  // smart quotes
    jargon::PageMarks dash(matcher, "j.html");
    CHECK(count(render("NI–LAA", dash), "<abbr") == 2);  // en dash between
    jargon::PageMarks accent(matcher, "j.html");
    CHECK(count(render("éLAA LAAé", accent), "<abbr") == 0);
}

TEST_CASE("jargon: the longest term wins so NI 186 is not marked as NI") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html = render("Under NI 186 and Total Place.", marks);
    CHECK_THAT(html, Catch::Contains("title=\"National Indicator 186\">NI 186</abbr>"));
    CHECK_THAT(html, Catch::Contains("href=\"j.html#term-total-place\">Total Place<span"));
    CHECK_THAT(html, !Catch::Contains("title=\"National Indicator\">"));
}

TEST_CASE("jargon: plain-text summaries are escaped and marked") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    CHECK(jargon::mark_plain_text("<b>LAA</b> & LAA", &marks) ==
          "&lt;b&gt;" + kLaa + "LAA" + kEnd + "&lt;/b&gt; &amp; LAA");
    CHECK(jargon::mark_plain_text("a < b", nullptr) == "a &lt; b");
}

TEST_CASE("jargon: anchors are lower-case words joined by hyphens") {
    CHECK(term_anchor("LAA") == "term-laa");
    CHECK(term_anchor("NI 186") == "term-ni-186");
    CHECK(term_anchor("DCLG/CLG") == "term-dclg-clg");
}

TEST_CASE("jargon: a term in a table cell keeps its text and is marked where it can be") {
    const auto matcher = sample_matcher();
    jargon::PageMarks marks(matcher, "j.html");
    const std::string html =
        render("| Target | Plan |\n|---|---|\n| the LAA now | x |\n\nThe LAA again.\n", marks);
    CHECK(html.find("<td>the LAA now</td>") != std::string::npos);
    CHECK(html.find("<p>The " + kLaa + "LAA" + kEnd + " again.</p>") != std::string::npos);
}

TEST_CASE("jargon: a NUL in an expansion cannot cut the tag short") {
    const jargon::Matcher matcher(
        {{"LAA", "", std::string("Local\0Area", 10), "term-laa", true, ""}});
    jargon::PageMarks marks(matcher, "j.html");
    CHECK(render("The LAA.", marks) ==
          "<p>The <a class=\"jargon\" href=\"j.html#term-laa\"><abbr title=\"Local\xEF\xBF\xBD"
          "Area\">LAA" +
              kEnd + ".</p>\n");
}
