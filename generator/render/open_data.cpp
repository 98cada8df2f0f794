// Open data: /data.json in the Popolo vocabulary, and schema.org JSON-LD
// for the pages. Both are built with nlohmann::json from the model.
#include "render/open_data.hpp"

#include <nlohmann/json.hpp>

#include "render/views.hpp"
#include "version.hpp"

namespace lspgen::render {

using nlohmann::json;

namespace {

std::string iso_datetime(const Date& date, const std::optional<TimeOfDay>& time) {
    return time ? date.iso() + "T" + time->text() + ":00" : date.iso();
}

std::string absolute(const Site& site, const std::string& path) {
    return site.settings.base_url.empty() ? path : site.settings.base_url + path;
}

// JSON inside <script> must not contain "</script>": '<' can only occur in
// JSON strings, where \u003c means the same character.
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

}  // namespace

std::string site_data_json(const Site& site, const Date& today) {
    const SiteSettings& s = site.settings;
    json organizations = json::array();
    json org = {{"id", site.slug},
                {"name", s.name},
                {"classification", "local strategic partnership"},
                {"area_id", "area-" + site.slug}};
    json contacts = json::array();
    if (!s.contact.email.empty())
        contacts.push_back({{"type", "email"}, {"value", s.contact.email}});
    if (!s.contact.phone.empty())
        contacts.push_back({{"type", "voice"}, {"value", s.contact.phone}});
    if (!s.contact.address.empty())
        contacts.push_back({{"type", "address"}, {"value", s.contact.address}});
    org["contact_details"] = contacts;
    if (!s.base_url.empty())
        org["links"] = json::array({{{"url", s.base_url}, {"note", "website"}}});
    organizations.push_back(org);
    for (const auto& b : site.boards) {
        organizations.push_back({{"id", site.slug + "/board/" + b.id},
                                 {"name", b.name},
                                 {"classification", "board"},
                                 {"parent_id", site.slug}});
    }

    json persons = json::array();
    json memberships = json::array();
    for (const auto& m : site.members) {
        json person = {{"id", "person/" + m.id}, {"name", m.name}};
        if (!m.honorific.empty()) person["honorific_prefix"] = m.honorific;
        if (m.photo) person["image"] = absolute(site, m.photo->path);
        if (!m.bio.empty()) person["biography"] = m.bio.text;
        person["links"] = json::array({{{"url", absolute(site, "members/" + m.id + "/")}}});
        persons.push_back(person);
        json membership = {
            {"person_id", "person/" + m.id}, {"organization_id", site.slug}, {"role", m.role_text}};
        if (m.role == Role::chair) membership["post_id"] = site.slug + "/post/chair";
        if (m.role == Role::vice_chair) membership["post_id"] = site.slug + "/post/vice-chair";
        if (!m.organisation.empty()) membership["on_behalf_of"] = {{"name", m.organisation}};
        if (m.appointed) membership["start_date"] = m.appointed->iso();
        if (m.term_ends) membership["end_date"] = m.term_ends->iso();
        memberships.push_back(membership);
        for (const auto& ref : m.boards) {
            memberships.push_back({{"person_id", "person/" + m.id},
                                   {"organization_id", site.slug + "/board/" + ref.id},
                                   {"role", "Member"}});
        }
    }
    json posts = json::array(
        {{{"id", site.slug + "/post/chair"}, {"label", "Chair"}, {"organization_id", site.slug}},
         {{"id", site.slug + "/post/vice-chair"},
          {"label", "Vice-chair"},
          {"organization_id", site.slug}}});
    for (auto& post : posts) {
        const Member* holder =
            site.post_holder(post["label"] == "Chair" ? Role::chair : Role::vice_chair);
        post["vacant"] = holder == nullptr;
    }

    json events = json::array();
    for (const auto& m : site.meetings) {
        json e = {{"id", site.slug + "/meeting/" + m.id},
                  {"name", m.title},
                  {"classification", "meeting"},
                  {"start_date", iso_datetime(m.date, m.start)},
                  {"status", names_of(m.status).name},
                  {"organization_id", m.board ? site.slug + "/board/" + m.board->id : site.slug},
                  {"public", m.is_public},
                  {"url", absolute(site, "meetings/" + m.id + "/")}};
        if (m.end) e["end_date"] = iso_datetime(m.date, m.end);
        if (!m.venue.empty()) e["location"] = m.venue;
        events.push_back(e);
    }
    for (const auto& ev : site.events) {
        json e = {{"id", site.slug + "/event/" + ev.id},
                  {"name", ev.title},
                  {"classification", "event"},
                  {"start_date", iso_datetime(ev.date, ev.start)},
                  {"status", ev.cancelled ? "cancelled" : "scheduled"},
                  {"organization_id", site.slug}};
        if (ev.end) e["end_date"] = iso_datetime(ev.date, ev.end);
        if (!ev.venue.empty()) e["location"] = ev.venue;
        events.push_back(e);
    }

    json documents = json::array();
    for (const auto& d : site.documents) {
        json doc = {{"id", d.id},
                    {"type", d.type},
                    {"title", d.title},
                    {"url", d.file ? absolute(site, d.file->path) : d.url}};
        if (d.file) {
            doc["format"] = file_format(d.file->path);
            doc["size_bytes"] = d.file->size;
        }
        if (d.published) doc["published"] = d.published->iso();
        documents.push_back(doc);
    }
    json key_documents = json::array();
    for (const auto& ref : s.key_documents) key_documents.push_back(ref.id);

    json indicators = json::array();
    for (const auto& ind : site.indicators) {
        auto value = [](const IndicatorValue& v) {
            return json{{"period", v.period}, {"value", v.value}};
        };
        json i = {{"code", ind.code},
                  {"title", ind.title},
                  {"theme", ind.theme},
                  {"direction", ind.direction == Direction::higher_is_better ? "higher-is-better"
                                                                             : "lower-is-better"},
                  {"results", json::array()}};
        if (!ind.lead.empty()) i["lead"] = ind.lead;
        if (!ind.unit.empty()) i["unit"] = ind.unit;
        if (ind.baseline) i["baseline"] = value(*ind.baseline);
        if (ind.target) i["target"] = value(*ind.target);
        for (const auto& r : ind.results) i["results"].push_back(value(r));
        static const char* const kStatus[] = {"no-data", "target-met", "improving", "not-improving",
                                              "worse"};
        i["status"] = kStatus[static_cast<int>(ind.status)];
        indicators.push_back(i);
    }

    json data = {{"meta",
                  {{"generator", std::string("lspgen ") + kVersion},
                   {"generated", today.iso()},
                   {"format",
                    "Popolo (organizations, persons, posts, memberships, events) with lspgen "
                    "extensions (partnership, documents, indicators)"}}},
                 {"partnership",
                  {{"slug", site.slug},
                   {"name", s.name},
                   {"short_name", s.short_name},
                   {"area", s.area},
                   {"county", s.county},
                   {"region", s.region},
                   {"website", s.base_url},
                   {"independent", s.independent},
                   {"hosted_by", s.hosted_by},
                   {"key_documents", key_documents}}},
                 {"areas", json::array({{{"id", "area-" + site.slug}, {"name", s.area}}})},
                 {"organizations", organizations},
                 {"persons", persons},
                 {"posts", posts},
                 {"memberships", memberships},
                 {"events", events},
                 {"documents", documents},
                 {"indicators", indicators}};
    return data.dump(2) + "\n";
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
    if (m.photo && !site.settings.base_url.empty()) j["image"] = absolute(site, m.photo->path);
    return script_safe(j.dump());
}

std::string meeting_json_ld(const Site& site, const Meeting& m) {
    static const char* const kStatus[] = {
        "https://schema.org/EventScheduled", "https://schema.org/EventScheduled",
        "https://schema.org/EventCancelled", "https://schema.org/EventPostponed"};
    json j = {{"@context", "https://schema.org"},
              {"@type", "Event"},
              {"name", m.title},
              {"startDate", iso_datetime(m.date, m.start)},
              {"eventStatus", kStatus[static_cast<int>(m.status)]},
              {"eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode"},
              {"organizer", {{"@type", "Organization"}, {"name", site.settings.name}}},
              {"isAccessibleForFree", true}};
    if (m.end) j["endDate"] = iso_datetime(m.date, m.end);
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
