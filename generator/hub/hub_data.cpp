// The hub's own open data: /data.json lists every partnership as the hub
// shows it, with its audit result and how current the hub's copy is.
#include <nlohmann/json.hpp>

#include "audit/report.hpp"
#include "hub/hub.hpp"
#include "render/london_time.hpp"
#include "render/render_site.hpp"
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

/// A Popolo event of the region, linked to the organization it belongs to.
json popolo_event(const std::string& id, const std::string& organization, const HubEvent& e) {
    json j = {{"id", id},
              {"name", e.title},
              {"classification", e.is_meeting ? "meeting" : "event"},
              {"organization_id", organization}};
    const auto minute = [](const TimeOfDay& t) { return t.hour * 60 + t.minute; };
    j["start_date"] = e.start ? render::utc_date_time({e.date, minute(*e.start)}) : e.date.iso();
    if (e.start && e.end) {
        int end = minute(*e.end);
        if (end < minute(*e.start)) end += 24 * 60;
        j["end_date"] = render::utc_date_time({e.date, end});
    }
    j["status"] = !e.status.empty() ? e.status
                  : e.cancelled     ? "cancelled"
                  : e.postponed     ? "postponed"
                                    : "scheduled";
    if (!e.description.empty()) j["description"] = e.description;
    if (!e.venue.empty()) j["location"] = e.venue;
    if (!e.url.empty()) j["url"] = e.url;
    return j;
}

/// The region in Popolo terms: the hub and every partnership as
/// organizations, and every event the hub lists, each with its organizer.
void add_popolo(const Site& hub, const std::vector<Partnership>& all, json& data) {
    json organizations = json::array();
    json hub_org = {
        {"id", hub.slug}, {"name", hub.settings.name}, {"classification", "regional hub"}};
    if (!hub.settings.base_url.empty())
        hub_org["links"] = json::array({{{"url", hub.settings.base_url}, {"note", "website"}}});
    organizations.push_back(hub_org);
    json events = json::array();
    const Partnership own = hub_events(hub);
    for (size_t i = 0; i < own.events.size(); ++i) {
        events.push_back(
            popolo_event(hub.slug + "/event/" + hub.events[i].id, hub.slug, own.events[i]));
    }
    for (const auto& p : all) {
        json org = {
            {"id", p.slug}, {"name", p.name}, {"classification", "local strategic partnership"}};
        if (!p.website.empty())
            org["links"] = json::array({{{"url", p.website}, {"note", "website"}}});
        if (!p.email.empty())
            org["contact_details"] = json::array({{{"type", "email"}, {"value", p.email}}});
        organizations.push_back(org);
        for (const auto& e : p.events) {
            events.push_back(popolo_event(e.id.empty() ? p.slug + "/" + e.uid : e.id, p.slug, e));
        }
    }
    data["organizations"] = organizations;
    data["events"] = events;
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
    json data = {{"meta",
                  {{"generator", std::string("lspgen ") + kVersion},
                   {"generated", today.iso()},
                   {"format",
                    "Popolo (organizations: the hub and every partnership; events: every "
                    "meeting and event the hub lists, each with its partnership as "
                    "organization_id) with lspgen's hub fields (hub, partnerships)"},
                   {"times",
                    "events' start_date and end_date are UTC (Z), from local time "
                    "(Europe/London); a date alone is an all-day entry"},
                   {"extensions",
                    {{"hub", "the hub itself"},
                     {"partnerships",
                      "every partnership as the hub shows it, with its audit result and how "
                      "current the hub's copy of its data is"},
                     {"events[].url", "the meeting's page, or the event's entry"},
                     {"events[].status",
                      "lspgen's words: scheduled, held, cancelled or postponed (no new date "
                      "set)"}}}}},
                 {"hub",
                  {{"slug", hub.slug},
                   {"name", hub.settings.name},
                   {"area", hub.settings.area},
                   {"website", hub.settings.base_url}}},
                 {"partnerships", partnerships}};
    add_popolo(hub, all, data);
    return data.dump(2) + "\n";
}

}  // namespace lspgen::hub
