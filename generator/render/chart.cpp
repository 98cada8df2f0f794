// The performance page's charts: an indicator's figures drawn as an SVG
// line chart, built with pugixml so that every text is escaped.
#include "render/chart.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

namespace lspgen::render {

namespace {

// Every length is in CSS pixels, except horizontal positions in the plot,
// which are percentages of the chart's width.
constexpr double kFontSize = 14;
constexpr double kCharWidth = kFontSize * 0.62;  // a generous average for sans-serif
/// The narrowest the chart is drawn: a 320 px screen less two 15 px gutters.
/// Margins are worked out so that labels fit at this width and wider.
constexpr double kNarrowest = 288;
constexpr double kLegendBaseline = 20;
constexpr double kPlotTop = 40;
constexpr double kPlotBottom = 184;
constexpr double kPeriodBaseline = kPlotBottom + 22;
constexpr double kHeight = kPeriodBaseline + 26;
constexpr double kPointRadius = 5;

std::string px(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

std::string percent(double fraction) {
    return px(fraction * 100) + "%";
}

double text_width(const std::string& s) {
    size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80 ? 1 : 0;  // UTF-8 lead bytes
    return static_cast<double>(chars) * kCharWidth;
}

/// Gridline values: a round step (1, 2 or 5 × 10ⁿ) and the values from at
/// or below `low` to at or above `high`, four to six of them.
struct Ticks {
    double step = 1;
    int decimals = 0;
    std::vector<double> values;
};

Ticks nice_ticks(double low, double high) {
    if (high - low < 1e-12) {
        const double span = std::max(std::fabs(low) * 0.2, 1.0);
        low -= span / 2;
        high += span / 2;
    }
    const double rough = (high - low) / 4;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power * 10;
    for (double m : {1.0, 2.0, 5.0}) {
        if (rough <= m * power) {
            step = m * power;
            break;
        }
    }
    Ticks t;
    t.step = step;
    t.decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    const double first = std::floor(low / step + 1e-9) * step;
    for (double v = first; v <= high + step * (1 - 1e-9); v += step) {
        t.values.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
        if (v >= high - step * 1e-9) break;
    }
    return t;
}

std::string target_phrase(const Indicator& ind) {
    if (!ind.target) return "";
    return ", against a target of " + format_number(ind.target->value, ind.target->decimals) +
           " by " + ind.target->period;
}

}  // namespace

std::string format_number(double value, int decimals) {
    decimals = std::clamp(decimals, 0, 15);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.find_first_not_of("-0.") == std::string::npos) text.erase(0, text[0] == '-' ? 1 : 0);
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) text.erase(0, 1);
    const size_t point = text.find('.');
    const std::string whole = text.substr(0, point);
    const std::string fraction = point == std::string::npos ? "" : text.substr(point);
    if (whole.size() > 15) return buffer;  // too large to group sensibly
    // Thousands separators, as people read figures: 12,345.
    std::string grouped = negative ? "-" : "";
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    return grouped + fraction;
}

std::string chart_description(const Indicator& ind) {
    auto figure = [](const IndicatorValue& v) { return format_number(v.value, v.decimals); };
    const size_t results = ind.results.size();
    std::string text;
    if (ind.baseline && results == 0) {
        text = "A single point, the baseline: " + figure(*ind.baseline) + " in " +
               ind.baseline->period + target_phrase(ind) + ". No results have been published yet.";
        return text;
    }
    if (!ind.baseline && results == 1) {
        return "A single point, the one result so far: " + figure(ind.results[0]) + " in " +
               ind.results[0].period + target_phrase(ind) + ".";
    }
    const IndicatorValue& last = ind.results.back();
    if (ind.baseline) {
        text = "Line chart from the baseline of " + figure(*ind.baseline) + " in " +
               ind.baseline->period + " to the latest result of " + figure(last) + " in " +
               last.period;
        if (results > 1) text += " (" + std::to_string(results) + " results)";
    } else {
        text = "Line chart of " + std::to_string(results) + " results, from " +
               figure(ind.results.front()) + " in " + ind.results.front().period + " to " +
               figure(last) + " in " + last.period;
    }
    return text + target_phrase(ind) + ". The table that follows gives every value.";
}

