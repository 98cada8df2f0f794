// The open data of every example site and the hub, checked against rules
// written from the standards' own documentation (not against lspgen's own
// output): Popolo for data.json (popoloproject.com: dates in UTC or with an
// offset, absolute URIs, ids to refer by, the classes' fields), schema.org
// for the JSON-LD (Date/DateTime in ISO 8601 with an offset) and RFC 5545
// for meetings.ics, read with libical. What each site holds is read with
// lspgen's model, so that each rule is checked against the data, record by
// record.
#include <catch2/catch.hpp>

#include <libical/ical.h>

#include <ctime>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// Every site in sites/, built once per test process with the hub.
struct Examples {
    TempDir tmp;
    fs::path out;
    std::vector<lspgen::Site> sites;  // the partnerships
    std::optional<lspgen::Site> hub;
    RunResult run;
    Examples() : out(tmp / "out") {
        std::vector<std::string> args = {"build"};
        for (const auto& entry : fs::directory_iterator(source_dir() / "sites")) {
            if (!entry.is_directory()) continue;
            args.push_back(entry.path().string());
            lspgen::Diagnostics d;
            auto site = lspgen::load_site(entry.path(), entry.path().string(), d);
            REQUIRE(site);
            if (site->kind == lspgen::SiteKind::hub) {
                hub = std::move(*site);
            } else {
                sites.push_back(std::move(*site));
            }
        }
        for (const char* a : {"-o", "", "--now", "2009-03-01", "--cache-dir", ""})
            args.push_back(a);
        args[args.size() - 5] = out.string();
        args[args.size() - 1] = (tmp / "cache").string();
        run = run_lspgen(args);
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        REQUIRE(hub);
        REQUIRE(sites.size() >= 3);
    }
    json data(const std::string& slug) const {
        return json::parse(read_file(out / slug / "data.json"));
    }
};

const Examples& examples() {
    static const Examples built;
    return built;
}

/// Popolo's date: a date, or a date-time in UTC ("Z") or with an offset.
/// lspgen writes Z for every time, as the Popolo spec says dates are UTC.
const std::regex kPopoloDate(R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$)");
/// schema.org DateTime for a local time: with its offset from UTC.
const std::regex kOffsetDateTime(R"(^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$)");

std::string utc_text(time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// The UTC instant of "2009-03-16T18:30:00+00:00".
std::string offset_to_utc(const std::string& text) {
    std::tm tm{};
    REQUIRE(strptime(text.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm) != nullptr);
    const int sign = text[19] == '-' ? -1 : 1;
    const int offset =
        sign * (std::stoi(text.substr(20, 2)) * 3600 + std::stoi(text.substr(23, 2)) * 60);
    return utc_text(timegm(&tm) - offset);
}

const json* find_id(const json& list, const std::string& id) {
    for (const auto& item : list) {
        if (item.value("id", "") == id) return &item;
    }
    return nullptr;
}

/// Each VEVENT of a calendar file, with its libical component (freed with the calendar).
struct Calendar {
    icalcomponent* root = nullptr;
    explicit Calendar(const fs::path& file) {
        const std::string text = read_file(file);
        root = icalparser_parse_string(text.c_str());
        REQUIRE(root != nullptr);
    }
    ~Calendar() { icalcomponent_free(root); }
    Calendar(const Calendar&) = delete;
    Calendar& operator=(const Calendar&) = delete;
    std::vector<icalcomponent*> events() const {
        std::vector<icalcomponent*> list;
        for (icalcomponent* e = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); e;
             e = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
            list.push_back(e);
        }
        return list;
    }
};

/// data.json's id of a calendar entry: "meeting-x@spelthorne.lspgen" →
/// "spelthorne/meeting/x"; "event-y@…" → "…/event/y".
std::string popolo_id(const std::string& uid) {
    const size_t at = uid.find('@');
    const std::string site = uid.substr(at + 1, uid.rfind(".lspgen") - at - 1);
    const std::string local = uid.substr(0, at);
    const size_t dash = local.find('-');
    return site + "/" + local.substr(0, dash) + "/" + local.substr(dash + 1);
}

/// Every string under a key named url or image, anywhere in the data.
void collect_addresses(const json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if ((key == "url" || key == "image") && value.is_string()) out.push_back(value);
            collect_addresses(value, out);
        }
    } else if (j.is_array()) {
        for (const auto& v : j) collect_addresses(v, out);
    }
}

