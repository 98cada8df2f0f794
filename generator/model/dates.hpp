#pragma once

#include <compare>
#include <optional>
#include <string>

namespace lspgen {

/// A calendar date. Only real dates can be made (see parse_date).
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    auto operator<=>(const Date&) const = default;
    /// "2009-03-01"
    std::string iso() const;
    /// "Sunday 1 March 2009", as GOV.UK writes dates.
    std::string long_text() const;
    /// "1 March 2009"
    std::string text() const;
    /// Days since 1970-01-01 (negative before).
    long days_since_epoch() const;
    static Date from_days_since_epoch(long days);
};

/// A time of day, 24-hour.
struct TimeOfDay {
    int hour = 0;
    int minute = 0;

    auto operator<=>(const TimeOfDay&) const = default;
    /// "14:00", for machines (ISO 8601, iCalendar) and 24-hour readers.
    std::string text() const;
};

/// A meeting's time as its site's readers expect it. For English (`en`,
/// `en-GB`…), GOV.UK style: "2pm to 4:30pm", "midday", "midnight". For any
/// other language, 24-hour: "14:00–16:30". Empty without a start.
std::string time_range_text(const std::optional<TimeOfDay>& start,
                            const std::optional<TimeOfDay>& end, const std::string& language);

/// Parses `YYYY-MM-DD`. On failure returns nullopt and sets `why` to a
/// sentence a partnership officer can act on.
std::optional<Date> parse_date(const std::string& text, std::string& why);

/// Parses `HH:MM` (24-hour). On failure sets `why`.
std::optional<TimeOfDay> parse_time(const std::string& text, std::string& why);

int days_in_month(int year, int month);

/// The date the build treats as today: `--now` when given, else
/// SOURCE_DATE_EPOCH, else the clock. Sets `error` for a bad value.
std::optional<Date> resolve_today(const std::string& now_option, std::string& error);

}  // namespace lspgen
