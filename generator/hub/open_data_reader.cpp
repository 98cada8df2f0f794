// Reads a partnership's published data.json back into what the hub shows.
// nlohmann::json parses it; every value is checked for the type the hub
// needs before it is used, so a wrong shape is a warning, never a crash.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "hub/partnership.hpp"
#include "links/url.hpp"
#include "render/london_time.hpp"

namespace lspgen::hub {

using nlohmann::json;

namespace {

std::string kind_of(const json& j) {
    switch (j.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "a list";
        case json::value_t::string:
            return "text";
        case json::value_t::boolean:
            return "true or false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return "a number (" + j.dump() + ")";
        default:
            return "something else";
    }
}

bool absolute_url(const std::string& url) {
    return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

std::string resolve(const std::string& url, const std::string& base) {
    if (url.empty() || absolute_url(url)) return url;
    if (base.empty() || url.find(':') != std::string::npos) return {};
    return base + (url.front() == '/' ? url.substr(1) : url);
}

/// Collects shape problems with the path of the member at fault.
struct Checker {
    const std::string& display;
    Diagnostics& warnings;
    int problems = 0;
    int dropped = 0;
    std::string partnership;  // its name, once known

    /// A URL from the data, resolved against `base` (when `base` is null,
    /// it must be absolute): kept when it is an http(s) address that the
    /// link check accepts, else left out with a warning naming the
    /// partnership and the member. One bad address must not fail the hub's
    /// build, nor cost the partnership its other data.
    std::string link(const std::string& written, const std::string* base, const std::string& path) {
        if (written.empty()) return {};
        // Relative links with nothing to resolve them against are left out
        // quietly: a site without base_url writes them, and they are fine.
        if (base && base->empty() && !absolute_url(written) &&
            written.find(':') == std::string::npos) {
            return {};
        }
        const std::string url = base ? resolve(written, *base) : written;
        if (!url.empty() &&
            links::resolve("index.html", url).kind == links::Target::Kind::external) {
            return url;
        }
        if (++dropped <= 10) {
            warnings.warning({display, 0, 0},
                             (partnership.empty() ? std::string() : partnership + ": ") +
                                 "data.json: " + path + ": '" + written +
                                 "' is not a valid http(s) address; the hub leaves it out");
        }
        return {};
    }

    void problem(const std::string& path, const std::string& message) {
        // One wrong value tends to repeat in every record: the first few say it.
        if (++problems > 10) return;
        warnings.warning({display, 0, 0}, "data.json: " + path + ": " + message);
    }
    /// A string member; absent gives "". Required members must be non-empty.
    std::string text(const json& object, const char* key, const std::string& path,
                     bool required = false) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            if (required) problem(path + "." + key, "missing: it is required");
            return {};
        }
        if (!it->is_string()) {
            problem(path + "." + key, "expected text, found " + kind_of(*it));
            return {};
        }
        std::string value = it->get<std::string>();
        if (required && value.empty()) problem(path + "." + key, "must not be empty");
        return value;
    }
    /// An array member; absent gives an empty one.
    const json& list(const json& object, const char* key, const std::string& path) {
        static const json empty = json::array();
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return empty;
        if (!it->is_array()) {
            problem(path + "." + key, "expected a list, found " + kind_of(*it));
            return empty;
        }
        return *it;
    }
};

/// "2009-04-16", "2009-04-16T13:00:00Z" or "2009-04-16T14:00:00+01:00" (as
/// lspgen writes them now) or "2009-04-16T14:00:00" (London time, as older
/// versions wrote them). A time with an offset is read back into London
/// time, the time the hub shows and its calendar writes.
bool parse_start(const std::string& text, Date& date, std::optional<TimeOfDay>& time) {
    std::string why;
    auto d = parse_date(text.substr(0, 10), why);
    if (!d) return false;
    date = *d;
    if (text.size() == 10) return true;
    if (text.size() < 16 || text[10] != 'T') return false;
    auto t = parse_time(text.substr(11, 5), why);
    if (!t) return false;
    size_t zone = 16;
    if (text.size() >= 19 && text[16] == ':') zone = 19;  // seconds
    const std::string offset = text.substr(zone);
    int offset_minutes = 0;
    if (offset.empty()) {
        time = *t;
        return true;
    }
    if (offset != "Z") {
        if (offset.size() != 6 || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':')
            return false;
        auto o = parse_time(offset.substr(1), why);
        if (!o) return false;
        offset_minutes = (o->hour * 60 + o->minute) * (offset[0] == '-' ? -1 : 1);
    }
    const render::LocalTime local =
        render::london_from_utc(date, t->hour * 60 + t->minute - offset_minutes);
    date = local.date;
    time = TimeOfDay{local.minute / 60, local.minute % 60};
    return true;
}

/// The UID the partnership's own meetings.ics gives the entry, so that
/// calendars subscribed to both recognise it: "spelthorne/meeting/x" →
/// "meeting-x@spelthorne.lspgen".
std::string calendar_uid(const std::string& id) {
    const size_t first = id.find('/');
    const size_t second = first == std::string::npos ? first : id.find('/', first + 1);
    if (second == std::string::npos) return id + "@hub.lspgen";
    return id.substr(first + 1, second - first - 1) + "-" + id.substr(second + 1) + "@" +
           id.substr(0, first) + ".lspgen";
}

void report_syntax_error(const std::string& text, const std::string& display,
                         const json::parse_error& e, Diagnostics& warnings) {
    // nlohmann counts bytes from 1 up to and including the offending one.
    const size_t byte = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    const size_t line_end = text.find('\n', line_start);
    const size_t length = (line_end == std::string::npos ? text.size() : line_end) - line_start;
    // Quote the line only when it is short enough to read: garbage can be
    // one line of megabytes.
    if (length <= 200) warnings.add_source(display, text);
    std::string what = e.what();
    if (const size_t colon = what.rfind(": "); colon != std::string::npos) {
        what = what.substr(colon + 2);
    }
    warnings.warning({display, line, static_cast<int>(byte - line_start) + 1},
                     "data.json is not valid JSON: " + what);
}

}  // namespace