std::string json_ld(const std::string& html) {
    const std::string open = "<script type=\"application/ld+json\">";
    const size_t start = html.find(open);
    if (start == std::string::npos) return "";
    const size_t end = html.find("</script>", start);
    return html.substr(start + open.size(), end - start - open.size());
}

}  // namespace

TEST_CASE("open data standards: every event time in data.json is UTC with Z, summer and winter") {
    const Examples& ex = examples();
    int summer = 0, winter = 0;
    for (const auto& site : ex.sites) {
        INFO("site " << site.slug);
        const json data = ex.data(site.slug);
        for (const auto& e : data["events"]) {
            INFO("event " << e["id"]);
            CHECK(std::regex_match(e["start_date"].get<std::string>(), kPopoloDate));
            if (e.contains("end_date")) {
                CHECK(std::regex_match(e["end_date"].get<std::string>(), kPopoloDate));
            }
        }
        // The same instant as the calendar's London time, as libical reads
        // it with the calendar's own VTIMEZONE.
        Calendar cal(ex.out / site.slug / "meetings.ics");
        for (icalcomponent* e : cal.events()) {
            const icaltimetype start = icalcomponent_get_dtstart(e);
            if (start.is_date) continue;
            const std::string uid = icalcomponent_get_uid(e);
            INFO("calendar entry " << uid);
            REQUIRE(start.zone != nullptr);
            const time_t t = icaltime_as_timet_with_zone(start, start.zone);
            const json* event = find_id(data["events"], popolo_id(uid));
            REQUIRE(event != nullptr);
            CHECK((*event)["start_date"] == utc_text(t));
            ((start.hour * 60 + start.minute) - (t / 60 % 1440) == 60 ? summer : winter)++;
        }
    }
    CHECK(summer > 0);
    CHECK(winter > 0);
    // Two by hand: 18:30 on 16 July 2007 is British Summer Time, 18:30 on
    // 16 March 2009 Greenwich Mean Time.
    const json spelthorne = ex.data("spelthorne");
    CHECK((*find_id(spelthorne["events"],
                    "spelthorne/meeting/lsp-executive-2007-07-16"))["start_date"] ==
          "2007-07-16T17:30:00Z");
    CHECK((*find_id(spelthorne["events"],
                    "spelthorne/meeting/lsp-executive-2009-03-16"))["start_date"] ==
          "2009-03-16T18:30:00Z");
    const json hub_data = ex.data(ex.hub->slug);
    for (const auto& e : hub_data["events"]) {
        INFO("hub event " << e["id"]);
        CHECK(std::regex_match(e["start_date"].get<std::string>(), kPopoloDate));
    }
}

TEST_CASE(
    "open data standards: meeting JSON-LD gives times with an offset, location only with a "
    "venue, and no claim of free entry") {
    const Examples& ex = examples();
    for (const auto& site : ex.sites) {
        const json data = ex.data(site.slug);
        for (const auto& m : site.meetings) {
            INFO(site.slug << " meeting " << m.id);
            const json ld = json::parse(
                json_ld(read_file(ex.out / site.slug / "meetings" / m.id / "index.html")));
            const json* event = find_id(data["events"], site.slug + "/meeting/" + m.id);
            REQUIRE(event != nullptr);
            for (const char* key : {"startDate", "endDate"}) {
                if (!ld.contains(key)) continue;
                const std::string when = ld[key];
                CHECK(std::regex_match(when, kOffsetDateTime));
                if (when.size() > 10) {
                    CHECK(offset_to_utc(when) ==
                          (*event)[std::string(key) == "startDate" ? "start_date" : "end_date"]);
                }
            }
            CHECK(ld.contains("endDate") == (m.start && m.end));
            // The data says whether a meeting is public, never whether it is free.
            CHECK_FALSE(ld.contains("isAccessibleForFree"));
            CHECK(ld.contains("location") == !m.venue.empty());
            if (!m.venue.empty()) CHECK(ld["location"]["name"] == m.venue);
        }
    }
    // The hub's homepage is an Organization too.
    const json hub_ld = json::parse(json_ld(read_file(ex.out / ex.hub->slug / "index.html")));
    CHECK(hub_ld["@type"] == "Organization");
    CHECK(hub_ld["name"] == ex.hub->settings.name);
    CHECK(hub_ld["url"] == ex.hub->settings.base_url);
}

