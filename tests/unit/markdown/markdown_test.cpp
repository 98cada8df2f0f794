#include <catch2/catch.hpp>

#include "base/url_safety.hpp"
#include "markdown/markdown.hpp"

using namespace lspgen;

TEST_CASE("markdown: raw HTML from data never reaches the page") {
    const std::string html = markdown::to_html("Hi <script>alert(1)</script> <b>x</b>", {});
    CHECK_THAT(html, !Catch::Contains("<script>"));
    CHECK_THAT(html, !Catch::Contains("<b>"));
}

TEST_CASE("markdown: a javascript: link is emptied in the output and found for validation") {
    const std::string text =
        "Intro.\n\nSee [this](javascript:alert(1)) and [that](https://a.example/).";
    CHECK_THAT(markdown::to_html(text, {}), !Catch::Contains("javascript:"));
    const auto links = markdown::links(text);
    REQUIRE(links.size() == 2);
    CHECK(links[0].url == "javascript:alert(1)");
    CHECK(links[0].line == 3);
    CHECK(is_unsafe_url(links[0].url));
    CHECK_FALSE(is_unsafe_url(links[1].url));
}

TEST_CASE("markdown: unsafe schemes are caught whatever their case or leading blanks") {
    CHECK(is_unsafe_url("  JavaScript:alert(1)"));
    CHECK(is_unsafe_url("java\tscript:alert(1)"));
    CHECK(is_unsafe_url("data:text/html,x"));
    CHECK_FALSE(is_unsafe_url("mailto:a@example.org"));
    CHECK_FALSE(is_unsafe_url("../members/index.html"));
}

TEST_CASE("markdown: a file: link is refused like javascript: and not emptied in silence") {
    // cmark-gfm's safe mode writes href="" for it: validation must see it.
    CHECK(is_unsafe_url("file:///S:/partnership/notes.doc"));
    CHECK(is_unsafe_url(" FILE://server/share/minutes.pdf"));
    CHECK(is_unsafe_url("file:photo.jpg"));
    CHECK_FALSE(is_unsafe_url("files/minutes.pdf"));
    CHECK_FALSE(is_unsafe_url("/file:x"));
}

TEST_CASE("markdown: headings are shifted so a page keeps one h1 and skips no level") {
    CHECK(markdown::to_html("# Title", {2, ""}) == "<h2>Title</h2>\n");
    // An author who starts at ### still gets h2 first, then keeps the steps.
    CHECK(markdown::to_html("### A\n\n#### B", {2, ""}) == "<h2>A</h2>\n<h3>B</h3>\n");
    CHECK(markdown::to_html("# A\n\n###### Deep", {2, ""}) == "<h2>A</h2>\n<h6>Deep</h6>\n");
}

TEST_CASE("markdown: links from the site root become relative and name index.html") {
    const std::string html =
        markdown::to_html("[m](/members/) [d](/documents/#scs) [x](//cdn.example/)", {2, "../../"});
    CHECK_THAT(html, Catch::Contains("href=\"../../members/index.html\""));
    CHECK_THAT(html, Catch::Contains("href=\"../../documents/index.html#scs\""));
    CHECK_THAT(html, Catch::Contains("href=\"//cdn.example/\""));
}

TEST_CASE("markdown: GitHub tables and strikethrough and autolinks are on") {
    const std::string html =
        markdown::to_html("| a |\n|---|\n| 1 |\n\n~~old~~ www.example.org", {});
    CHECK_THAT(html, Catch::Contains("<table>"));
    CHECK_THAT(html, Catch::Contains("<del>old</del>"));
    CHECK_THAT(html, Catch::Contains("href=\"http://www.example.org\""));
}