std::string indicator_chart(const Indicator& ind, const std::string& id) {
    std::vector<IndicatorValue> points;
    if (ind.baseline) points.push_back(*ind.baseline);
    points.insert(points.end(), ind.results.begin(), ind.results.end());
    if (points.empty()) return {};
    double low = points.front().value;
    double high = low;
    for (const auto& p : points) {
        low = std::min(low, p.value);
        high = std::max(high, p.value);
    }
    if (ind.target) {
        low = std::min(low, ind.target->value);
        high = std::max(high, ind.target->value);
    }
    const Ticks ticks = nice_ticks(low, high);
    const double top_value = ticks.values.back();
    const double bottom_value = ticks.values.front();
    auto y = [&](double v) {
        return kPlotTop + (kPlotBottom - kPlotTop) * (top_value - v) / (top_value - bottom_value);
    };

    // Margins, as fractions of the width, wide enough at the narrowest for
    // the gridline labels on the left and half a period label each side.
    double widest_tick = 0;
    for (double v : ticks.values) {
        widest_tick = std::max(widest_tick, text_width(format_number(v, ticks.decimals)));
    }
    double widest_period = text_width("Baseline");
    for (const auto& p : points) widest_period = std::max(widest_period, text_width(p.period));
    const double left = std::max(widest_tick + 10, widest_period / 2 + 4) / kNarrowest;
    const double right = (widest_period / 2 + 4) / kNarrowest;
    auto x = [&](size_t i) {
        return points.size() == 1 ? left + (1 - left - right) / 2
                                  : left + (1 - left - right) * static_cast<double>(i) /
                                               static_cast<double>(points.size() - 1);
    };
    // Label every period when they fit side by side at the narrowest width;
    // otherwise every second or third, always the first and the last.
    size_t label_every = 1;
    if (points.size() > 1) {
        const double gap = (1 - left - right) * kNarrowest / static_cast<double>(points.size() - 1);
        while (gap * static_cast<double>(label_every) < widest_period + 8) ++label_every;
    }

    pugi::xml_document doc;
    auto svg = doc.append_child("svg");
    svg.append_attribute("xmlns") = "http://www.w3.org/2000/svg";
    svg.append_attribute("class") = "chart";
    svg.append_attribute("width") = "100%";
    svg.append_attribute("height") = px(kHeight).c_str();
    svg.append_attribute("role") = "img";
    // The title names the image and the desc describes it, once each.
    svg.append_attribute("aria-labelledby") = (id + "-title").c_str();
    svg.append_attribute("aria-describedby") = (id + "-desc").c_str();
    auto title = svg.append_child("title");
    title.append_attribute("id") = (id + "-title").c_str();
    title.text() = (ind.code + ": " + ind.title).c_str();
    auto desc = svg.append_child("desc");
    desc.append_attribute("id") = (id + "-desc").c_str();
    desc.text() = chart_description(ind).c_str();

    // The drawing: decoration for assistive technology, which has the table.
    auto drawing = svg.append_child("g");
    drawing.append_attribute("aria-hidden") = "true";
    drawing.append_attribute("font-size") = px(kFontSize).c_str();
    auto line = [&](const std::string& x1, double y1, const std::string& x2, double y2,
                    const char* cls) {
        auto l = drawing.append_child("line");
        l.append_attribute("x1") = x1.c_str();
        l.append_attribute("y1") = px(y1).c_str();
        l.append_attribute("x2") = x2.c_str();
        l.append_attribute("y2") = px(y2).c_str();
        l.append_attribute("class") = cls;
    };
    auto text = [&](const std::string& tx, double ty, const std::string& s, const char* cls,
                    const char* dx = nullptr) {
        auto t = drawing.append_child("text");
        t.append_attribute("x") = tx.c_str();
        t.append_attribute("y") = px(ty).c_str();
        if (dx) t.append_attribute("dx") = dx;
        t.append_attribute("class") = cls;
        t.text() = s.c_str();
    };
    const std::string plot_left = percent(left);
    const std::string plot_right = percent(1 - right);
    for (double v : ticks.values) {
        line(plot_left, y(v), plot_right, y(v), v == bottom_value ? "chart__axis" : "chart__grid");
        text(plot_left, y(v) + kFontSize * 0.35, format_number(v, ticks.decimals),
             "chart__label chart__label--y", "-8");
    }
    if (ind.target) {
        const double ty = y(ind.target->value);
        line(plot_left, ty, plot_right, ty, "chart__target");
        // Named in a legend above the plot, where no data can cross it.
        line("0", kLegendBaseline - 5, "28", kLegendBaseline - 5, "chart__target");
        text("36", kLegendBaseline,
             "Target: " + format_number(ind.target->value, ind.target->decimals) + " by " +
                 ind.target->period,
             "chart__label chart__label--legend");
    }
    for (size_t i = 0; i + 1 < points.size(); ++i) {
        line(percent(x(i)), y(points[i].value), percent(x(i + 1)), y(points[i + 1].value),
             "chart__line");
    }
    for (size_t i = 0; i < points.size(); ++i) {
        const bool baseline = ind.baseline && i == 0;
        auto c = drawing.append_child("circle");
        c.append_attribute("cx") = percent(x(i)).c_str();
        c.append_attribute("cy") = px(y(points[i].value)).c_str();
        c.append_attribute("r") = px(kPointRadius).c_str();
        c.append_attribute("class") =
            baseline ? "chart__point chart__point--baseline" : "chart__point";
        const size_t last = points.size() - 1;
        if (i == last || (i % label_every == 0 && last - i >= label_every)) {
            text(percent(x(i)), kPeriodBaseline, points[i].period, "chart__label chart__label--x");
        }
        if (baseline) {
            text(percent(x(i)), kPeriodBaseline + 18, "Baseline",
                 "chart__label chart__label--x chart__label--baseline");
        }
    }
    std::ostringstream out;
    svg.print(out, "", pugi::format_raw | pugi::format_no_declaration);
    return out.str();
}

}  // namespace lspgen::render
