#include <libical/ical.h>
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "render/calendar.hpp"

using namespace lspgen;
using calendar::escape_text;
using calendar::fold;

namespace {

// The description unit, as written and as RFC 5545 §3.3.11 escapes it by hand.
const std::string kUnit = "Café, Rūta and Zoë met in Égham… ";
const std::string kEscapedUnit = R"(Café\, Rūta and Zoë met in Égham… )";
const std::string kTail = "Papers: agenda; minutes at C:\\lsp\\2009\nNext meeting in May.";
const std::string kEscapedTail =
    R"(Papers: agenda\; minutes at C:\\lsp\\2009\nNext meeting in May.)";

std::string long_description() {
    return kUnit + kUnit + kUnit + kUnit + kTail;
}

calendar::Calendar sample() {
    calendar::Calendar c;
    c.name = "Spelthorne LSP meetings";
    c.prodid = "-//lspgen//lspgen 0.1.0//EN";
    c.stamp = {2009, 3, 1};
    c.organizer_name = "Spelthorne LSP";
    c.organizer_email = "lsp@spelthorne.example";

    calendar::Entry board;
    board.uid = "meeting-2009-04-16-board@spelthorne.lspgen";
    board.summary = "Board, Executive; special";
    board.description = long_description();
    board.location = "Council Offices, Knowle Green; Staines";
    board.url = "https://spelthorne.example/meetings/2009-04-16-board/";
    board.date = {2009, 4, 16};
    board.start = TimeOfDay{14, 0};
    board.end = TimeOfDay{16, 30};
    c.entries.push_back(board);

    calendar::Entry late;
    late.uid = "meeting-2009-10-24-safer@spelthorne.lspgen";
    late.summary = "Safer Spelthorne late session";
    late.description = "Short.";
    late.location = "Staines Library";
    late.date = {2009, 10, 24};
    late.start = TimeOfDay{23, 30};  // no end: one hour, so into the next day
    late.cancelled = true;
    c.entries.push_back(late);

    calendar::Entry fair;
    fair.uid = "event-2009-12-31-fair@spelthorne.lspgen";
    fair.summary = "New Year's Eve community fair";
    fair.date = {2009, 12, 31};  // all day; ends on the first day of the next year
    c.entries.push_back(fair);
    return c;
}

using Component = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

Component parse(const std::string& text) {
    Component parsed(icalparser_parse_string(text.c_str()), &icalcomponent_free);
    REQUIRE(parsed != nullptr);
    REQUIRE(icalcomponent_isa(parsed.get()) == ICAL_VCALENDAR_COMPONENT);
    return parsed;
}

/// X-LIC-ERROR properties anywhere in the tree; their messages go to `messages`.
int count_errors(icalcomponent* component, std::string& messages) {
    int count = icalcomponent_count_properties(component, ICAL_XLICERROR_PROPERTY);
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY);
         p != nullptr; p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        messages += std::string(icalproperty_get_xlicerror(p)) + "\n";
    }
    for (icalcomponent* sub = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT);
         sub != nullptr; sub = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        count += count_errors(sub, messages);
    }
    return count;
}

std::vector<icalcomponent*> children(icalcomponent* component, icalcomponent_kind kind) {
    std::vector<icalcomponent*> found;
    for (icalcomponent* c = icalcomponent_get_first_component(component, kind); c != nullptr;
         c = icalcomponent_get_next_component(component, kind)) {
        found.push_back(c);
    }
    return found;
}

/// A property's value (TEXT unescaped), or "(none)" when the property is absent.
std::string text_of(icalcomponent* component, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(component, kind);
    if (p == nullptr) return "(none)";
    const icalvalue* v = icalproperty_get_value(p);
    const char* value = icalvalue_isa(v) == ICAL_TEXT_VALUE ? icalvalue_get_text(v)
                                                            : icalproperty_get_value_as_string(p);
    return value ? value : "";
}

std::string tzid_of(icalcomponent* component, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(component, kind);
    if (p == nullptr) return "(no property)";
    icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    return tzid ? icalparameter_get_tzid(tzid) : "";
}

std::string ical_time(const icaltimetype& time) {
    char* text = icaltime_as_ical_string_r(time);
    std::string copy = text;
    icalmemory_free_buffer(text);
    return copy;
}

/// Physical lines without their CRLF; fails if any line end is not CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
    REQUIRE(text.size() >= 2);
    REQUIRE(text.substr(text.size() - 2) == "\r\n");
    std::vector<std::string> lines;
    size_t from = 0;
    while (from < text.size()) {
        const size_t end = text.find("\r\n", from);
        lines.push_back(text.substr(from, end - from));
        from = end + 2;
    }
    for (const std::string& line : lines) {
        INFO(line);
        CHECK(line.find_first_of("\r\n") == std::string::npos);  // no bare CR or LF
    }
    return lines;
}

