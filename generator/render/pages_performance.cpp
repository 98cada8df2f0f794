// The LAA performance page: each indicator's figures, its status in words
// and colour, and a chart whose text alternative is a table of the same
// numbers.
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "render/render_site.hpp"
#include "render/views.hpp"

namespace lspgen::render {

namespace {

const char* status_words(IndicatorStatus status) {
    switch (status) {
        case IndicatorStatus::no_data:
            return "No results yet";
        case IndicatorStatus::target_met:
            return "Target met";
        case IndicatorStatus::improving:
            return "Improving";
        case IndicatorStatus::not_improving:
            return "No change";
        case IndicatorStatus::worse:
            return "Getting worse";
    }
    return "";
}

const char* status_class(IndicatorStatus status) {
    switch (status) {
        case IndicatorStatus::no_data:
            return "no-data";
        case IndicatorStatus::target_met:
            return "target-met";
        case IndicatorStatus::improving:
            return "improving";
        case IndicatorStatus::not_improving:
            return "not-improving";
        case IndicatorStatus::worse:
            return "worse";
    }
    return "";
}

}  // namespace

std::string format_number(double value) {
    char buffer[64];
    if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.2f", value);
        std::string s = buffer;
        while (!s.empty() && s.back() == '0') s.pop_back();
        return s;
    }
    // Thousands separators, as people read figures: 12,345.
    std::string digits = buffer;
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    std::string grouped = negative ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

/// An inline SVG line chart of the results with the target as a dashed line.
/// It carries a title and a description; the table beside it is the full
/// text alternative. Built with pugixml so that every text is escaped.
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
    if (high == low) {
        high += 1;
        low -= 1;
    }
    const double pad = (high - low) * 0.1;
    low -= pad;
    high += pad;
    const double width = 480, height = 220, left = 60, right = 40, top = 20, bottom = 40;
    auto x = [&](size_t i) {
        return points.size() == 1 ? left + (width - left - right) / 2
                                  : left + (width - left - right) * static_cast<double>(i) /
                                               static_cast<double>(points.size() - 1);
    };
    auto y = [&](double v) { return top + (height - top - bottom) * (high - v) / (high - low); };
    auto num = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, "%.1f", v);
        return std::string(b);
    };

    pugi::xml_document doc;
    auto svg = doc.append_child("svg");
    svg.append_attribute("xmlns") = "http://www.w3.org/2000/svg";
    svg.append_attribute("class") = "chart";
    svg.append_attribute("viewBox") = ("0 0 " + num(width) + " " + num(height)).c_str();
    svg.append_attribute("role") = "img";
    svg.append_attribute("aria-labelledby") = (id + "-title " + id + "-desc").c_str();
    auto title = svg.append_child("title");
    title.append_attribute("id") = (id + "-title").c_str();
    title.text() = (ind.code + ": " + ind.title).c_str();
    std::string description = "Line chart of " + std::to_string(points.size()) + " values from " +
                              points.front().period + " (" + format_number(points.front().value) +
                              ") to " + points.back().period + " (" +
                              format_number(points.back().value) + ")";
    if (ind.target) {
        description += ", against a target of " + format_number(ind.target->value) + " by " +
                       ind.target->period;
    }
    description += ". The table that follows gives every value.";
    auto desc = svg.append_child("desc");
    desc.append_attribute("id") = (id + "-desc").c_str();
    desc.text() = description.c_str();

    auto line = [&](double x1, double y1, double x2, double y2, const char* cls) {
        auto l = svg.append_child("line");
        l.append_attribute("x1") = num(x1).c_str();
        l.append_attribute("y1") = num(y1).c_str();
        l.append_attribute("x2") = num(x2).c_str();
        l.append_attribute("y2") = num(y2).c_str();
        l.append_attribute("class") = cls;
    };
    auto text = [&](double tx, double ty, const std::string& s, const char* cls) {
        auto t = svg.append_child("text");
        t.append_attribute("x") = num(tx).c_str();
        t.append_attribute("y") = num(ty).c_str();
        t.append_attribute("class") = cls;
        t.text() = s.c_str();
    };
    line(left, top, left, height - bottom, "chart__axis");
    line(left, height - bottom, width - right, height - bottom, "chart__axis");
    text(left - 6, y(high - pad) + 4, format_number(high - pad), "chart__label chart__label--y");
    text(left - 6, y(low + pad) + 4, format_number(low + pad), "chart__label chart__label--y");
    if (ind.target) {
        const double ty = y(ind.target->value);
        line(left, ty, width - right, ty, "chart__target");
        text(width - right, ty - 6, "Target " + format_number(ind.target->value),
             "chart__label chart__label--target");
    }
    std::string path;
    for (size_t i = 0; i < points.size(); ++i) {
        path += (i ? " L" : "M") + num(x(i)) + " " + num(y(points[i].value));
    }
    auto p = svg.append_child("path");
    p.append_attribute("d") = path.c_str();
    p.append_attribute("class") = "chart__line";
    for (size_t i = 0; i < points.size(); ++i) {
        auto c = svg.append_child("circle");
        c.append_attribute("cx") = num(x(i)).c_str();
        c.append_attribute("cy") = num(y(points[i].value)).c_str();
        c.append_attribute("r") = "4";
        c.append_attribute("class") = "chart__point";
        text(x(i), height - bottom + 18, points[i].period, "chart__label chart__label--x");
    }
    std::ostringstream out;
    svg.print(out, "", pugi::format_raw | pugi::format_no_declaration);
    return out.str();
}

