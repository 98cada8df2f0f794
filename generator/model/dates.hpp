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
    /// "14:00"
    std::string text() const;
};

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