/// RFC 5545 §3.1: a CRLF followed by one space or tab is removed.
std::vector<std::string> logical_lines(const std::string& text) {
    std::vector<std::string> logical;
    for (const std::string& line : physical_lines(text)) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !logical.empty()) {
            logical.back() += line.substr(1);
        } else {
            logical.push_back(line);
        }
    }
    return logical;
}

bool is_valid_utf8(const std::string& text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80           ? 1
                              : (lead >> 5) == 0x6  ? 2
                              : (lead >> 4) == 0xE  ? 3
                              : (lead >> 3) == 0x1E ? 4
                                                    : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
    for (const std::string& l : lines) {
        if (l == line) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("calendar: escape_text escapes backslash semicolon comma and line breaks") {
    CHECK(escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(escape_text("") == "");
    CHECK(escape_text("plain text") == "plain text");
    CHECK(escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree");  // every line break is one \n
    CHECK(escape_text("\\n") == "\\\\n");  // a literal backslash-n stays so
    CHECK(escape_text("Note: 10:00 \"Room 3\"") ==
          "Note: 10:00 \"Room 3\"");  // colon and quote stay
    CHECK(escape_text("Zoë, Égham…") == "Zoë\\, Égham…");
    CHECK(escape_text("tab\there\x01\x7f") == "tab\there");  // no CTLs but HTAB in TEXT
}

TEST_CASE("calendar: fold cuts at 75 octets and never inside a UTF-8 character") {
    const std::string a74(74, 'a');
    const std::string a75(75, 'a');
    CHECK(fold("") == "");
    CHECK(fold(a75) == a75);
    CHECK(fold(a75 + "b") == a75 + "\r\n b");
    // A continuation line holds 74 octets after its space.
    CHECK(fold(a75 + a74 + "c") == a75 + "\r\n " + a74 + "\r\n c");
    CHECK(fold(a75 + a74) == a75 + "\r\n " + a74);
    // é is C3 A9: octets 75 and 76 would be split, so it moves whole.
    CHECK(fold(a74 + "é") == a74 + "\r\n é");
    CHECK(fold(std::string(73, 'a') + "é") == std::string(73, 'a') + "é");
    // … is E2 80 A6 at octets 74 to 76.
    CHECK(fold(std::string(73, 'a') + "…b") == std::string(73, 'a') + "\r\n …b");
    // U+1F600 is F0 9F 98 80 at octets 73 to 76.
    CHECK(fold(std::string(72, 'a') + "\U0001F600") == std::string(72, 'a') + "\r\n \U0001F600");
    // Forty two-octet characters: 37 fit on the first line (74 octets), 3 follow.
    std::string ee;
    for (int i = 0; i < 40; ++i) ee += "é";
    CHECK(fold(ee) == ee.substr(0, 74) + "\r\n " + ee.substr(74));
}

TEST_CASE("calendar: every entry round-trips through libical") {
    const calendar::Calendar input = sample();
    Component parsed = parse(calendar::write(input));
    const std::vector<icalcomponent*> events = children(parsed.get(), ICAL_VEVENT_COMPONENT);
    REQUIRE(events.size() == 3);

    struct Expected {
        std::string start;
        std::string end;
        std::string tzid;
        bool is_date;
        icalproperty_status status;
        std::string url;
    };
    const Expected expected[] = {
        {"20090416T140000", "20090416T163000", "Europe/London", false, ICAL_STATUS_CONFIRMED,
         "https://spelthorne.example/meetings/2009-04-16-board/"},
        {"20091024T233000", "20091025T003000", "Europe/London", false, ICAL_STATUS_CANCELLED,
         "(none)"},
        {"20091231", "20100101", "", true, ICAL_STATUS_CONFIRMED, "(none)"},
    };
    for (size_t i = 0; i < events.size(); ++i) {
        const calendar::Entry& entry = input.entries[i];
        icalcomponent* event = events[i];
        INFO("entry " << entry.uid);
        CHECK(std::string(icalcomponent_get_uid(event)) == entry.uid);
        CHECK(std::string(icalcomponent_get_summary(event)) == entry.summary);
        if (entry.description.empty()) {
            CHECK(text_of(event, ICAL_DESCRIPTION_PROPERTY) == "(none)");
        } else {
            CHECK(std::string(icalcomponent_get_description(event)) == entry.description);
        }
        CHECK(text_of(event, ICAL_LOCATION_PROPERTY) ==
              (entry.location.empty() ? "(none)" : entry.location));
        CHECK(text_of(event, ICAL_URL_PROPERTY) == expected[i].url);
        CHECK(icalcomponent_get_status(event) == expected[i].status);

        const icaltimetype start = icalcomponent_get_dtstart(event);
        const icaltimetype end =
            icalproperty_get_dtend(icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY));
        CHECK(ical_time(start) == expected[i].start);
        CHECK(ical_time(end) == expected[i].end);
        CHECK(static_cast<bool>(start.is_date) == expected[i].is_date);
        CHECK(static_cast<bool>(end.is_date) == expected[i].is_date);
        CHECK(tzid_of(event, ICAL_DTSTART_PROPERTY) == expected[i].tzid);
        CHECK(tzid_of(event, ICAL_DTEND_PROPERTY) == expected[i].tzid);
        if (!expected[i].tzid.empty()) {
            // libical tied the TZID to the calendar's own VTIMEZONE.
            REQUIRE(start.zone != nullptr);
            CHECK(std::string(icaltimezone_get_tzid(const_cast<icaltimezone*>(start.zone))) ==
                  "Europe/London");
        }
    }
    // The cancelled one, spelled out.
    CHECK(icalcomponent_get_status(events[1]) == ICAL_STATUS_CANCELLED);
    CHECK(icalcomponent_get_first_property(events[2], ICAL_DESCRIPTION_PROPERTY) == nullptr);
}

TEST_CASE("calendar: libical reports no errors and the PUBLISH rules hold") {
    Component parsed = parse(calendar::write(sample()));
    std::string messages;
    CHECK(count_errors(parsed.get(), messages) == 0);
    INFO(messages);
    // iTIP (RFC 5546) PUBLISH: one DTSTAMP, DTSTART, ORGANIZER, SUMMARY and UID per VEVENT.
    CHECK(icalrestriction_check(parsed.get()) == 1);
    messages.clear();
    CHECK(count_errors(parsed.get(), messages) == 0);

    SECTION("the error count does see errors") {
        Component broken = parse(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
            "DTSTAMP:20090301T000000Z\r\nDTSTART:not-a-date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        std::string ignored;
        CHECK(count_errors(broken.get(), ignored) > 0);
    }
}

TEST_CASE("calendar: the raw text has CRLF line ends and folded lines of at most 75 octets") {
    const std::string text = calendar::write(sample());
    const std::vector<std::string> lines = physical_lines(text);
    int continuations = 0;
    for (const std::string& line : lines) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(is_valid_utf8(line));  // so no line break falls inside a character
        if (!line.empty() && line[0] == ' ') {
            ++continuations;
            REQUIRE(line.size() > 1);
            const auto first = static_cast<unsigned char>(line[1]);
            CHECK_FALSE((first >= 0x80 && first <= 0xBF));
        }
    }
    CHECK(continuations >= 2);  // the description needs at least three lines

    const std::vector<std::string> logical = logical_lines(text);
    const std::string description =
        "DESCRIPTION:" + kEscapedUnit + kEscapedUnit + kEscapedUnit + kEscapedUnit + kEscapedTail;
    CHECK(contains(logical, description));
    CHECK(contains(logical, R"(SUMMARY:Board\, Executive\; special)"));
    CHECK(contains(logical, R"(LOCATION:Council Offices\, Knowle Green\; Staines)"));
    CHECK(contains(logical, "URL:https://spelthorne.example/meetings/2009-04-16-board/"));
    CHECK(contains(logical, "DTSTART;TZID=Europe/London:20090416T140000"));
    CHECK(contains(logical, "DTEND;TZID=Europe/London:20090416T163000"));
    CHECK(contains(logical, "DTSTART;VALUE=DATE:20091231"));
    CHECK(contains(logical, "DTEND;VALUE=DATE:20100101"));
    CHECK(contains(logical, "ORGANIZER;CN=Spelthorne LSP:mailto:lsp@spelthorne.example"));
    CHECK(contains(logical, "STATUS:CANCELLED"));
    CHECK(contains(logical, "STATUS:CONFIRMED"));
    CHECK(logical.front() == "BEGIN:VCALENDAR");
    CHECK(logical.back() == "END:VCALENDAR");
}

TEST_CASE("calendar: the header has VERSION PRODID and the Europe/London time zone") {
    calendar::Calendar input = sample();
    input.organizer_email.clear();
    const std::string text = calendar::write(input);
    const std::vector<std::string> logical = logical_lines(text);
    CHECK(contains(logical, "VERSION:2.0"));
    CHECK(contains(logical, "PRODID:-//lspgen//lspgen 0.1.0//EN"));
    CHECK(contains(logical, "CALSCALE:GREGORIAN"));
    CHECK(contains(logical, "METHOD:PUBLISH"));
    CHECK(contains(logical, "X-WR-CALNAME:Spelthorne LSP meetings"));
    CHECK(text.find("ORGANIZER") == std::string::npos);  // no email, no organizer

    Component parsed = parse(text);
    CHECK(text_of(parsed.get(), ICAL_VERSION_PROPERTY) == "2.0");
    CHECK(text_of(parsed.get(), ICAL_PRODID_PROPERTY) == input.prodid);
    CHECK(icalproperty_get_method(icalcomponent_get_first_property(
              parsed.get(), ICAL_METHOD_PROPERTY)) == ICAL_METHOD_PUBLISH);

    const std::vector<icalcomponent*> zones = children(parsed.get(), ICAL_VTIMEZONE_COMPONENT);
    REQUIRE(zones.size() == 1);
    CHECK(text_of(zones[0], ICAL_TZID_PROPERTY) == "Europe/London");
    REQUIRE(children(zones[0], ICAL_XSTANDARD_COMPONENT).size() == 1);
    REQUIRE(children(zones[0], ICAL_XDAYLIGHT_COMPONENT).size() == 1);
    CHECK(text_of(children(zones[0], ICAL_XSTANDARD_COMPONENT)[0], ICAL_TZNAME_PROPERTY) == "GMT");
    CHECK(text_of(children(zones[0], ICAL_XDAYLIGHT_COMPONENT)[0], ICAL_TZNAME_PROPERTY) == "BST");

    // Let libical work out UK offsets from our rules, at local times chosen by
    // hand around the last Sundays of March and October.
    icaltimezone* zone = icaltimezone_new();
    REQUIRE(icaltimezone_set_component(zone, icalcomponent_new_clone(zones[0])) == 1);
    auto offset = [zone](const char* local) {
        icaltimetype time = icaltime_from_string(local);
        int is_daylight = 0;
        return icaltimezone_get_utc_offset(zone, &time, &is_daylight);
    };
    CHECK(offset("20090115T120000") == 0);
    CHECK(offset("20090715T120000") == 3600);
    CHECK(offset("20090329T003000") == 0);  // BST starts at 01:00 on Sunday 29 March 2009
    CHECK(offset("20090329T023000") == 3600);
    CHECK(offset("20091025T003000") == 3600);  // and ends at 02:00 BST on Sunday 25 October
    CHECK(offset("20091025T023000") == 0);
    CHECK(offset("20100327T120000") == 0);  // 2010: 28 March and 31 October
    CHECK(offset("20100328T120000") == 3600);
    CHECK(offset("20101030T120000") == 3600);
    CHECK(offset("20101031T120000") == 0);
    icaltimezone_free(zone, 1);
}

TEST_CASE("calendar: DTSTAMP is the build date at midnight UTC") {
    const std::string text = calendar::write(sample());
    Component parsed = parse(text);
    for (icalcomponent* event : children(parsed.get(), ICAL_VEVENT_COMPONENT)) {
        const icaltimetype stamp = icalcomponent_get_dtstamp(event);
        CHECK(icaltime_is_utc(stamp));
        CHECK(ical_time(stamp) == "20090301T000000Z");
    }
    CHECK(contains(logical_lines(text), "DTSTAMP:20090301T000000Z"));
    CHECK(calendar::write(sample()) == text);  // the same input, the same bytes
}

TEST_CASE("calendar: end times default to one hour and may run past midnight") {
    calendar::Calendar input = sample();
    input.entries.resize(1);
    calendar::Entry& entry = input.entries[0];
    entry.date = {2009, 2, 28};
    auto dtend = [&input]() {
        Component parsed = parse(calendar::write(input));
        icalcomponent* event =
            icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT);
        icalproperty* end = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY);
        return end ? ical_time(icalproperty_get_dtend(end)) : "(none)";
    };
    entry.start = TimeOfDay{9, 45};
    entry.end.reset();
    CHECK(dtend() == "20090228T104500");
    entry.start = TimeOfDay{23, 15};
    CHECK(dtend() == "20090301T001500");
    entry.start = TimeOfDay{22, 0};
    entry.end = TimeOfDay{1, 0};
    CHECK(dtend() == "20090301T010000");
    entry.start = TimeOfDay{10, 0};
    entry.end = TimeOfDay{10, 0};
    CHECK(dtend() == "(none)");  // no DTEND: an event that takes no time
}

TEST_CASE("calendar: control characters cannot start a new content line") {
    calendar::Calendar input = sample();
    input.entries.resize(1);
    input.entries[0].url = "https://spelthorne.example/a\r\nX-INJECTED:1";
    input.entries[0].summary = "Board\r\nX-INJECTED:2";
    input.organizer_name = "LSP\r\nX-INJECTED:3";
    const std::string text = calendar::write(input);
    for (const std::string& line : logical_lines(text)) {
        INFO(line);
        CHECK(line.rfind("X-INJECTED", 0) == std::string::npos);
    }
    Component parsed = parse(text);
    std::string messages;
    CHECK(count_errors(parsed.get(), messages) == 0);
    icalcomponent* event = icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT);
    CHECK(std::string(icalcomponent_get_summary(event)) == "Board\nX-INJECTED:2");
}

