#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "render/chart.hpp"

using namespace lspgen;
using render::chart_description;
using render::format_number;
using render::indicator_chart;

namespace {

// Spelthorne's NI 8 (illustrative figures), whose data line crossed the
// label "Target 23.4", and NI 39, where "Target 11.9"-style labels sat on a
// point.
Indicator ni8() {
    Indicator ind;
    ind.code = "NI 8";
    ind.title = "Adult participation in sport and active recreation";
    ind.baseline = IndicatorValue{"2005/06", 21.4, 1};
    ind.target = IndicatorValue{"2010/11", 23.4, 1};
    ind.results = {{"2007/08", 22.6, 1}, {"2008/09", 23.8, 1}};
    return ind;
}

Indicator ni39() {
    Indicator ind;
    ind.code = "NI 39";
    ind.title = "Alcohol-harm related hospital admission rates";
    ind.target = IndicatorValue{"2010/11", 11.9, 1};
    ind.results = {{"2006/07", 12.3, 1}, {"2007/08", 11.95, 2}, {"2008/09", 12.0, 1}};
    return ind;
}

struct Box {
    double left, top, right, bottom;
    std::string what;
};

bool overlap(const Box& a, const Box& b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/// A coordinate as the browser resolves it at `width` px: "12.5%" of the
/// width, or plain pixels (plus dx).
double resolve(const char* v, double width) {
    const std::string s = v;
    if (!s.empty() && s.back() == '%') return std::stod(s) / 100 * width;
    return s.empty() ? 0 : std::stod(s);
}

/// Whether the segment from (x1,y1) to (x2,y2) passes through `b`.
bool crosses(double x1, double y1, double x2, double y2, const Box& b) {
    for (int i = 0; i <= 200; ++i) {
        const double t = i / 200.0;
        const double x = x1 + (x2 - x1) * t, y = y1 + (y2 - y1) * t;
        if (x > b.left && x < b.right && y > b.top && y < b.bottom) return true;
    }
    return false;
}

/// The chart's text boxes, points and data line at `width` px, with text
/// measured generously (0.6 em a character) at the size the SVG gives it.
void check_layout(const std::string& svg_text, double width) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(svg_text.c_str()));
    const pugi::xml_node svg = doc.child("svg");
    // A viewBox scales everything, text too, to the width: 12 px becomes
    // about 7 px on a phone.
    CHECK_FALSE(svg.attribute("viewBox"));
    double font = 0;
    for (auto n : svg.select_nodes("//*[@font-size]"))
        font = std::max(font, n.node().attribute("font-size").as_double());
    CHECK(font >= 12);
    if (font < 12) font = 12;

    std::vector<Box> texts;
    for (auto n : svg.select_nodes("//text")) {
        const pugi::xml_node t = n.node();
        const std::string s = t.text().get();
        const double x =
            resolve(t.attribute("x").value(), width) + resolve(t.attribute("dx").value(), width);
        const double y = t.attribute("y").as_double();
        const double w = static_cast<double>(s.size()) * font * 0.6;
        const std::string cls = t.attribute("class").value();
        double left = x;
        if (cls.find("--y") != std::string::npos || cls.find("--target") != std::string::npos)
            left = x - w;
        if (cls.find("--x") != std::string::npos) left = x - w / 2;
        texts.push_back({left, y - font * 0.8, left + w, y + font * 0.2, s});
    }
    REQUIRE_FALSE(texts.empty());
    for (size_t i = 0; i < texts.size(); ++i) {
        INFO("'" << texts[i].what << "' at " << width << " px");
        CHECK(texts[i].left >= -1);
        CHECK(texts[i].right <= width + 1);
        for (size_t j = i + 1; j < texts.size(); ++j) {
            INFO("overlaps '" << texts[j].what << "'");
            CHECK_FALSE(overlap(texts[i], texts[j]));
        }
        for (auto n : svg.select_nodes("//circle")) {
            const auto c = n.node();
            const double cx = resolve(c.attribute("cx").value(), width);
            const double cy = c.attribute("cy").as_double(), r = c.attribute("r").as_double();
            INFO("covers the point at " << cx << "," << cy);
            CHECK_FALSE(overlap(texts[i], {cx - r, cy - r, cx + r, cy + r, "point"}));
        }
        // The data line: a path (M x y L x y…) or line segments.
        for (auto n : svg.select_nodes("//*[contains(@class, 'chart__line')]")) {
            const auto l = n.node();
            std::vector<std::pair<double, double>> pts;
            if (std::string(l.name()) == "line") {
                pts = {{resolve(l.attribute("x1").value(), width), l.attribute("y1").as_double()},
                       {resolve(l.attribute("x2").value(), width), l.attribute("y2").as_double()}};
            } else {
                std::string d = l.attribute("d").value();
                std::replace(d.begin(), d.end(), 'M', ' ');
                std::replace(d.begin(), d.end(), 'L', ' ');
                std::istringstream in(d);
                double px, py;
                while (in >> px >> py) pts.push_back({px, py});
            }
            for (size_t k = 0; k + 1 < pts.size(); ++k) {
                INFO("the data line crosses it");
                CHECK_FALSE(crosses(pts[k].first, pts[k].second, pts[k + 1].first,
                                    pts[k + 1].second, texts[i]));
            }
        }
    }
}

}  // namespace

