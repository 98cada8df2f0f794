#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen;

TEST_CASE("glossary: the regional glossary ships with at least 60 well-formed terms") {
    Diagnostics diagnostics;
    SiteFolder folder{".", "."};
    const auto terms = read_terms(regional_glossary_yaml(), "regional.yaml", folder, diagnostics);
    std::ostringstream problems;
    diagnostics.print(problems);
    INFO(problems.str());
    CHECK_FALSE(diagnostics.has_errors());
    CHECK(terms.size() >= 60);
    std::set<std::string> names;
    for (const auto& t : terms) names.insert(t.term);
    for (const char* required :
         {"LSP", "LAA", "SCS", "CAA", "CPA", "NI", "MAA", "LDF", "CDRP", "PCT", "VCS", "IDeA",
          "LGA", "DCLG", "CLG", "IESE", "PB", "SCA", "LIA"}) {
        INFO(required);
        CHECK(names.count(required) == 1);
    }
    for (const auto& t : terms) {
        INFO(t.term);
        CHECK_FALSE(t.expansion.empty());
        CHECK(t.definition.text.size() > 20);
        for (const auto& other : t.see_also) CHECK(names.count(other) == 1);
    }
}

TEST_CASE(
    "glossary: a site term replaces the regional term of the same name and new ones are added") {
    lspgen::test::TempDir tmp;
    lspgen::test::write_file(tmp / "glossary.yaml",
                             "- term: LAA\n  expansion: Local Area Agreement\n"
                             "  definition: Our own wording for this area.\n"
                             "- term: Zedfield Forum\n  expansion: the Zedfield residents' forum\n"
                             "  plural: \"\"\n  definition: A fictional forum of residents.\n");
    Diagnostics diagnostics;
    SiteFolder folder{tmp.path(), "site"};
    Site site;
    read_glossary(folder, site, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    const auto regional =
        read_terms(regional_glossary_yaml(), "regional.yaml", folder, diagnostics);
    const bool laa_is_regional = std::any_of(regional.begin(), regional.end(),
                                             [](const Term& t) { return t.term == "LAA"; });
    REQUIRE(laa_is_regional);
    CHECK(site.glossary.size() == regional.size() + 1);
    auto laa = std::find_if(site.glossary.begin(), site.glossary.end(),
                            [](const Term& t) { return t.term == "LAA"; });
    REQUIRE(laa != site.glossary.end());
    CHECK(laa->definition.text == "Our own wording for this area.");
    CHECK(laa->plural == "LAAs");
    CHECK(site.glossary.back().term == "Zedfield Forum");  // A–Z, case-blind
    CHECK(site.glossary.back().plural.empty());
}
