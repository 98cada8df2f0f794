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
    s += "\nwithout alt:";
    for (const auto& m : page.images_without_alt) s += " '" + m.src + "'";
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

TEST_CASE("html scan: nesting far deeper than libxml2 follows still finds the last link") {
    std::string html;
    for (int i = 0; i < 20000; ++i) html += "<div>";
    html += "<a href=deep.html>deep</a>";
    const HtmlPage page = scan_links(html);
    REQUIRE(page.links.size() == 1);
    CHECK(page.links[0].tag == "a");
    CHECK(page.links[0].url == "deep.html");
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
