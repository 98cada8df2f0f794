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
    const auto terms =
        read_terms(regional_glossary_yaml(), "regional.yaml", folder, diagnostics, true);
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
        // Every abbreviation but LPSB, whose letters the seeds never spell out,
        // has its expansion.
        if (t.abbreviation && t.term != "LPSB") CHECK_FALSE(t.expansion.empty());
        CHECK(t.definition.text.size() > 20);
        CHECK(
            (t.region == "national" || t.region == "South East" || t.region == "East of England"));
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
        read_terms(regional_glossary_yaml(), "regional.yaml", folder, diagnostics, true);
    const bool laa_is_regional = std::any_of(regional.begin(), regional.end(),
                                             [](const Term& t) { return t.term == "LAA"; });
    REQUIRE(laa_is_regional);
    // A site that names no region gets the national terms.
    const auto national = std::count_if(regional.begin(), regional.end(),
                                        [](const Term& t) { return t.region == "national"; });
    CHECK(site.glossary.size() == static_cast<size_t>(national) + 1);
    auto laa = std::find_if(site.glossary.begin(), site.glossary.end(),
                            [](const Term& t) { return t.term == "LAA"; });
    REQUIRE(laa != site.glossary.end());
    CHECK(laa->definition.text == "Our own wording for this area.");
    CHECK(laa->plural == "LAAs");
    CHECK(site.glossary.back().term == "Zedfield Forum");  // A–Z, case-blind
    CHECK(site.glossary.back().plural.empty());
}

namespace {

std::set<std::string> glossary_for(const std::string& region) {
    lspgen::test::TempDir tmp;
    Diagnostics diagnostics;
    SiteFolder folder{tmp.path(), "site"};
    Site site;
    site.settings.region = region;
    read_glossary(folder, site, diagnostics);
    std::ostringstream problems;
    diagnostics.print(problems);
    INFO(problems.str());
    CHECK_FALSE(diagnostics.has_errors());
    std::set<std::string> names;
    for (const auto& t : site.glossary) {
        names.insert(t.term);
        for (const auto& other : t.see_also) {
            INFO(t.term + " says see also " + other);
            CHECK(std::any_of(site.glossary.begin(), site.glossary.end(),
                              [&](const Term& u) { return u.term == other; }));
        }
    }
    return names;
}

std::vector<Term> read_text(const std::string& yaml, Diagnostics& diagnostics) {
    SiteFolder folder{".", "site"};
    return read_terms(yaml, "glossary.yaml", folder, diagnostics);
}

}  // namespace

TEST_CASE("glossary: a site gets the national terms and those of its own region only") {
    const auto east = glossary_for("East of England");
    CHECK(east.count("LSP") == 1);
    CHECK(east.count("LPSB") == 1);
    CHECK(east.count("ASPIRE 2 PERFORM") == 1);
    CHECK(east.count("PtP") == 0);
    CHECK(east.count("KCC") == 0);
    const auto south_east = glossary_for("south east");  // case is ignored
    CHECK(south_east.count("PtP") == 1);
    CHECK(south_east.count("KCC") == 1);
    CHECK(south_east.count("LPSB") == 0);
    const auto none = glossary_for("");
    CHECK(none.count("LAA") == 1);
    CHECK(none.count("PtP") == 0);
    CHECK(none.count("ASPIRE 2 PERFORM") == 0);
}

TEST_CASE("glossary: terms with lower-case letters are abbreviations and keep their expansion") {
    Diagnostics diagnostics;
    SiteFolder folder{".", "."};
    const auto terms =
        read_terms(regional_glossary_yaml(), "regional.yaml", folder, diagnostics, true);
    for (const char* name : {"IDeA", "PtP", "CfPS", "NI 39", "LAA2"}) {
        INFO(name);
        auto t =
            std::find_if(terms.begin(), terms.end(), [&](const Term& u) { return u.term == name; });
        REQUIRE(t != terms.end());
        CHECK(t->abbreviation);
        CHECK_FALSE(t->expansion.empty());
    }
    for (const char* name : {"Comprehensive Area Assessment", "deprivation", "ASPIRE 2 PERFORM",
                             "oneplace", "Ombudsman"}) {
        INFO(name);
        auto t =
            std::find_if(terms.begin(), terms.end(), [&](const Term& u) { return u.term == name; });
        REQUIRE(t != terms.end());
        CHECK_FALSE(t->abbreviation);
    }
    auto ni =
        std::find_if(terms.begin(), terms.end(), [](const Term& u) { return u.term == "NI 39"; });
    CHECK(ni->expansion == "National Indicator 39");  // not the indicator's name
    auto ward =
        std::find_if(terms.begin(), terms.end(), [](const Term& u) { return u.term == "ward"; });
    CHECK_FALSE(ward->match);  // an everyday word: explained, never looked for
}

TEST_CASE("glossary: the mapping form reads 'ABBR: expansion' and 'ABBR: {fields}'") {
    Diagnostics diagnostics;
    const auto terms = read_text(
        "LSP: Local Strategic Partnership\n"
        "LAA: {expansion: Local Area Agreement, definition: Targets agreed with "
        "government., plural_expansion: Local Area Agreements}\n"
        "Zedfield Forum: A fictional forum of residents.\n"
        "GO: {expansion: Government Office, match: false}\n"
        "ASPIRE: {abbreviation: false, definition: A self-check tool.}\n",
        diagnostics);
    std::ostringstream problems;
    diagnostics.print(problems);
    INFO(problems.str());
    CHECK_FALSE(diagnostics.has_errors());
    REQUIRE(terms.size() == 5);
    CHECK(terms[0].term == "LSP");
    CHECK(terms[0].expansion == "Local Strategic Partnership");
    CHECK(terms[0].abbreviation);
    CHECK(terms[0].plural_expansion == "Local Strategic Partnerships");
    CHECK(terms[0].definition.text.empty());
    CHECK(terms[1].definition.text == "Targets agreed with government.");
    CHECK(terms[2].definition.text == "A fictional forum of residents.");
    CHECK(terms[2].expansion.empty());
    CHECK_FALSE(terms[2].abbreviation);
    CHECK_FALSE(terms[3].match);
    CHECK_FALSE(terms[4].abbreviation);
}

TEST_CASE("glossary: a mapping term without a value, or naming 'term' again, is an error") {
    Diagnostics diagnostics;
    read_text("LSP:\nLAA: {term: LAA, expansion: Local Area Agreement}\n", diagnostics);
    std::ostringstream problems;
    diagnostics.print(problems);
    CHECK_THAT(problems.str(), Catch::Contains("glossary.yaml:1:1: error: term 'LSP' needs its "
                                               "expansion ('LSP: what it stands for')"));
    CHECK_THAT(problems.str(), Catch::Contains("glossary.yaml:2:7: error: term 'LAA' is named by "
                                               "its key: leave 'term' out of its fields"));
}

TEST_CASE(
    "glossary: a full term needs a definition but an abbreviation may have only its expansion") {
    Diagnostics diagnostics;
    read_text(
        "- term: LSP\n  expansion: Local Strategic Partnership\n"
        "- term: ward\n  expansion: an area\n",
        diagnostics);
    std::ostringstream problems;
    diagnostics.print(problems);
    CHECK_THAT(problems.str(),
               Catch::Contains("glossary.yaml:3:3: error: term is missing the required field "
                               "'definition'"));
    CHECK(diagnostics.error_count() == 1);
}