bool render_performance(const Views& views, const Theme& theme, RenderedSite& out, Diagnostics& d) {
    const Site& site = views.site();
    if (site.indicators.empty()) return true;
    const std::string file = kPerformancePage;
    const std::string root = root_prefix(file);
    Data data = views.page(
        "Performance", file, "performance",
        "How " + site.settings.short_name + " is doing against its Local Area Agreement targets.");
    Views::set_breadcrumbs(data, {{"Home", root + "index.html"}});
    std::vector<std::pair<std::string, List>> themes;
    size_t counts[5] = {0, 0, 0, 0, 0};
    for (const auto& ind : site.indicators) {
        ++counts[static_cast<int>(ind.status)];
        Data item;
        const std::string id = "indicator-" + term_anchor(ind.code).substr(5);
        item.set("id", id);
        item.set("code", ind.code);
        item.set("title", ind.title);
        set_text(item, "lead", ind.lead);
        set_text(item, "unit", ind.unit);
        item.set("direction_text", ind.direction == Direction::higher_is_better
                                       ? "Higher is better"
                                       : "Lower is better");
        auto value = [&](const std::optional<IndicatorValue>& v, const char* key) {
            if (!v) return;
            Data value;
            value.set("period", v->period);
            value.set("value", format_number(v->value));
            item.set(key, value);
        };
        value(ind.baseline, "baseline");
        value(ind.target, "target");
        value(ind.results.empty() ? std::nullopt : std::optional(ind.results.back()), "latest");
        item.set("status", status_words(ind.status));
        item.set("status_class", status_class(ind.status));
        List rows;
        auto row = [&](const std::string& label, const IndicatorValue& v) {
            Data r;
            r.set("label", label);
            r.set("period", v.period);
            r.set("value", format_number(v.value));
            rows.push_back(r);
        };
        if (ind.baseline) row("Baseline", *ind.baseline);
        for (const auto& r : ind.results) row("Result", r);
        if (ind.target) row("Target", *ind.target);
        item.set("has_rows", !rows.empty());
        item.set("rows", rows);
        set_text(item, "chart_svg", indicator_chart(ind, id + "-chart"));
        set_text(item, "note_html", views.markdown_html(ind.note, root, 4));
        auto group = std::find_if(themes.begin(), themes.end(),
                                  [&](const auto& g) { return g.first == ind.theme; });
        if (group == themes.end()) {
            themes.emplace_back(ind.theme, List{});
            group = themes.end() - 1;
        }
        group->second.push_back(item);
    }
    List groups;
    for (auto& [name, items] : themes) {
        Data g;
        g.set("theme", name);
        g.set("anchor", term_anchor(name).replace(0, 4, "theme"));
        g.set("indicators", items);
        groups.push_back(g);
    }
    data.set("themes", groups);
    List summary;
    for (IndicatorStatus s :
         {IndicatorStatus::target_met, IndicatorStatus::improving, IndicatorStatus::not_improving,
          IndicatorStatus::worse, IndicatorStatus::no_data}) {
        if (!counts[static_cast<int>(s)]) continue;
        Data entry;
        entry.set("status", status_words(s));
        entry.set("status_class", status_class(s));
        entry.set("count", std::to_string(counts[static_cast<int>(s)]));
        summary.push_back(entry);
    }
    data.set("summary", summary);
    data.set("indicator_count", std::to_string(site.indicators.size()));
    return emit_page(theme, "performance", file, data, out, d);
}

}  // namespace lspgen::render
