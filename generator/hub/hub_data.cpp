// The hub's own open data: /data.json lists every partnership as the hub
// shows it, with its audit result and how current the hub's copy is.
#include <nlohmann/json.hpp>

#include "audit/report.hpp"
#include "hub/hub.hpp"
#include "version.hpp"

namespace lspgen::hub {

using nlohmann::json;

namespace {

const char* source_name(Source s) {
    switch (s) {
        case Source::folder:
            return "folder";
        case Source::data:
            return "data";
        case Source::listed:
            return "listed";
    }
    return "";
}

const char* freshness_name(Freshness f) {
    switch (f) {
        case Freshness::current:
            return "current";
        case Freshness::stale:
            return "stale";
        case Freshness::unavailable:
            return "unavailable";
    }
    return "";
}

json optional_text(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

}  // namespace

std::string hub_data_json(const Site& hub, const std::vector<Partnership>& all, const Date& today) {
    json partnerships = json::array();
    for (const auto& p : all) {
        json j = {{"slug", p.slug},
                  {"name", p.name},
                  {"area", p.area},
                  {"county", p.county},
                  {"website", p.website},
                  {"independent", p.independent ? json(*p.independent) : json(nullptr)},
                  {"chair", optional_text(p.chair)},
                  {"vice_chair", optional_text(p.vice_chair)},
                  {"source", source_name(p.source)},
                  {"freshness", freshness_name(p.freshness)}};
        if (p.scs) j["scs"] = {{"title", p.scs->title}, {"url", p.scs->url}};
        if (p.laa) j["laa"] = {{"title", p.laa->title}, {"url", p.laa->url}};
        for (const auto& e : p.events) {
            if (!e.is_meeting || e.cancelled || e.postponed || e.date < today) continue;
            j["next_meeting"] = {{"title", e.title}, {"date", e.date.iso()}, {"url", e.url}};
            break;
        }
        if (p.freshness == Freshness::stale) j["copy_fetched"] = p.fetched_text;
        if (p.audit) {
            json missing = json::array();
            for (const audit::Item* item : p.audit->missing()) missing.push_back(item->id);
            j["audit"] = {{"met", p.audit->met()},
                          {"unknown", p.audit->unknown()},
                          {"total", p.audit->total()},
                          {"missing", missing}};
        }
        partnerships.push_back(j);
    }
    const json data = {{"meta",
                        {{"generator", std::string("lspgen ") + kVersion},
                         {"generated", today.iso()},
                         {"format", "lspgen hub: the partnerships of a region"}}},
                       {"hub",
                        {{"slug", hub.slug},
                         {"name", hub.settings.name},
                         {"area", hub.settings.area},
                         {"website", hub.settings.base_url}}},
                       {"partnerships", partnerships}};
    return data.dump(2) + "\n";
}

}  // namespace lspgen::hub