TEST_CASE("open data standards: chairs hold their posts, and no membership is role \"Member\"") {
    const Examples& ex = examples();
    int board_chairs = 0;
    for (const auto& site : ex.sites) {
        INFO("site " << site.slug);
        const json data = ex.data(site.slug);
        auto membership = [&](const std::string& person, const std::string& org) -> const json* {
            for (const auto& m : data["memberships"]) {
                if (m["person_id"] == person && m["organization_id"] == org) return &m;
            }
            return nullptr;
        };
        for (const auto& m : data["memberships"]) {
            INFO(m.dump());
            // Popolo: leave role out for plain membership rather than "Member".
            if (m.contains("role")) CHECK(m["role"] != "Member");
        }
        for (const auto& b : site.boards) {
            if (!b.chair) continue;
            INFO("board " << b.id);
            ++board_chairs;
            const json* m =
                membership(site.slug + "/person/" + b.chair->id, site.slug + "/board/" + b.id);
            REQUIRE(m != nullptr);
            CHECK((*m)["role"] == "Chair");
            REQUIRE(m->contains("post_id"));
            const json* post = find_id(data["posts"], (*m)["post_id"]);
            REQUIRE(post != nullptr);
            CHECK((*post)["organization_id"] == site.slug + "/board/" + b.id);
        }
        if (const lspgen::Member* chair = site.post_holder(lspgen::Role::chair)) {
            const json* m = membership(site.slug + "/person/" + chair->id, site.slug);
            REQUIRE(m != nullptr);
            CHECK((*m)["role"] == "Chair");
            CHECK((*m)["post_id"] == site.slug + "/post/chair");
        }
    }
    CHECK(board_chairs >= 8);
}

TEST_CASE("open data standards: ids are namespaced by site and every reference resolves") {
    const Examples& ex = examples();
    std::set<std::string> all_ids;
    for (const auto& site : ex.sites) {
        INFO("site " << site.slug);
        const json data = ex.data(site.slug);
        std::set<std::string> ids;
        for (const char* kind : {"organizations", "persons", "posts", "events"}) {
            for (const auto& item : data[kind]) {
                const std::string id = item["id"];
                CHECK((id == site.slug || id.rfind(site.slug + "/", 0) == 0));
                CHECK(ids.insert(id).second);
                CHECK(all_ids.insert(id).second);  // none collides across the region
            }
        }
        for (const auto& p : data["persons"]) {
            CHECK(p["id"].get<std::string>().rfind(site.slug + "/person/", 0) == 0);
        }
        for (const auto& m : data["memberships"]) {
            INFO(m.dump());
            CHECK_FALSE(m.contains("on_behalf_of"));  // referred to by id instead
            for (const char* ref : {"person_id", "organization_id", "post_id", "on_behalf_of_id"}) {
                if (m.contains(ref)) CHECK(ids.count(m[ref]) == 1);
            }
        }
        for (const auto& e : data["events"]) CHECK(ids.count(e["organization_id"]) == 1);
        for (const auto& member : site.members) {
            INFO("member " << member.id);
            const json* m = nullptr;
            for (const auto& candidate : data["memberships"]) {
                if (candidate["person_id"] == site.slug + "/person/" + member.id &&
                    candidate["organization_id"] == site.slug)
                    m = &candidate;
            }
            REQUIRE(m != nullptr);
            if (member.organisation.empty()) continue;
            const json* org = find_id(data["organizations"], (*m)["on_behalf_of_id"]);
            REQUIRE(org != nullptr);
            CHECK((*org)["name"] == member.organisation);
        }
    }
}

TEST_CASE("open data standards: meetings and events carry their descriptions") {
    const Examples& ex = examples();
    for (const auto& site : ex.sites) {
        const json data = ex.data(site.slug);
        for (const auto& m : site.meetings) {
            INFO(site.slug << " meeting " << m.id);
            const json* e = find_id(data["events"], site.slug + "/meeting/" + m.id);
            REQUIRE(e != nullptr);
            if (m.summary.empty()) {
                CHECK_FALSE(e->contains("description"));
            } else {
                CHECK((*e)["description"] == m.summary.text);
            }
        }
        for (const auto& ev : site.events) {
            INFO(site.slug << " event " << ev.id);
            const json* e = find_id(data["events"], site.slug + "/event/" + ev.id);
            REQUIRE(e != nullptr);
            if (!ev.description.empty()) CHECK((*e)["description"] == ev.description.text);
        }
    }
}

