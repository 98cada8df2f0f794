// Fuzz target: the iCalendar writer, round-tripped through libical. The
// input builds a calendar: a flags byte, then the calendar's name, PRODID
// and organizer's name and email, then entries of nine header bytes (flags,
// year, month, day, start and end times) and five texts (summary,
// description, location, URL, UID). Texts end at a 0x1F byte. The output
// must be RFC 5545 lines (CRLF, at most 75 octets) that libical parses
// without errors, with one VEVENT per entry, in order, whose texts read
// back exactly as given (less the control characters iCalendar cannot hold).
#include <libical/ical.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_input.hpp"
#include "model/dates.hpp"
#include "render/calendar.hpp"

namespace {

using namespace lspgen;

constexpr char kEnd = '\x1f';

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "calendar round trip: %s\n%s\n", what, detail.c_str());
    std::abort();
}

std::string text(fuzz::Input& input) {
    return fuzz::valid_utf8(input.until(kEnd));
}

/// What a TEXT value should read back as: line breaks as LF, other control
/// characters but tab dropped, no blanks at either end.
std::string expected(const std::string& value) {
    std::string out;
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c == '\r') {
            if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
            out += '\n';
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
            out += static_cast<char>(c);
        }
    }
    const size_t first = out.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return out.substr(first, out.find_last_not_of(" \t") - first + 1);
}

Date date_from(fuzz::Input& input) {
    const int year = ((input.byte() << 8) | input.byte()) % 10000;
    const int month = input.byte() % 12 + 1;
    const int day = input.byte() % days_in_month(year, month) + 1;
    return Date{year, month, day};
}

TimeOfDay time_from(fuzz::Input& input) {
    const int hour = input.byte() % 24;
    return TimeOfDay{hour, input.byte() % 60};
}

std::string read_back(icalcomponent* event, icalproperty_kind kind) {
    icalproperty* property = icalcomponent_get_first_property(event, kind);
    if (!property) return "";
    const icalvalue* value = icalproperty_get_value(property);
    if (!value || icalvalue_isa(value) != ICAL_TEXT_VALUE) fail("not a TEXT value", "");
    const char* t = icalvalue_get_text(value);
    return t ? t : "";
}

void check_text(icalcomponent* event, icalproperty_kind kind, const std::string& given,
                const char* what, const std::string& ics) {
    const std::string back = read_back(event, kind);
    if (back != expected(given)) {
        fail(what, "given:    [" + given + "]\nexpected: [" + expected(given) + "]\nread:     [" +
                       back + "]\n" + ics);
    }
}

/// libical's X-LIC-ERROR properties, where it could not read something.
std::string errors_in(icalcomponent* component) {
    std::string errors;
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        errors += std::string(icalproperty_get_xlicerror(p)) + "\n";
    }
    for (icalcomponent* c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        errors += errors_in(c);
    }
    return errors;
}

void check_lines(const std::string& ics) {
    size_t start = 0;
    while (start < ics.size()) {
        const size_t end = ics.find("\r\n", start);
        if (end == std::string::npos) fail("a line does not end with CRLF", ics);
        const std::string line = ics.substr(start, end - start);
        if (line.size() > 75) fail("a line is longer than 75 octets", line);
        if (line.find_first_of("\r\n") != std::string::npos) fail("a bare CR or LF", line);
        start = end + 2;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::Input input(data, size);
    calendar::Calendar cal;
    const unsigned char flags = input.byte();
    cal.stamp = Date{2009, 3, 1};
    cal.name = text(input);
    cal.prodid = text(input);
    // lspgen's PRODID is its own name and version: never empty.
    if (expected(cal.prodid).empty()) cal.prodid = "-//lspgen//lspgen fuzz//EN";
    cal.organizer_name = text(input);
    cal.organizer_email = (flags & 1) ? text(input) : "";
    while (!input.empty() && cal.entries.size() < 50) {
        calendar::Entry entry;
        const unsigned char entry_flags = input.byte();
        entry.date = date_from(input);
        const TimeOfDay start = time_from(input);
        const TimeOfDay end = time_from(input);
        if (entry_flags & 1) entry.start = start;
        if (entry_flags & 2) entry.end = end;
        entry.cancelled = entry_flags & 4;
        entry.summary = text(input);
        entry.description = text(input);
        entry.location = text(input);
        entry.url = text(input);
        entry.uid = text(input);
        // lspgen makes every UID from ids and slugs: never empty.
        if (expected(entry.uid).empty()) entry.uid = "entry-" + std::to_string(cal.entries.size());
        cal.entries.push_back(std::move(entry));
    }

    const std::string ics = calendar::write(cal);
    check_lines(ics);
    std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> parsed(
        icalparser_parse_string(ics.c_str()), &icalcomponent_free);
    if (!parsed || icalcomponent_isa(parsed.get()) != ICAL_VCALENDAR_COMPONENT) {
        fail("libical did not read a VCALENDAR", ics);
    }
    if (const std::string errors = errors_in(parsed.get()); !errors.empty()) {
        fail("libical reported errors", errors + ics);
    }
    const int events = icalcomponent_count_components(parsed.get(), ICAL_VEVENT_COMPONENT);
    if (events != static_cast<int>(cal.entries.size())) fail("wrong number of VEVENTs", ics);
    icalcomponent* event = icalcomponent_get_first_component(parsed.get(), ICAL_VEVENT_COMPONENT);
    for (const auto& entry : cal.entries) {
        check_text(event, ICAL_SUMMARY_PROPERTY, entry.summary, "SUMMARY", ics);
        check_text(event, ICAL_DESCRIPTION_PROPERTY, entry.description, "DESCRIPTION", ics);
        check_text(event, ICAL_LOCATION_PROPERTY, entry.location, "LOCATION", ics);
        check_text(event, ICAL_UID_PROPERTY, entry.uid, "UID", ics);
        event = icalcomponent_get_next_component(parsed.get(), ICAL_VEVENT_COMPONENT);
    }
    return 0;
}
