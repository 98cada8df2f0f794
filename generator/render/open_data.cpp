// Open data: /data.json in the Popolo vocabulary, built with nlohmann::json
// from the model. Popolo (popoloproject.com) asks for dates in UTC and URIs
// that are absolute; what Popolo has no field for is listed in meta.
#include "render/open_data.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <set>

#include "render/london_time.hpp"
#include "render/render_site.hpp"
#include "render/views.hpp"
#include "version.hpp"

namespace lspgen::render {

using nlohmann::json;

namespace {

/// A Popolo date: "2009-04-16" for an all-day entry, else the UTC instant.
std::string popolo_date(const Date& date, const std::optional<TimeOfDay>& time) {
    return time ? utc_date_time({date, time->hour * 60 + time->minute}) : date.iso();
}

/// The end of an entry, or nothing. An end earlier than the start is the
/// next day (a meeting that runs past midnight), as in meetings.ics.
std::optional<std::string> popolo_end(const Date& date, const std::optional<TimeOfDay>& start,
                                      const std::optional<TimeOfDay>& end) {
    if (!start || !end) return std::nullopt;
    int minute = end->hour * 60 + end->minute;
    if (minute < start->hour * 60 + start->minute) minute += 24 * 60;
    return utc_date_time({date, minute});
}

/// An absolute address on the site, or "" without a base_url: Popolo's
/// URI fields take absolute URIs only, so a relative one is left out.
std::string absolute(const Site& site, const std::string& path) {
    return site.settings.base_url.empty() ? std::string() : site.settings.base_url + path;
}

/// "surrey-county-council": lower-case letters and digits joined by hyphens.
std::string id_part(const std::string& name) {
    std::string id;
    for (unsigned char c : name) {
        if (std::isalnum(c)) {
            id += static_cast<char>(std::tolower(c));
        } else if (!id.empty() && id.back() != '-') {
            id += '-';
        }
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id.empty() ? "unnamed" : id;
}

std::string person_id(const Site& site, const std::string& member) {
    return site.slug + "/person/" + member;
}

std::string attachment_url(const Site& site, const Attachment& a) {
    switch (a.kind) {
        case Attachment::Kind::file:
            return absolute(site, a.file.path);
        case Attachment::Kind::url:
            return a.url;
        case Attachment::Kind::document:
            if (const Document* d = site.find_document(a.document.id)) {
                return d->file ? absolute(site, d->file->path) : d->url;
            }
            return {};
        case Attachment::Kind::none:
            break;
    }
    return {};
}

/// What data.json holds beyond Popolo, so a reader that merges Popolo files
/// knows what to expect (Popolo allows more fields; these are lspgen's).
json extensions() {
    return {{"partnership", "the partnership as the hub shows it (slug, names, area, website...)"},
            {"documents", "the partnership's documents: id, type, title, url, format, size_bytes"},
            {"indicators", "the LAA's National Indicators: baseline, target, results, status"},
            {"audit",
             "the site's own transparency audit: each item met, not-met or unknown, with what was "
             "found"},
            {"posts[].vacant", "true when nobody holds the post"},
            {"events[].public", "whether a meeting is open to the public"},
            {"events[].url", "the meeting's page, or the event's entry on the events page"},
            {"events[].apologies", "ids of the persons who sent apologies"},
            {"events[].decisions", "decisions taken: text, and the paper each is about"},
            {"events[].status",
             "lspgen's words: scheduled, held, cancelled or postponed (no new date set)"}};
}

void add_meetings(const Site& site, json& events) {
    for (const auto& m : site.meetings) {
        json e = {{"id", site.slug + "/meeting/" + m.id},
                  {"name", m.title},
                  {"classification", "meeting"},
                  {"start_date", popolo_date(m.date, m.start)},
                  {"status", names_of(m.status).name},
                  {"organization_id", m.board ? site.slug + "/board/" + m.board->id : site.slug},
                  {"public", m.is_public}};
        if (auto end = popolo_end(m.date, m.start, m.end)) e["end_date"] = *end;
        if (!m.summary.empty()) e["description"] = m.summary.text;
        if (!m.venue.empty()) e["location"] = m.venue;
        if (const std::string url = absolute(site, "meetings/" + m.id + "/"); !url.empty())
            e["url"] = url;
        if (!m.attended.empty()) {
            json attendees = json::array();
            for (const auto& ref : m.attended) {
                const Member* member = site.find_member(ref.id);
                attendees.push_back(
                    {{"id", person_id(site, ref.id)}, {"name", member ? member->name : ref.id}});
            }
            e["attendees"] = attendees;
        }
        if (!m.apologies.empty()) {
            json apologies = json::array();
            for (const auto& ref : m.apologies) apologies.push_back(person_id(site, ref.id));
            e["apologies"] = apologies;
        }
        if (!m.decisions.empty()) {
            json decisions = json::array();
            for (const auto& d : m.decisions) {
                json decision = {{"text", d.text}};
                if (d.paper_index) {
                    const Paper& paper = m.papers[*d.paper_index];
                    json p = {{"title", paper.title}};
                    if (!paper.item.empty()) p["item"] = paper.item;
                    if (const std::string url = attachment_url(site, paper.attachment);
                        !url.empty())
                        p["url"] = url;
                    decision["paper"] = p;
                }
                decisions.push_back(decision);
            }
            e["decisions"] = decisions;
        }
        events.push_back(e);
    }
}

void add_events(const Site& site, json& events) {
    for (const auto& ev : site.events) {
        json e = {{"id", site.slug + "/event/" + ev.id},
                  {"name", ev.title},
                  {"classification", "event"},
                  {"start_date", popolo_date(ev.date, ev.start)},
                  {"status", ev.cancelled ? "cancelled" : "scheduled"},
                  {"organization_id", site.slug}};
        if (auto end = popolo_end(ev.date, ev.start, ev.end)) e["end_date"] = *end;
        if (!ev.description.empty()) e["description"] = ev.description.text;
        if (!ev.venue.empty()) e["location"] = ev.venue;
        if (const std::string url = event_url(site, ev); !url.empty()) e["url"] = url;
        events.push_back(e);
    }
}

}  // namespace

std::string organisation_id(const std::string& site_slug, const std::string& name) {
    return site_slug + "/organisation/" + id_part(name);
}

std::string site_data_json(const Site& site, const Date& today,
                           const std::vector<AuditFinding>& audit) {
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
    // Each member's organisation once, so memberships refer to it by id.
    std::set<std::string> partner_ids;
    for (const auto& m : site.members) {
        if (m.organisation.empty()) continue;
        const std::string id = organisation_id(site.slug, m.organisation);
        if (!partner_ids.insert(id).second) continue;
        organizations.push_back(
            {{"id", id}, {"name", m.organisation}, {"classification", "partner organisation"}});
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
    for (const auto& b : site.boards) {
        if (!b.chair || !site.find_member(b.chair->id)) continue;
        posts.push_back({{"id", site.slug + "/board/" + b.id + "/post/chair"},
                         {"label", "Chair of " + b.name},
                         {"role", "Chair"},
                         {"organization_id", site.slug + "/board/" + b.id},
                         {"vacant", false}});
    }

    json persons = json::array();
    json memberships = json::array();
    for (const auto& m : site.members) {
        const std::string pid = person_id(site, m.id);
        json person = {{"id", pid}, {"name", m.name}};
        if (!m.honorific.empty()) person["honorific_prefix"] = m.honorific;
        if (m.photo && !s.base_url.empty()) person["image"] = absolute(site, m.photo->path);
        if (!m.bio.empty()) person["biography"] = m.bio.text;
        if (!s.base_url.empty())
            person["links"] = json::array({{{"url", absolute(site, "members/" + m.id + "/")}}});
        persons.push_back(person);
        // Popolo: a plain member has no role; a role names what more they do.
        json membership = {{"person_id", pid}, {"organization_id", site.slug}};
        if (m.role != Role::member) membership["role"] = m.role_text;
        if (m.role == Role::chair) membership["post_id"] = site.slug + "/post/chair";
        if (m.role == Role::vice_chair) membership["post_id"] = site.slug + "/post/vice-chair";
        if (!m.organisation.empty())
            membership["on_behalf_of_id"] = organisation_id(site.slug, m.organisation);
        if (m.appointed) membership["start_date"] = m.appointed->iso();
        if (m.term_ends) membership["end_date"] = m.term_ends->iso();
        memberships.push_back(membership);
    }
    // Board memberships; a board's chair holds the board's chair post, even
    // when members.yaml does not list the board among theirs.
    for (const auto& b : site.boards) {
        const std::string board = site.slug + "/board/" + b.id;
        const bool has_chair = b.chair && site.find_member(b.chair->id);
        for (const auto& m : site.members) {
            bool on_board = false;
            for (const auto& ref : m.boards) on_board = on_board || ref.id == b.id;
            const bool chairs = has_chair && b.chair->id == m.id;
            if (!on_board && !chairs) continue;
            json membership = {{"person_id", person_id(site, m.id)}, {"organization_id", board}};
            if (chairs) {
                membership["role"] = "Chair";
                membership["post_id"] = board + "/post/chair";
            }
            memberships.push_back(membership);
        }
    }

    json events = json::array();
    add_meetings(site, events);
    add_events(site, events);

    json documents = json::array();
    for (const auto& d : site.documents) {
        json doc = {{"id", d.id}, {"type", d.type}, {"title", d.title}};
        if (const std::string url = d.file ? absolute(site, d.file->path) : d.url; !url.empty())
            doc["url"] = url;
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

    json audit_items = json::array();
    for (const auto& item : audit) {
        audit_items.push_back(
            {{"id", item.id}, {"title", item.title}, {"outcome", item.outcome}, {"why", item.why}});
    }

    json data = {
        {"meta",
         {{"generator", std::string("lspgen ") + kVersion},
          {"generated", today.iso()},
          {"format",
           "Popolo (organizations, persons, posts, memberships, events) with lspgen "
           "extensions (partnership, documents, indicators, audit)"},
          {"times",
           "events' start_date and end_date are UTC (Z), from the partnership's local time "
           "(Europe/London); a date alone is an all-day entry"},
          {"extensions", extensions()}}},
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
    if (!audit_items.empty()) data["audit"] = {{"items", audit_items}};
    return data.dump(2) + "\n";
}

}  // namespace lspgen::render
