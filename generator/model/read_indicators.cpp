#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/load_site.hpp"

namespace lspgen {

namespace {

const std::vector<std::string>& status_names() {
    static const std::vector<std::string> names = {"no-data", "target-met", "improving",
                                                   "not-improving", "worse"};
    return names;
}

// The decimal places of a number as written: "22.0" → 1, "1490" → 0,
// "1.25e1" → 1 (12.5).
int decimals_written(const std::string& text) {
    const size_t exponent = text.find_first_of("eE");
    const std::string mantissa = text.substr(0, exponent);
    const size_t point = mantissa.find('.');
    int places = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
    if (exponent != std::string::npos) {
        int power = 0;
        std::from_chars(text.data() + exponent + 1 + (text[exponent + 1] == '+' ? 1 : 0),
                        text.data() + text.size(), power);
        places -= power;
    }
    return std::clamp(places, 0, 15);
}

// {period: 2008/09, value: 1490}
std::optional<IndicatorValue> read_value(const load::RawNode& node, const char* what,
                                         const SiteFolder& folder, Diagnostics& diagnostics) {
    Fields fields(node, what, folder, diagnostics);
    if (!fields.ok()) return std::nullopt;
    auto period = fields.text("period", Need::required);
    auto value = fields.number("value", Need::required);
    fields.finish();
    if (!period || !value) return std::nullopt;
    int decimals = 0;
    for (const auto& [key, written] : node.entries) {
        if (key.scalar == "value") decimals = decimals_written(written.scalar);
    }
    return IndicatorValue{*period, *value, decimals};
}

}  // namespace

IndicatorStatus compute_status(const Indicator& indicator) {
    if (indicator.results.empty()) return IndicatorStatus::no_data;
    const double latest = indicator.results.back().value;
    const bool higher = indicator.direction == Direction::higher_is_better;
    auto better = [&](double a, double b) { return higher ? a > b : a < b; };
    if (indicator.target &&
        (latest == indicator.target->value || better(latest, indicator.target->value))) {
        return IndicatorStatus::target_met;
    }
    const double reference =
        indicator.baseline ? indicator.baseline->value : indicator.results.front().value;
    if (better(latest, reference)) return IndicatorStatus::improving;
    if (latest == reference) return IndicatorStatus::not_improving;
    return IndicatorStatus::worse;
}

void read_indicators(const SiteFolder& folder, Site& site, Diagnostics& diagnostics) {
    read_records(folder, "indicators.yaml", "indicator", "code", diagnostics,
                 [&](Fields& fields, const load::RawNode&) {
                     Indicator ind;
                     ind.where = fields.where();
                     ind.code = fields.text("code", Need::required).value_or("");
                     ind.title = fields.text("title", Need::required).value_or("");
                     ind.theme = fields.text("theme").value_or("Other indicators");
                     ind.lead = fields.text("lead").value_or("");
                     ind.unit = fields.text("unit").value_or("");
                     const auto direction = fields.choice(
                         "direction", {"higher-is-better", "lower-is-better"}, Need::required);
                     ind.direction = direction == std::optional<std::string>("lower-is-better")
                                         ? Direction::lower_is_better
                                         : Direction::higher_is_better;
                     if (const load::RawNode* baseline = fields.node("baseline", Shape::mapping)) {
                         ind.baseline = read_value(*baseline, "baseline", folder, diagnostics);
                     }
                     if (const load::RawNode* target = fields.node("target", Shape::mapping)) {
                         ind.target = read_value(*target, "target", folder, diagnostics);
                     }
                     if (const load::RawNode* results = fields.node("results", Shape::list)) {
                         if (!results->is_sequence()) {
                             diagnostics.error(results->where,
                                               "'results' must be a list of {period, value}, not " +
                                                   describe(*results));
                         } else {
                             for (const auto& item : results->items) {
                                 if (auto v = read_value(item, "result", folder, diagnostics)) {
                                     ind.results.push_back(*v);
                                 }
                             }
                         }
                     }
                     ind.note = fields.markdown("note").value_or(Markdown{});
                     if (auto status = fields.choice("status", status_names())) {
                         const auto& names = status_names();
                         ind.status = static_cast<IndicatorStatus>(
                             std::find(names.begin(), names.end(), *status) - names.begin());
                     } else {
                         ind.status = compute_status(ind);
                     }
                     std::string key = ind.code;
                     site.indicators.push_back(std::move(ind));
                     return key;
                 });
}

}  // namespace lspgen
