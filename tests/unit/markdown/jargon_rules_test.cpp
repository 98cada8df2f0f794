// The rules of the jargon pass: which words are terms, which terms are
// abbreviations, and what the first use of each gets in each style.
#include <catch2/catch.hpp>

#include "markdown/jargon.hpp"
#include "markdown/markdown.hpp"

using namespace lspgen;
using jargon::FirstUse;

namespace {

jargon::Matcher matcher() {
    return jargon::Matcher({
        {"LSP", "LSPs", "Local Strategic Partnership", "term-lsp", true, ""},
        {"WKP", "", "West Kent Partnership", "term-wkp", true, ""},
        {"GO", "", "Government Office", "term-go", true, ""},
        {"IDeA", "", "Improvement and Development Agency", "term-idea", true, ""},
        {"SCS", "SCSs", "Sustainable Community Strategy", "term-scs", true, ""},
        {"ward", "wards", "", "term-ward", false, ""},
        {"Comprehensive Area Assessment", "", "", "term-comprehensive-area-assessment", false, ""},
    });
}

std::string render(const std::string& text, FirstUse style) {
    static const jargon::Matcher m = matcher();
    jargon::PageMarks marks(m, "j.html", style);
    return markdown::to_html(text, {2, "", &marks});
}

size_t count(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

const char* const kGlossaryName = "<span class=\"visually-hidden\"> (jargon buster)</span></a>";

}  // namespace

TEST_CASE(
    "jargon rules: a hyphen joins words, so GO is not found in GO-SE nor ward in ward-based") {
    const auto m = matcher();
    CHECK(m.find("GO-SE and the ward-based figures, post-GO").empty());
    CHECK(m.find("GO\xE2\x80\x91SE").empty());              // a non-breaking hyphen joins too
    REQUIRE(m.find("the GO – and the ward.").size() == 2);  // an en dash does not
    CHECK(m.find("towards Swardeston").empty());
}

TEST_CASE("jargon rules: abbreviations are told from full terms by how they are written") {
    for (const char* abbreviation :
         {"LSP", "IDeA", "LINk", "PtP", "CfPS", "LAA2", "NI 39", "NI 186", "DCLG/CLG"}) {
        INFO(abbreviation);
        CHECK(jargon::looks_like_abbreviation(abbreviation));
    }
    for (const char* term : {"Comprehensive Area Assessment", "ward", "Ombudsman", "oneplace",
                             "ASPIRE 2 PERFORM", "Self-Assessment", "McDonald"}) {
        INFO(term);
        CHECK_FALSE(jargon::looks_like_abbreviation(term));
    }
}

TEST_CASE("jargon rules: an expansion is made plural by its last word") {
    CHECK(jargon::plural_of("Local Strategic Partnership") == "Local Strategic Partnerships");
    CHECK(jargon::plural_of("Sustainable Community Strategy") ==
          "Sustainable Community Strategies");
    CHECK(jargon::plural_of("Local Improvement Advisor") == "Local Improvement Advisors");
    CHECK(jargon::plural_of("Government Office for the South East") ==
          "Government Office for the South Easts");  // said as written: give plural_expansion
    CHECK(jargon::plural_of("business") == "businesses");
    CHECK(jargon::plural_of("Primary Care Trust") == "Primary Care Trusts");
    CHECK(jargon::plural_of("survey") == "surveys");
}

TEST_CASE(
    "jargon rules: linked, an abbreviation keeps its expansion and a full term gets no abbr") {
    const std::string html =
        render("The IDeA helps. The Comprehensive Area Assessment starts. Each ward counts.",
               FirstUse::link);
    CHECK_THAT(html, Catch::Contains("<a class=\"jargon\" href=\"j.html#term-idea\"><abbr "
                                     "title=\"Improvement and Development Agency\">IDeA</abbr>" +
                                     std::string(kGlossaryName)));
    CHECK_THAT(html, Catch::Contains("href=\"j.html#term-comprehensive-area-assessment\">"
                                     "Comprehensive Area Assessment" +
                                     std::string(kGlossaryName)));
    CHECK_THAT(html,
               Catch::Contains("href=\"j.html#term-ward\">ward" + std::string(kGlossaryName)));
    CHECK(count(html, "<abbr") == 1);
    CHECK(count(html, "(jargon buster)") == 3);  // every glossary link says where it goes
}

TEST_CASE("jargon rules: a plural abbreviation gets the plural expansion") {
    CHECK_THAT(render("Two LSPs met.", FirstUse::link),
               Catch::Contains("<abbr title=\"Local Strategic Partnerships\">LSPs</abbr>"));
    CHECK_THAT(render("Two LSPs met.", FirstUse::expand),
               Catch::Contains("Two LSPs (Local Strategic Partnerships) met."));
    CHECK_THAT(render("Both SCSs.", FirstUse::expand),
               Catch::Contains("Both SCSs (Sustainable Community Strategies)."));
}

TEST_CASE("jargon rules: no expansion where the text has just given it") {
    // Before the term, in the same paragraph, even across emphasis.
    for (const char* text :
         {"The West Kent Partnership (WKP) met.", "The *West Kent Partnership* (WKP) met.",
          "The west Kent partnership, or WKP, met.", "The WKP (West Kent Partnership) met.",
          "The WKP, the West Kent Partnership, met."}) {
        INFO(text);
        const std::string linked = render(text, FirstUse::link);
        CHECK(count(linked, "<abbr") == 0);
        CHECK(count(linked, "href=\"j.html#term-wkp\">WKP" + std::string(kGlossaryName)) == 1);
        const std::string expanded = render(text, FirstUse::expand);
        CHECK(count(expanded, "West Kent Partnership") + count(expanded, "west Kent partnership") ==
              1);
    }
    // Given in another paragraph, it is given again.
    CHECK_THAT(render("West Kent Partnership.\n\nThe WKP met.", FirstUse::expand),
               Catch::Contains("The WKP (West Kent Partnership) met."));
}

TEST_CASE("jargon rules: expanded, the first use of an abbreviation is followed by its expansion") {
    const std::string html = render(
        "Our LSP and its SCS. The LSP again, the IDeA, a ward and the Comprehensive Area "
        "Assessment.",
        FirstUse::expand);
    CHECK(html ==
          "<p>Our LSP (Local Strategic Partnership) and its SCS (Sustainable Community Strategy). "
          "The LSP again, the IDeA (Improvement and Development Agency), a ward and the "
          "Comprehensive Area Assessment.</p>\n");
}

TEST_CASE("jargon rules: none marks nothing") {
    const std::string text = "The LSP, the IDeA and a ward.";
    CHECK(render(text, FirstUse::none) == "<p>" + text + "</p>\n");
}

TEST_CASE("jargon rules: plain-text summaries follow the page's style") {
    const auto m = matcher();
    jargon::PageMarks marks(m, "j.html", FirstUse::expand);
    CHECK(jargon::mark_plain_text("The LSP & the LSP", &marks) ==
          "The LSP (Local Strategic Partnership) &amp; the LSP");
}
