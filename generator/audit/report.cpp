#include "audit/report.hpp"

#include <nlohmann/json.hpp>

namespace lspgen::audit {

const char* outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::met:
            return "met";
        case Outcome::not_met:
            return "not-met";
        case Outcome::unknown:
            return "unknown";
    }
    return "";
}

std::string score_text(const Report& report) {
    // An item that could not be checked counts neither for nor against: the
    // score is out of the items known, so "not known" never reads as worse
    // than "missing" (13 of 13 known is all that could be checked, met).
    if (report.unknown() == 0) {
        return std::to_string(report.met()) + " of " + std::to_string(report.total());
    }
    return std::to_string(report.met()) + " of " +
           std::to_string(report.total() - report.unknown()) + " known (" +
           std::to_string(report.unknown()) + " not known)";
}

// Names and advice quote the site's data or a partnership's published
// data.json: printed escaped, so none of it talks to the terminal.
void write_human(const Report& report, const std::string& site, std::ostream& out) {
    out << "Transparency audit of " << printable(report.name) << " (" << printable(site) << ")\n";
    out << "score: " << score_text(report) << " good-practice items met\n\n";
    for (const auto& item : report.items) {
        const char* mark = item.outcome == Outcome::met       ? "met    "
                           : item.outcome == Outcome::not_met ? "MISSING"
                                                              : "unknown";
        out << "  " << mark << "  " << printable(item.title) << " [" << printable(item.id) << "]\n";
        out << "           " << printable(item.why) << "\n";
        if (!item.fix.empty()) out << "           to meet it: " << printable(item.fix) << "\n";
    }
    const auto missing = report.missing();
    out << "\n";
    if (missing.empty()) {
        out << "Every item that could be checked is met.\n";
    } else {
        out << missing.size() << (missing.size() == 1 ? " item" : " items")
            << " to add for full marks:";
        for (const Item* item : missing) out << " " << printable(item->id);
        out << "\n";
    }
}

void write_json(const Report& report, const std::string& site, std::ostream& out) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : report.items) {
        nlohmann::json j = {{"id", item.id},
                            {"title", item.title},
                            {"outcome", outcome_name(item.outcome)},
                            {"why", item.why},
                            {"example", item.example}};
        if (!item.fix.empty()) j["fix"] = item.fix;
        items.push_back(j);
    }
    const nlohmann::json j = {
        {"site", site},
        {"name", report.name},
        {"score",
         {{"met", report.met()}, {"unknown", report.unknown()}, {"total", report.total()}}},
        {"items", items}};
    out << j.dump(2) << "\n";
}

void add_warnings(const Report& report, Diagnostics& diagnostics) {
    for (const Item* item : report.missing()) {
        diagnostics.warning(item->where, "good practice not met (" + item->id + "): " + item->why +
                                             " " + item->fix);
    }
}

}  // namespace lspgen::audit
