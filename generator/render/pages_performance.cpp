// The LAA performance page: each indicator's figures, its status in words
// and colour, and a chart whose text alternative is a table of the same
// numbers.
#include <algorithm>

#include "render/chart.hpp"
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
            value.set("value", format_number(v->value, v->decimals));
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
            r.set("value", format_number(v.value, v.decimals));
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