TEST_CASE("chart: values show the precision the data gave them, grouped in thousands") {
    CHECK(format_number(22, 1) == "22.0");
    CHECK(format_number(23.4, 1) == "23.4");
    CHECK(format_number(12345, 0) == "12,345");
    CHECK(format_number(1490.5, 2) == "1,490.50");
    CHECK(format_number(-1234567.25, 2) == "-1,234,567.25");
    CHECK(format_number(-0.04, 1) == "0.0");
}

TEST_CASE("chart: text is never scaled below 12 px and no label meets a point or the line") {
    for (double width : {288.0, 480.0, 760.0}) {
        check_layout(indicator_chart(ni8(), "ni-8"), width);
        check_layout(indicator_chart(ni39(), "ni-39"), width);
    }
}

TEST_CASE("chart: gridlines are drawn and the baseline point is named") {
    const std::string svg = indicator_chart(ni8(), "ni-8");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(svg.c_str()));
    CHECK(doc.select_nodes("//line[@class='chart__grid']").size() >= 2);
    CHECK(doc.select_node("//circle[contains(@class, 'chart__point--baseline')]"));
    CHECK(doc.select_node("//text[.='Baseline']"));
    // The target is named, with the precision given, where no data goes.
    CHECK(doc.select_node("//text[.='Target: 23.4 by 2010/11']"));
}

TEST_CASE("chart: named by its title once, described by its desc, its drawing hidden") {
    const std::string svg = indicator_chart(ni8(), "ni-8");
    pugi::xml_document doc;
    REQUIRE(doc.load_string(svg.c_str()));
    const auto root = doc.child("svg");
    CHECK(std::string(root.attribute("role").value()) == "img");
    CHECK(std::string(root.attribute("aria-labelledby").value()) == "ni-8-title");
    CHECK(std::string(root.child("desc").attribute("id").value()) == "ni-8-desc");
    for (auto n : doc.select_nodes("//text | //line | //circle")) {
        INFO(n.node().name());
        CHECK(n.node().select_node("ancestor::*[@aria-hidden='true']"));
    }
}

TEST_CASE("chart: a single baseline or result is described as what it is") {
    Indicator baseline_only;
    baseline_only.code = "NI 186";
    baseline_only.baseline = IndicatorValue{"2005", 7.1, 1};
    baseline_only.target = IndicatorValue{"2010/11", 6.3, 1};
    CHECK(chart_description(baseline_only) ==
          "A single point, the baseline: 7.1 in 2005, against a target of 6.3 by 2010/11. No "
          "results have been published yet.");
    Indicator one_result;
    one_result.results = {{"2007/08", 910, 0}};
    CHECK(chart_description(one_result) ==
          "A single point, the one result so far: 910 in 2007/08.");
    CHECK(chart_description(ni8()) ==
          "Line chart from the baseline of 21.4 in 2005/06 to the latest result of 23.8 in "
          "2008/09 (2 results), against a target of 23.4 by 2010/11. The table that follows "
          "gives every value.");
}
