#include "render/calendar.hpp"

#include <utility>

namespace lspgen::calendar {

namespace {

constexpr size_t kMaxLineOctets = 75;
constexpr int kMinutesPerDay = 24 * 60;
constexpr const char* kTimezone = "Europe/London";

// The UK rule since 1996: BST from 01:00 GMT on the last Sunday of March to
// 01:00 GMT (02:00 BST) on the last Sunday of October. Each DTSTART is local
// time before the change, on a date the RRULE itself produces (both 1970 dates
// are last Sundays), as RFC 5545 §3.6.5 asks.
constexpr const char* kLondonTimezone[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool is_control(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7F;
}

std::string padded(int value, size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    return digits;
}

/// "20090416"
std::string basic_date(const Date& date) {
    return padded(date.year, 4) + padded(date.month, 2) + padded(date.day, 2);
}

/// "20090416T140000"
std::string basic_date_time(const Date& date, int minute_of_day) {
    return basic_date(date) + "T" + padded(minute_of_day / 60, 2) + padded(minute_of_day % 60, 2) +
           "00";
}

Date add_days(const Date& date, long days) {
    return Date::from_days_since_epoch(date.days_since_epoch() + days);
}

int minute_of_day(const TimeOfDay& time) {
    return time.hour * 60 + time.minute;
}

/// "PT2H30M": a DURATION of `minutes` (more than 0).
std::string duration(int minutes) {
    std::string text = "PT";
    if (minutes >= 60) text += std::to_string(minutes / 60) + "H";
    if (minutes % 60 != 0) text += std::to_string(minutes % 60) + "M";
    return text;
}

/// A DATE has four digits for the year: an end in the year 10000 (an entry
/// on 9999-12-31) cannot be written as DTEND, so it is given as DURATION.
bool fits(const Date& date) {
    return date.year <= 9999;
}

/// URI values are not escaped (RFC 5545 §3.3.13), but a line break in one
/// would end the content line, so control characters go.
std::string without_controls(const std::string& text) {
    std::string kept;
    for (char c : text) {
        if (!is_control(c)) kept += c;
    }
    return kept;
}

/// A parameter value (RFC 5545 §3.1): quoted when it holds ";", ":" or ",";
/// a double quote cannot be written at all, so it becomes a single one.
std::string parameter_value(const std::string& text) {
    std::string value = without_controls(text);
    for (char& c : value) {
        if (c == '"') c = '\'';
    }
    if (value.find_first_of(";:,") == std::string::npos) return value;
    return '"' + value + '"';
}

/// `value` without blanks at either end. Parsers such as libical drop them,
/// and RFC 5545 has no way to keep them.
std::string trimmed(const std::string& value) {
    const size_t first = value.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

/// A TEXT value as written: escaped, without blanks at either end.
std::string text_value(const std::string& text) {
    return trimmed(escape_text(text));
}

/// Appends content lines, each folded and ended with CRLF.
class Lines {
  public:
    void add_line(const std::string& content) {
        text_ += fold(content);
        text_ += "\r\n";
    }
    void add(const std::string& name, const std::string& value) { add_line(name + ":" + value); }
    void add_text(const std::string& name, const std::string& value) {
        add(name, text_value(value));
    }
    /// Leaves the property out when nothing of the value can be written
    /// (it held only blanks and control characters): libical, for one,
    /// rejects an empty TEXT value.
    void add_text_unless_empty(const std::string& name, const std::string& value) {
        const std::string text = text_value(value);
        if (!text.empty()) add(name, text);
    }
    std::string take() { return std::move(text_); }

  private:
    std::string text_;
};

void add_times(Lines& lines, const Entry& entry) {
    if (!entry.start) {
        // An all-day DTEND is exclusive: the day after (RFC 5545 §3.6.1).
        lines.add("DTSTART;VALUE=DATE", basic_date(entry.date));
        const Date next = add_days(entry.date, 1);
        if (fits(next)) {
            lines.add("DTEND;VALUE=DATE", basic_date(next));
        } else {
            lines.add("DURATION", "P1D");
        }
        return;
    }
    const std::string zone = std::string(";TZID=") + kTimezone;
    const int start = minute_of_day(*entry.start);
    lines.add("DTSTART" + zone, basic_date_time(entry.date, start));

    int end = entry.end ? minute_of_day(*entry.end) : start + 60;
    // DTEND must be later than DTSTART; an event that ends as it starts is
    // written without DTEND, which RFC 5545 reads as taking no time.
    if (end == start) return;
    if (end < start) end += kMinutesPerDay;
    const Date end_date = add_days(entry.date, end / kMinutesPerDay);
    if (fits(end_date)) {
        lines.add("DTEND" + zone, basic_date_time(end_date, end % kMinutesPerDay));
    } else {
        lines.add("DURATION", duration(end - start));
    }
}

/// "ORGANIZER;CN=Spelthorne LSP:mailto:lsp@spelthorne.gov.uk", or empty.
std::string organizer_line(const std::string& name, const std::string& uri) {
    if (uri.empty()) return "";
    std::string line = "ORGANIZER";
    if (!name.empty()) line += ";CN=" + parameter_value(name);
    return line + ":" + without_controls(uri);
}

std::string organizer_line(const Calendar& calendar) {
    if (calendar.organizer_email.empty()) return "";
    return organizer_line(calendar.organizer_name, "mailto:" + calendar.organizer_email);
}

void add_event(Lines& lines, const Entry& entry, const std::string& stamp,
               const std::string& calendar_organizer) {
    const std::string organizer = entry.organizer_name.empty()
                                      ? calendar_organizer
                                      : organizer_line(entry.organizer_name, entry.organizer_uri);
    std::string description = entry.description;
    if (entry.postponed) {
        description =
            std::string(kPostponedNote) + (description.empty() ? "" : "\n\n") + description;
    }
    lines.add("BEGIN", "VEVENT");
    lines.add_text("UID", entry.uid);
    lines.add("DTSTAMP", stamp);
    add_times(lines, entry);
    lines.add_text_unless_empty(
        "SUMMARY", (entry.postponed && !entry.cancelled ? "Postponed: " : "") + entry.summary);
    lines.add_text_unless_empty("DESCRIPTION", description);
    lines.add_text_unless_empty("LOCATION", entry.location);
    if (!organizer.empty()) lines.add_line(organizer);
    const std::string url = trimmed(without_controls(entry.url));
    if (!url.empty()) lines.add("URL", url);
    lines.add("STATUS", entry.cancelled || entry.postponed ? "CANCELLED" : "CONFIRMED");
    lines.add("END", "VEVENT");
}

}  // namespace

std::string fold(const std::string& line) {
    std::string folded;
    size_t from = 0;
    size_t room = kMaxLineOctets;
    while (line.size() - from > room) {
        size_t cut = from + room;
        // Back up to the first byte of a UTF-8 character. A character has at
        // most three continuation bytes, so text that is not UTF-8 still folds.
        for (int i = 0; i < 3 && is_continuation_byte(line[cut]); ++i) --cut;
        folded.append(line, from, cut - from);
        folded += "\r\n ";
        from = cut;
        room = kMaxLineOctets - 1;  // the leading space counts
    }
    folded.append(line, from);
    return folded;
}

std::string escape_text(const std::string& text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\':
            case ';':
            case ',':
                escaped += '\\';
                escaped += c;
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                escaped += "\\n";
                break;
            case '\n':
                escaped += "\\n";
                break;
            default:
                if (!is_control(c)) escaped += c;
        }
    }
    return escaped;
}

std::string write(const Calendar& calendar) {
    Lines lines;
    lines.add("BEGIN", "VCALENDAR");
    lines.add("VERSION", "2.0");
    lines.add_text("PRODID", calendar.prodid);
    lines.add("CALSCALE", "GREGORIAN");
    lines.add("METHOD", "PUBLISH");
    lines.add_text_unless_empty("X-WR-CALNAME", calendar.name);
    for (const char* line : kLondonTimezone) lines.add_line(line);
    const std::string stamp = basic_date(calendar.stamp) + "T000000Z";
    const std::string organizer = organizer_line(calendar);
    for (const Entry& entry : calendar.entries) add_event(lines, entry, stamp, organizer);
    lines.add("END", "VCALENDAR");
    return lines.take();
}

}  // namespace lspgen::calendar