TEST_CASE("open data standards: every field beyond Popolo's is documented in meta") {
    // The properties of each Popolo class, from the Popolo specification.
    const std::map<std::string, std::set<std::string>> popolo = {
        {"persons",
         {"id",
          "name",
          "other_names",
          "identifiers",
          "family_name",
          "given_name",
          "additional_name",
          "honorific_prefix",
          "honorific_suffix",
          "patronymic_name",
          "sort_name",
          "email",
          "gender",
          "birth_date",
          "death_date",
          "image",
          "summary",
          "biography",
          "national_identity",
          "contact_details",
          "links",
          "sources",
          "created_at",
          "updated_at"}},
        {"organizations",
         {"id", "name", "other_names", "identifiers", "classification", "parent_id", "area_id",
          "abstract", "description", "founding_date", "dissolution_date", "image",
          "contact_details", "links", "sources", "created_at", "updated_at"}},
        {"posts",
         {"id", "label", "other_label", "role", "organization_id", "area_id", "start_date",
          "end_date", "contact_details", "links", "sources", "created_at", "updated_at"}},
        {"memberships",
         {"id", "label", "role", "person_id", "organization_id", "member", "post_id",
          "on_behalf_of_id", "area_id", "start_date", "end_date", "contact_details", "links",
          "sources", "created_at", "updated_at"}},
        {"events",
         {"id", "name", "description", "start_date", "end_date", "location", "status",
          "identifiers", "classification", "organization_id", "attendees", "parent_id", "sources",
          "created_at", "updated_at"}},
        {"areas", {"id", "name", "identifiers", "classification", "parent_id", "geometry"}}};
    const Examples& ex = examples();
    std::vector<std::string> slugs = {ex.hub->slug};
    for (const auto& site : ex.sites) slugs.push_back(site.slug);
    for (const auto& slug : slugs) {
        INFO("site " << slug);
        const json data = ex.data(slug);
        const json& extensions = data["meta"]["extensions"];
        REQUIRE(extensions.is_object());
        for (const auto& [key, value] : data.items()) {
            if (key == "meta") continue;
            auto known = popolo.find(key);
            if (known == popolo.end()) {
                INFO("top-level " << key);
                CHECK(extensions.contains(key));
                continue;
            }
            for (const auto& item : value) {
                for (const auto& [field, unused] : item.items()) {
                    if (known->second.count(field)) continue;
                    INFO(key << "[]." << field);
                    CHECK(extensions.contains(key + "[]." + field));
                }
            }
        }
    }
}

