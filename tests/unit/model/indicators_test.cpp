#include <catch2/catch.hpp>

#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen;

TEST_CASE("indicators: each value keeps the decimal places the data gave it") {
    lspgen::test::TempDir tmp;
    lspgen::test::write_file(tmp / "indicators.yaml", R"(- code: NI 8
  title: Adult participation in sport
  direction: higher-is-better
  baseline: {period: 2005/06, value: 23.0}
  target: {period: 2010/11, value: 25}
  results:
    - {period: 2007/08, value: 22.40}
    - {period: 2008/09, value: 1.25e1}
)");
    Diagnostics diagnostics;
    SiteFolder folder{tmp.path(), "site"};
    Site site;
    read_indicators(folder, site, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    REQUIRE(site.indicators.size() == 1);
    const Indicator& ind = site.indicators[0];
    CHECK(ind.baseline->value == 23.0);
    CHECK(ind.baseline->decimals == 1);
    CHECK(ind.target->decimals == 0);
    REQUIRE(ind.results.size() == 2);
    CHECK(ind.results[0].decimals == 2);
    CHECK(ind.results[1].value == 12.5);
    CHECK(ind.results[1].decimals == 1);
}
