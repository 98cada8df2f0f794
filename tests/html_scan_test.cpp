// The link checker's fast pass (libxml2) must read every page the way the
// HTML5 reading (gumbo, extract_links) does: same links in the same order,
// same anchors, same images without alt text.
#include <catch2/catch.hpp>

#include <filesystem>

#include "links/html_links.hpp"
#include "links/html_scan.hpp"
#include "support.hpp"

using namespace lspgen::links;
using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

std::string describe(const HtmlPage& page) {
    std::string s = "links:";
    for (const auto& l : page.links) s += " " + l.tag + "[" + l.attribute + "]=" + l.url;
    s += "\nanchors:";
    for (const auto& a : page.anchors) s += " " + a;
    s += "\nmaps:";
    for (const auto& m : page.map_names) s += " " + m;
    s += "\nbase: " + (page.has_base ? "'" + page.base_href + "'" : std::string("none"));
    s += "\nproblems:";
    for (const auto& m : page.element_problems) {
        s += " " + std::to_string(static_cast<int>(m.kind)) + ":" + m.tag + "'" + m.src + "'";
    }
    s += "\ntoo deep at: " + std::to_string(page.too_deep_line);
    return s;
}

}  // namespace

TEST_CASE("html scan: the fast pass reads odd markup exactly as the HTML5 parser does") {
    const std::string cases[] = {
        "<p>unclosed <a href=one.html>one<a href='two.html' name=two>two<img src=a.png "
        "srcset='b.png 2x, c.png 3x'><img src=d.png alt=''><div id=box><video "
        "poster=p.jpg></video><template><a href=hidden.html>no</a></template><a>no href</a>",
        "<title><a href=t.html></title><a href=after.html>",
        "<textarea><a href=ta.html></textarea><a href=after.html>",
        "<script>document.write('<a href=s.html>')</script><a href=after.html>",
        "<style>a{}</style><!-- <a href=c.html> --><a href=after.html>",
        "<A HREF=UP.html ID=Big>x</A>",
        "<a href=a.html href=b.html>the first of two is kept</a>",
        "<a href='x?a=1&amp;b=2&lt;'>e</a><a href=\"caf\xc3\xa9.html\">raw UTF-8</a>",
        "<table><a href=fostered.html>x</a><tr><td><a href=cell.html>c</a></table>",
        "<svg><a href=svg.html><image href=i.png /></a></svg><math><a href=m.html>m</a></math>",
        "<noscript><a href=ns.html>ns</a></noscript>",
        "<iframe src=f.html><a href=inside.html></a></iframe><a href=after.html>",
        "<p id=a><p id=b><li id=c><dd id=d>",
        "<a href=\"  spaced.html  \">s</a><img alt>",
        "<a href>empty</a><img src=\"\">",
        "<head><base href=docs/><base href=other/><meta http-equiv=Refresh content='0; "
        "url=next.html'></head><img src=a.png alt=' ' usemap=#m><map name=m><area href=x.html "
        "alt=x></map>",
        "<div data-lspgen-ignore><a href=skip.html id=kept>x</a><img></div><a href=after.html>",
        "<video controls><p><source src=v.mp4></video><audio></audio><iframe></iframe><embed>"
        "<picture><source type=image/webp><img srcset='a.png 1x' alt></picture>",
        "<video><img src=fallback.png></video><iframe srcdoc='<p>x'></iframe>",
        "<select><option><a href=o.html>x</a></select><a href=after.html>",
        "<div><select><div><a href=in.html></a></div></select><a href=out.html></a>",
        "<select><option value=1 id=o1>1</option><optgroup id=g><option>2</select>",
        "<html><head><link rel=stylesheet href=s.css></head><frameset><frame "
        "src=fr.html></frameset>",
        "<a href=x.html<b>broken tag</b>",
        "<a href='unterminated.html>text",
        "<img src=x.png alt=x id=\"\" name=n><a name=anc></a>",
        "<xmp><a href=x.html></xmp><plaintext><a href=pt.html>",
        "<object data=o.pdf></object><blockquote cite=q.html></blockquote><form "
        "action=f.cgi><button formaction=b.cgi></button></form>",
        "<body background=bg.png><img longdesc=ld.html alt=x>",
        "<a href=\"&#106;avascript:x\">ent</a><a href=\"&notanentity;\">n</a><a "
        "href='&copy'>c</a>",
        "<![CDATA[<a href=cd.html>]]><a href=after.html>",
        "<image src=im.png><IMG SRC=UP.PNG>",
        "<a/href=slash.html>x</a><a href=x.html/>y",
        "<?php <a href=pi.html> ?><a href=after.html>",
        "<a\nhref\n=\n'nl.html'\n>",
        "<p>a < b and <a href=lt.html>",
        "<a href=\"q?a=1&amp;b=2\">amp</a>",
        "<p>\xff\xfe not UTF-8 <a href=after.html>",
        std::string("<p>a\0b</p><a href=n.html>", 26),
        std::string(20000, '<') + "a href=many.html>",
    };
    for (const auto& html : cases) {
        INFO(html.substr(0, 200));
        CHECK(describe(scan_links(html)) == describe(extract_links(html)));
    }
}