TEST_CASE("open data standards: data.json has no relative address, with or without base_url") {
    const Examples& ex = examples();
    std::vector<std::string> slugs = {ex.hub->slug};
    for (const auto& site : ex.sites) slugs.push_back(site.slug);
    for (const auto& slug : slugs) {
        std::vector<std::string> addresses;
        collect_addresses(ex.data(slug), addresses);
        CHECK(addresses.size() > 5);
        for (const auto& url : addresses) {
            INFO(slug << ": " << url);
            CHECK((url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0));
        }
    }
    // A site without base_url: the addresses are left out, and the build says so.
    TempDir tmp;
    fs::copy(source_dir() / "sites" / "tonbridge-malling", tmp / "site",
             fs::copy_options::recursive);
    fs::remove_all(tmp / "site" / "news");  // news needs base_url for its feed
    std::string yaml = read_file(tmp / "site" / "site.yaml");
    yaml.replace(yaml.find("base_url:"), 9, "# base_url:");
    write_file(tmp / "site" / "site.yaml", yaml);
    const RunResult run = run_lspgen(
        {"build", (tmp / "site").string(), "-o", (tmp / "out").string(), "--now", "2009-03-01"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.err, Catch::Contains("site.yaml:") && Catch::Contains("warning") &&
                            Catch::Contains("data.json) leaves out the addresses"));
    std::vector<std::string> addresses;
    const json data = json::parse(read_file(tmp / "out" / "data.json"));
    collect_addresses(data, addresses);
    for (const auto& url : addresses) {
        INFO(url);
        CHECK((url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0));
    }
    CHECK(data["persons"].size() > 3);
}

TEST_CASE(
    "open data standards: the hub's data.json is the region in Popolo, each event linked "
    "to its partnership") {
    const Examples& ex = examples();
    const lspgen::Site& hub = *ex.hub;
    const json data = ex.data(hub.slug);
    REQUIRE(data["organizations"].is_array());
    CHECK(data["organizations"].size() == data["partnerships"].size() + 1);
    CHECK(find_id(data["organizations"], hub.slug) != nullptr);
    for (const auto& p : data["partnerships"]) {
        INFO("partnership " << p["slug"]);
        const json* org = find_id(data["organizations"], p["slug"]);
        REQUIRE(org != nullptr);
        CHECK((*org)["name"] == p["name"]);
    }
    for (const auto& e : data["events"]) {
        INFO(e.dump());
        CHECK(find_id(data["organizations"], e["organization_id"]) != nullptr);
    }
    for (const auto& ev : hub.events) {
        const json* e = find_id(data["events"], hub.slug + "/event/" + ev.id);
        REQUIRE(e != nullptr);
        CHECK((*e)["organization_id"] == hub.slug);
    }
    for (const auto& site : ex.sites) {
        // The partnership's organization has the id of its own data.json's,
        // and its events keep their ids, so the region's files merge.
        CHECK(find_id(data["organizations"], site.slug) != nullptr);
        const json own_data = ex.data(site.slug);
        for (const auto& own : own_data["events"]) {
            INFO(own["id"]);
            const json* e = find_id(data["events"], own["id"]);
            REQUIRE(e != nullptr);
            CHECK((*e)["organization_id"] == site.slug);
            CHECK((*e)["start_date"] == own["start_date"]);
        }
    }
}

TEST_CASE(
    "open data standards: a postponed meeting is not CONFIRMED in any calendar, and says "
    "why") {
    const Examples& ex = examples();
    int postponed = 0;
    for (const auto& site : ex.sites) {
        for (const auto& m : site.meetings) {
            if (m.status != lspgen::MeetingStatus::postponed) continue;
            const std::string uid = "meeting-" + m.id + "@" + site.slug + ".lspgen";
            for (const fs::path& file :
                 {ex.out / site.slug / "meetings.ics", ex.out / ex.hub->slug / "meetings.ics"}) {
                INFO(file << " " << uid);
                Calendar cal(file);
                bool found = false;
                for (icalcomponent* e : cal.events()) {
                    if (icalcomponent_get_uid(e) != uid) continue;
                    found = true;
                    ++postponed;
                    CHECK(icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED);
                    const char* description = icalcomponent_get_description(e);
                    REQUIRE(description != nullptr);
                    CHECK(std::string(description).rfind("Postponed", 0) == 0);
                }
                CHECK(found);
            }
        }
    }
    CHECK(postponed >= 2);
}

TEST_CASE(
    "open data standards: the regional calendar names each event's partnership as its "
    "ORGANIZER") {
    const Examples& ex = examples();
    std::map<std::string, const lspgen::Site*> by_slug = {{ex.hub->slug, &*ex.hub}};
    for (const auto& site : ex.sites) by_slug[site.slug] = &site;
    Calendar cal(ex.out / ex.hub->slug / "meetings.ics");
    int partnerships = 0;
    for (icalcomponent* e : cal.events()) {
        const std::string uid = icalcomponent_get_uid(e);
        INFO(uid);
        const std::string slug = popolo_id(uid).substr(0, popolo_id(uid).find('/'));
        REQUIRE(by_slug.count(slug) == 1);
        const lspgen::Site& owner = *by_slug[slug];
        icalproperty* organizer = icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY);
        REQUIRE(organizer != nullptr);
        icalparameter* cn = icalproperty_get_first_parameter(organizer, ICAL_CN_PARAMETER);
        REQUIRE(cn != nullptr);
        CHECK(std::string(icalparameter_get_cn(cn)) == owner.settings.name);
        CHECK(std::string(icalproperty_get_organizer(organizer)) ==
              "mailto:" + owner.settings.contact.email);
        partnerships += slug == ex.hub->slug ? 0 : 1;
    }
    CHECK(partnerships > 10);
}
