// schema.org JSON-LD for the pages: Organization, Person, Event and
// DefinedTermSet, each saying only what the data knows.
#include <nlohmann/json.hpp>

#include "render/london_time.hpp"
#include "render/open_data.hpp"

namespace lspgen::render {

using nlohmann::json;

namespace {

/// schema.org Date or DateTime: a local time carries its offset from UTC.
std::string schema_date(const Date& date, std::optional<int> minute) {
    return minute ? offset_date_time({date, *minute}) : date.iso();
}

std::optional<int> minute_of(const std::optional<TimeOfDay>& t) {
    if (!t) return std::nullopt;
    return t->hour * 60 + t->minute;
}

}  // namespace

std::string script_safe(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '<')
            out += "\\u003c";
        else
            out += c;
    }
    return out;
}

std::string organization_json_ld(const Site& site) {
    const SiteSettings& s = site.settings;
    json j = {{"@context", "https://schema.org"},
              {"@type", "Organization"},
              {"name", s.name},
              {"areaServed", s.area}};
    if (!s.base_url.empty()) j["url"] = s.base_url;
    if (!s.contact.email.empty()) j["email"] = s.contact.email;
    if (!s.contact.phone.empty()) j["telephone"] = s.contact.phone;
    if (!s.contact.address.empty()) j["address"] = s.contact.address;
    json members = json::array();
    for (const auto& m : site.members)
        members.push_back({{"@type", "Person"}, {"name", m.display_name()}});
    if (!members.empty()) j["member"] = members;
    return script_safe(j.dump());
}

std::string person_json_ld(const Site& site, const Member& m) {
    json j = {{"@context", "https://schema.org"},
              {"@type", "Person"},
              {"name", m.name},
              {"jobTitle", m.role_text},
              {"memberOf", {{"@type", "Organization"}, {"name", site.settings.name}}}};
    if (!m.honorific.empty()) j["honorificPrefix"] = m.honorific;
    if (!m.organisation.empty())
        j["affiliation"] = {{"@type", "Organization"}, {"name", m.organisation}};
    if (m.photo && !site.settings.base_url.empty())
        j["image"] = site.settings.base_url + m.photo->path;
    return script_safe(j.dump());
}

std::string meeting_json_ld(const Site& site, const Meeting& m) {
    static const char* const kStatus[] = {
        "https://schema.org/EventScheduled", "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled", "https://schema.org/EventPostponed"};
    // Whether a meeting is free is not in the data (public is not free), so
    // isAccessibleForFree is not claimed.
    json j = {{"@context", "https://schema.org"},
              {"@type", "Event"},
              {"name", m.title},
              {"startDate", schema_date(m.date, minute_of(m.start))},
              {"eventStatus", kStatus[static_cast<int>(m.status)]},
              {"eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode"},
              {"organizer", {{"@type", "Organization"}, {"name", site.settings.name}}}};
    if (m.start && m.end) {
        int end = *minute_of(m.end);
        if (end < *minute_of(m.start)) end += 24 * 60;
        j["endDate"] = schema_date(m.date, end);
    }
    if (!m.summary.empty()) j["description"] = m.summary.text;
    if (!m.venue.empty())
        j["location"] = {{"@type", "Place"}, {"name", m.venue}, {"address", m.venue}};
    return script_safe(j.dump());
}

std::string glossary_json_ld(const Site& site) {
    json terms = json::array();
    for (const auto& t : site.glossary) {
        terms.push_back({{"@type", "DefinedTerm"},
                         {"name", t.term},
                         {"description", t.expansion},
                         {"url", "#" + t.anchor()}});
    }
    json j = {{"@context", "https://schema.org"},
              {"@type", "DefinedTermSet"},
              {"name", site.settings.short_name + " jargon buster"},
              {"hasDefinedTerm", terms}};
    return script_safe(j.dump());
}

}  // namespace lspgen::render