TEST_CASE("calendar: blank or control-only texts are left out and blanks at the ends dropped") {
    calendar::Calendar input = sample();
    input.entries.resize(1);
    input.entries[0].summary = "\x01\x02";
    input.entries[0].location = "  ";
    input.entries[0].url = " \t";
    input.entries[0].description = "  Agenda: items 1, 2 \t";
    const std::string text = calendar::write(input);
    const std::vector<std::string> lines = logical_lines(text);
    CHECK(contains(lines, "DESCRIPTION:Agenda: items 1\\, 2"));
    for (const std::string& line : lines) {
        INFO(line);
        CHECK(line.rfind("SUMMARY", 0) == std::string::npos);
        CHECK(line.rfind("LOCATION", 0) == std::string::npos);
        CHECK(line.rfind("URL", 0) == std::string::npos);
    }
    Component parsed = parse(text);
    std::string messages;
    CHECK(count_errors(parsed.get(), messages) == 0);
    INFO(messages);
}

TEST_CASE("calendar: an entry on 9999-12-31 ends with a DURATION and not a five-digit year") {
    calendar::Calendar input = sample();
    input.entries.resize(2);
    input.entries[0].date = Date{9999, 12, 31};
    input.entries[0].start.reset();
    input.entries[0].end.reset();
    input.entries[1].date = Date{9999, 12, 31};
    input.entries[1].start = TimeOfDay{23, 0};
    input.entries[1].end = TimeOfDay{0, 30};
    const std::vector<std::string> lines = logical_lines(calendar::write(input));
    CHECK(contains(lines, "DURATION:P1D"));
    CHECK(contains(lines, "DURATION:PT1H30M"));
    Component parsed = parse(calendar::write(input));
    std::string messages;
    CHECK(count_errors(parsed.get(), messages) == 0);
    INFO(messages);
}