TEST_CASE(
    "html scan: a page 1,000 levels deep is read, and one level more is refused by both "
    "readings at the same line") {
    const auto nested = [](int levels, const std::string& gumbo_only) {
        std::string html = "<!DOCTYPE html><title>t</title>\n<p id=top>" + gumbo_only + "\n";
        // Tags that add no level on the way: void, self-closing by kind.
        for (int i = 0; i < levels; ++i) html += "<div><p>a<br><img alt=''>\n";
        return html + "<a href=deep.html>deep</a>";
    };
    for (const std::string gumbo_only : {"", "<![CDATA[x]]>"}) {
        INFO("with '" << gumbo_only << "'");
        const std::string deepest = nested(kMaxNesting, gumbo_only);
        CHECK(read_with_libxml2(deepest).has_value() == gumbo_only.empty());
        const HtmlPage read = scan_links(deepest);
        CHECK(read.too_deep_line == 0);
        CHECK(describe(read) == describe(extract_links(deepest)));
        REQUIRE(read.links.size() == 1);
        CHECK(read.links[0].url == "deep.html");

        const std::string deeper = nested(kMaxNesting + 1, gumbo_only);
        const HtmlPage fast = scan_links(deeper);
        const HtmlPage exact = extract_links(deeper);
        CHECK(fast.too_deep_line == kMaxNesting + 3);
        CHECK(exact.too_deep_line == kMaxNesting + 3);
        CHECK(fast.links.empty());
        CHECK(exact.links.empty());
        CHECK(exact.anchors.empty());
    }
}

TEST_CASE("html scan: 20,000 nested divs are refused at once, not followed") {
    std::string html;
    for (int i = 0; i < 20000; ++i) html += "<div>";
    html += "<a href=deep.html>deep</a>";
    CHECK(scan_links(html).too_deep_line == 1);
    CHECK(extract_links(html).too_deep_line == 1);
    // Nesting the tokenizer skips: comments, text-only elements, void and
    // self-closed foreign elements, end tags that close what they match.
    std::string flat = "<svg>";
    for (int i = 0; i < 5000; ++i) flat += "<path/><g><rect/></g>";
    flat += "</svg>";
    for (int i = 0; i < 5000; ++i) {
        flat += "<!-- <div> --><script>'<div>'</script><span></span><b><i></B></i>";
        flat += "<textarea><div></TEXTAREA><br><li><td><p></div>";
    }
    CHECK(nesting_too_deep(flat, kMaxNesting) == 0);
    CHECK(nesting_too_deep("<div/><div/><div/><div/>", 3) == 1);
    // What ends SVG: an HTML element, after which "/>" closes nothing.
    CHECK(nesting_too_deep("<svg><path/><path/><path/><path/><div/><div/><div/><div/>", 3) == 1);
    // In SVG, <title> holds elements; a comment ends at "--!>" too.
    CHECK(nesting_too_deep("<svg><title><g><g><g>", 3) == 1);
    CHECK(nesting_too_deep("<!-- x --!><i><i><i><i>-->", 3) == 1);
    // Outside <ruby>, HTML5 nests <rt> in <rt>.
    CHECK(nesting_too_deep("<rt><rt><rt><rt>", 3) == 1);
    // A quote inside an unquoted value opens nothing: the divs after it count.
    CHECK(nesting_too_deep("<div x=a'b><div y = 'c>d'><div><div z=e'>", 3) == 1);
    CHECK(nesting_too_deep("<x-a>\n<x-b\nclass='>'>\n<x-c>\n\n<x-d>", 3) == 6);
}

TEST_CASE("html scan: every page of the golden site takes the fast path and reads the same") {
    TempDir tmp;
    REQUIRE(run_lspgen({"build", (tests_dir() / "golden" / "examplefield").string(), "-o",
                        (tmp / "out").string(), "--now", "2009-03-01", "-q"})
                .exit_code == 0);
    int pages = 0;
    for (const auto& entry : fs::recursive_directory_iterator(tmp / "out")) {
        if (entry.path().extension() != ".html") continue;
        const std::string html = read_file(entry.path());
        INFO(entry.path().string());
        // lspgen's own pages take the fast path, and agree with gumbo.
        const auto fast = read_with_libxml2(html);
        REQUIRE(fast);
        CHECK(describe(*fast) == describe(extract_links(html)));
        CHECK_FALSE(fast->links.empty());
        ++pages;
    }
    CHECK(pages >= 15);
}
