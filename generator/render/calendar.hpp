#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"

/// The iCalendar (RFC 5545) writer behind /meetings.ics. It knows nothing of
/// meetings.yaml: the renderer turns the model into Entries and this module
/// only serializes them.
namespace lspgen::calendar {

/// One meeting or event in the calendar. Times are local to Europe/London.
struct Entry {
    std::string uid;      // stable across builds, e.g. "meeting-2009-04-16-board@spelthorne.lspgen"
    std::string summary;  // title
    std::string description;  // plain text; may hold any character, newlines included
    std::string location;
    std::string url;  // absolute URL of the meeting page, or empty
    Date date;
    std::optional<TimeOfDay> start;  // absent: an all-day entry (DTSTART;VALUE=DATE)
    std::optional<TimeOfDay> end;    // absent with start: one hour after start;
                                     // earlier than start: the next day (past midnight)
    bool cancelled = false;          // STATUS:CANCELLED (otherwise STATUS:CONFIRMED)
    /// Put off with no new date: it will not happen at this time, so
    /// STATUS:CANCELLED (RFC 5545 has no "postponed"; TENTATIVE would say it
    /// may still happen then); the summary starts "Postponed: " and the
    /// DESCRIPTION starts by saying why, so nobody travels to it.
    bool postponed = false;
    /// This entry's ORGANIZER, when it is not the calendar's (a regional
    /// calendar's entries each belong to a partnership): the CN and a URI,
    /// "mailto:…" or the partnership's web address. No name: the calendar's
    /// organizer; a name without a URI: no ORGANIZER (one needs an address).
    std::string organizer_name;
    std::string organizer_uri;
};

/// The first line of a postponed entry's DESCRIPTION.
inline constexpr const char* kPostponedNote =
    "Postponed: this meeting will not take place at this time, and no new date has been set.";

/// A whole calendar file.
struct Calendar {
    std::string name;    // X-WR-CALNAME, e.g. "Spelthorne LSP meetings"
    std::string prodid;  // e.g. "-//lspgen//lspgen 0.1.0//EN"
    Date stamp;          // DTSTAMP: the build's "today", written <date>T000000Z so builds reproduce
    std::vector<Entry> entries;  // written in this order
    // ORGANIZER of every entry, e.g. "Spelthorne LSP" and "lsp@spelthorne.gov.uk".
    // RFC 5546 requires one in each VEVENT of a METHOD:PUBLISH calendar, so
    // strict validators complain without it; left out when the email is empty.
    std::string organizer_name;
    std::string organizer_email;
};

/// Writes the calendar as RFC 5545 text: CRLF line ends, lines folded at 75
/// octets, TEXT values escaped, one VTIMEZONE for Europe/London that timed
/// entries refer to, and one VEVENT per entry in the order given. It cannot
/// fail; control characters other than tab are dropped from values, and so
/// are blanks at either end of a TEXT value, since RFC 5545 has no way to
/// write them. A TEXT property left with nothing is left out (SUMMARY too);
/// an end past the year 9999 is written as a DURATION.
std::string write(const Calendar& calendar);

/// Folds one content line (given without its CRLF) so that no line is longer
/// than 75 octets, never cutting inside a UTF-8 sequence; continuation lines
/// start with one space. The result has no final CRLF. Exposed for tests.
std::string fold(const std::string& line);

/// Escapes a TEXT value per RFC 5545 §3.3.11: backslash, semicolon and comma
/// get a backslash, a line break (LF, CRLF or CR) becomes `\n`, and other
/// control characters but tab are dropped. Exposed for tests.
std::string escape_text(const std::string& text);

}  // namespace lspgen::calendar