TEST_CASE(
    "calendar: a postponed entry is CANCELLED at its time, and its summary and description say "
    "why") {
    calendar::Calendar c = sample();
    c.entries.resize(1);
    c.entries[0].postponed = true;
    c.entries[0].description = "Items carried forward.";
    const std::string text = calendar::write(c);
    icalcomponent* root = icalparser_parse_string(text.c_str());
    REQUIRE(root != nullptr);
    icalcomponent* e = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
    REQUIRE(e != nullptr);
    CHECK(icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED);
    CHECK(std::string(icalcomponent_get_description(e)) ==
          std::string(calendar::kPostponedNote) + "\n\nItems carried forward.");
    CHECK(std::string(icalcomponent_get_summary(e)) == "Postponed: Board, Executive; special");
    icalcomponent_free(root);
}

TEST_CASE("calendar: an entry may name its own organizer, or none when it has no address") {
    calendar::Calendar c = sample();
    c.entries.resize(3);
    c.entries[0].organizer_name = "Runnymede LSP";
    c.entries[0].organizer_uri = "mailto:lsp@runnymede.example";
    c.entries[1].organizer_name = "Listed LSP";  // no address known
    const std::string text = calendar::write(c);
    CHECK(text.find("ORGANIZER;CN=Runnymede LSP:mailto:lsp@runnymede.example\r\n") !=
          std::string::npos);
    // The third keeps the calendar's; the second has none, not the hub's.
    size_t count = 0;
    for (size_t at = text.find("ORGANIZER"); at != std::string::npos;
         at = text.find("ORGANIZER", at + 1))
        ++count;
    CHECK(count == 2);
    CHECK(text.find("ORGANIZER;CN=Spelthorne LSP:mailto:lsp@spelthorne.example\r\n") !=
          std::string::npos);
}
