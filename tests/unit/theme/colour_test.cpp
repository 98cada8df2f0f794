#include <catch2/catch.hpp>

#include "theme/colour.hpp"
#include "theme/theme.hpp"

using namespace lspgen;

TEST_CASE("colour: contrast ratios match WCAG's published values") {
    const Rgb white{255, 255, 255};
    const Rgb black{0, 0, 0};
    CHECK(contrast_ratio(white, black) == Approx(21.0));
    CHECK(contrast_ratio(white, white) == Approx(1.0));
    // #767676 on white is the well-known lightest grey that passes 4.5:1.
    CHECK(contrast_ratio(*parse_hex_colour("#767676"), white) == Approx(4.54).epsilon(0.01));
    CHECK(format_ratio(4.5499) == "4.54:1");
    CHECK_FALSE(parse_hex_colour("#12345"));
    CHECK_FALSE(parse_hex_colour("red"));
}

TEST_CASE("colour: a dark brand colour passes and a light one fails saying by how much") {
    ThemeColours colours;  // white text and white links on the brand colour
    Diagnostics ok;
    check_brand_contrast("#1d4f6e", {"site.yaml", 5, 15}, colours, ok);
    CHECK_FALSE(ok.has_errors());

    Diagnostics bad;
    check_brand_contrast("#7fb3d5", {"site.yaml", 5, 15}, colours, bad);
    REQUIRE(bad.error_count() == 1);
    CHECK(bad.all().front().message ==
          "brand_colour #7fb3d5 gives a contrast of only 2.25:1 with the theme's header text "
          "(#ffffff); WCAG AA needs 4.5:1, so it is 2.24 short: choose a darker colour");
}

TEST_CASE("colour: the link colour on the brand background is checked too") {
    ThemeColours colours;
    colours.text_on_brand = "#000000";
    colours.link_on_brand = "#ffffff";
    Diagnostics d;
    // Mid grey: black text on it passes (5.31:1), white links fail (3.94:1).
    check_brand_contrast("#808080", {"site.yaml", 1, 1}, colours, d);
    REQUIRE(d.error_count() == 1);
    CHECK_THAT(d.all().front().message, Catch::Contains("header links (#ffffff)"));
}