bool read_open_data(const std::string& text, const std::string& display, const std::string& base,
                    const Date& today, Partnership& out, audit::Evidence& evidence,
                    Diagnostics& warnings) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        report_syntax_error(text, display, e, warnings);
        return false;
    } catch (const json::exception& e) {
        // A number too large for a double ("1E400") is out_of_range, not a
        // parse_error; it must not end the hub's build.
        std::string what = e.what();
        if (const size_t bracket = what.find("] "); bracket != std::string::npos) {
            what.erase(0, bracket + 2);
        }
        warnings.warning({display, 0, 0}, "data.json cannot be read: " + what);
        return false;
    }
    Checker check{display, warnings, 0, 0, {}};
    if (!root.is_object() || !root.contains("partnership") || !root["partnership"].is_object()) {
        check.problem("(top level)", "expected an object with a 'partnership' object, found " +
                                         (root.is_object() && root.contains("partnership")
                                              ? "'partnership' as " + kind_of(root["partnership"])
                                              : kind_of(root)) +
                                         ": is this the data.json of an lspgen site?");
        return false;
    }
    const json& p = root["partnership"];
    out.name = check.text(p, "name", "partnership", true);
    check.partnership = out.name;
    out.short_name = check.text(p, "short_name", "partnership");
    if (out.short_name.empty()) out.short_name = out.name;
    out.area = check.text(p, "area", "partnership", true);
    out.county = check.text(p, "county", "partnership");
    out.website = check.text(p, "website", "partnership");
    out.website = check.link(out.website, nullptr, "partnership.website");
    if (!out.website.empty() && out.website.back() != '/') out.website += '/';
    out.hosted_by = check.text(p, "hosted_by", "partnership");
    if (auto it = p.find("independent"); it != p.end()) {
        if (it->is_boolean()) {
            out.independent = it->get<bool>();
        } else {
            check.problem("partnership.independent",
                          "expected true or false, found " + kind_of(*it));
        }
    }
    const std::string slug = check.text(p, "slug", "partnership");
    if (out.slug.empty()) out.slug = slugify(slug.empty() ? out.name : slug);
    const std::string link_base = out.website.empty() ? base : out.website;

    // Posts: Popolo posts, memberships holding them, and persons.
    std::map<std::string, std::string> person_names;
    int persons = 0, with_photo = 0, with_bio = 0;
    const json& person_list = check.list(root, "persons", "");
    for (size_t i = 0; i < person_list.size(); ++i) {
        const json& person = person_list[i];
        const std::string path = "persons[" + std::to_string(i) + "]";
        if (!person.is_object()) {
            check.problem(path, "expected an object, found " + kind_of(person));
            continue;
        }
        const std::string id = check.text(person, "id", path, true);
        const std::string name = check.text(person, "name", path, true);
        const std::string honorific = check.text(person, "honorific_prefix", path);
        person_names[id] = honorific.empty() ? name : honorific + " " + name;
        ++persons;
        with_photo += check.text(person, "image", path).empty() ? 0 : 1;
        with_bio += check.text(person, "biography", path).empty() ? 0 : 1;
    }
    std::map<std::string, std::string> post_holders;
    const json& membership_list = check.list(root, "memberships", "");
    for (size_t i = 0; i < membership_list.size(); ++i) {
        const json& m = membership_list[i];
        const std::string path = "memberships[" + std::to_string(i) + "]";
        if (!m.is_object()) {
            check.problem(path, "expected an object, found " + kind_of(m));
            continue;
        }
        const std::string post = check.text(m, "post_id", path);
        const std::string person = check.text(m, "person_id", path);
        if (!post.empty() && person_names.count(person)) post_holders[post] = person_names[person];
    }
    const json& post_list = check.list(root, "posts", "");
    for (size_t i = 0; i < post_list.size(); ++i) {
        const json& post = post_list[i];
        const std::string path = "posts[" + std::to_string(i) + "]";
        if (!post.is_object()) {
            check.problem(path, "expected an object, found " + kind_of(post));
            continue;
        }
        const std::string label = check.text(post, "label", path);
        const std::string id = check.text(post, "id", path);
        const std::string holder = post_holders.count(id) ? post_holders[id] : "";
        if (label == "Chair") out.chair = holder;
        if (label == "Vice-chair") out.vice_chair = holder;
    }

    // Meetings and events, for the calendar and "next meeting".
    int upcoming = 0;
    const json& event_list = check.list(root, "events", "");
    for (size_t i = 0; i < event_list.size(); ++i) {
        const json& e = event_list[i];
        const std::string path = "events[" + std::to_string(i) + "]";
        if (!e.is_object()) {
            check.problem(path, "expected an object, found " + kind_of(e));
            continue;
        }
        HubEvent event;
        event.uid = check.text(e, "id", path, true);
        event.id = event.uid;
        event.title = check.text(e, "name", path, true);
        event.description = check.text(e, "description", path);
        event.venue = check.text(e, "location", path);
        event.url = check.link(check.text(e, "url", path), &link_base, path + ".url");
        const std::string status = check.text(e, "status", path);
        event.cancelled = status == names_of(MeetingStatus::cancelled).name;
        event.postponed = status == names_of(MeetingStatus::postponed).name;
        event.status = status;
        event.is_meeting = check.text(e, "classification", path) != "event";
        const std::string start = check.text(e, "start_date", path, true);
        if (!start.empty() && !parse_start(start, event.date, event.start)) {
            check.problem(path + ".start_date",
                          "expected a date (2009-04-16) or date and time "
                          "(2009-04-16T13:00:00Z), found '" +
                              start + "'");
            continue;
        }
        Date end_date;
        std::optional<TimeOfDay> end;
        const std::string end_text = check.text(e, "end_date", path);
        if (!end_text.empty() && parse_start(end_text, end_date, end)) event.end = end;
        if (event.uid.empty() || start.empty()) continue;
        event.uid = calendar_uid(event.uid);
        if (event.is_meeting && !event.cancelled && status != names_of(MeetingStatus::held).name &&
            status != names_of(MeetingStatus::postponed).name && event.date >= today) {
            ++upcoming;
        }
        out.events.push_back(std::move(event));
    }
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const HubEvent& a, const HubEvent& b) {
                         return std::tie(a.date, a.start) < std::tie(b.date, b.start);
                     });

    // Key documents: the SCS and LAA links, and the audit's document items.
    std::vector<std::string> key_ids;
    const json& keys = check.list(p, "key_documents", "partnership");
    for (const auto& k : keys) {
        if (k.is_string()) key_ids.push_back(k.get<std::string>());
    }
    std::map<std::string, audit::DocumentEvidence> documents;
    const json& document_list = check.list(root, "documents", "");
    for (size_t i = 0; i < document_list.size(); ++i) {
        const json& d = document_list[i];
        const std::string path = "documents[" + std::to_string(i) + "]";
        if (!d.is_object()) {
            check.problem(path, "expected an object, found " + kind_of(d));
            continue;
        }
        const std::string id = check.text(d, "id", path, true);
        const std::string type = check.text(d, "type", path, true);
        const std::string title = check.text(d, "title", path);
        const std::string url = check.link(check.text(d, "url", path), &link_base, path + ".url");
        auto& doc = documents[type];
        doc.exists = true;
        const bool key = std::find(key_ids.begin(), key_ids.end(), id) != key_ids.end();
        doc.on_homepage = doc.on_homepage || key;
        if (type == "sustainable-community-strategy" || type == "local-area-agreement") {
            auto& link = type == "local-area-agreement" ? out.laa : out.scs;
            if (!url.empty() && (!link || key)) link = DocumentLink{title, url};
        }
    }
    const json& indicator_list = check.list(root, "indicators", "");

    // Contact details are on the partnership's organisation (the first).
    bool email = false, phone = false;
    const json& organisations = check.list(root, "organizations", "");
    if (!organisations.empty() && organisations[0].is_object()) {
        for (const auto& c : check.list(organisations[0], "contact_details", "organizations[0]")) {
            if (!c.is_object()) continue;
            const std::string type = check.text(c, "type", "organizations[0].contact_details[]");
            if (type == "email" && out.email.empty())
                out.email = check.text(c, "value", "organizations[0].contact_details[]");
            email = email || type == "email";
            phone = phone || type == "voice";
        }
    }
    // The site's own audit, for the items its data does not show.
    std::map<std::string, std::pair<audit::Outcome, std::string>> published;
    if (auto it = root.find("audit"); it != root.end() && it->is_object()) {
        const json& items = check.list(*it, "items", "audit");
        for (size_t i = 0; i < items.size(); ++i) {
            const std::string path = "audit.items[" + std::to_string(i) + "]";
            if (!items[i].is_object()) {
                check.problem(path, "expected an object, found " + kind_of(items[i]));
                continue;
            }
            const std::string id = check.text(items[i], "id", path, true);
            const std::string outcome = check.text(items[i], "outcome", path, true);
            const std::string why = check.text(items[i], "why", path);
            if (outcome == "met") {
                published[id] = {audit::Outcome::met, why};
            } else if (outcome == "not-met") {
                published[id] = {audit::Outcome::not_met, why};
            } else if (outcome != "unknown" && !outcome.empty()) {
                check.problem(path + ".outcome",
                              "expected met, not-met or unknown, found '" + outcome + "'");
            }
        }
    }
    if (check.problems > 0) return false;

    evidence.name = out.name;
    evidence.chair = out.chair;
    evidence.vice_chair = out.vice_chair;
    evidence.members = persons;
    evidence.members_with_photo = with_photo;
    evidence.members_with_bio = with_bio;
    evidence.upcoming_meetings = upcoming;
    evidence.scs = documents["sustainable-community-strategy"];
    evidence.laa = documents["local-area-agreement"];
    evidence.annual_report = documents["annual-report"];
    evidence.handbook = documents["handbook"];
    evidence.indicators = static_cast<int>(indicator_list.size());
    evidence.has_email = email;
    evidence.has_phone = phone;
    evidence.independent = out.independent;
    evidence.hosted_by = out.hosted_by;
    evidence.has_website = !out.website.empty();
    evidence.published = std::move(published);
    return true;
}

std::string slugify(const std::string& name) {
    std::string slug;
    for (unsigned char c : name) {
        if (std::isalnum(c)) {
            slug += static_cast<char>(std::tolower(c));
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "partnership" : slug;
}

}  // namespace lspgen::hub
