#include "model/dates.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace lspgen {

namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Thursday", "Friday",  "Saturday", "Sunday",
                                                  "Monday",   "Tuesday", "Wednesday"};

bool all_digits(const std::string& s, size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int number(const std::string& s, size_t from, size_t count) {
    int n = 0;
    for (size_t i = from; i < from + count; ++i) n = n * 10 + (s[i] - '0');
    return n;
}

}  // namespace

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

std::string Date::text() const {
    return std::to_string(day) + " " + kMonths[static_cast<size_t>(month - 1)] + " " +
           std::to_string(year);
}

std::string Date::long_text() const {
    long days = days_since_epoch();
    long weekday = ((days % 7) + 7) % 7;  // 1970-01-01 was a Thursday
    return std::string(kWeekdays[static_cast<size_t>(weekday)]) + " " + text();
}

// Howard Hinnant's days-from-civil algorithm.
long Date::days_since_epoch() const {
    const long y = month <= 2 ? year - 1 : year;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(long days) {
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const long doe = days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<Date> parse_date(const std::string& text, std::string& why) {
    if (text.size() != 10 || !all_digits(text, 0, 4) || text[4] != '-' || !all_digits(text, 5, 2) ||
        text[7] != '-' || !all_digits(text, 8, 2)) {
        why = "expected a date written YYYY-MM-DD, such as 2009-03-31";
        return std::nullopt;
    }
    Date date{number(text, 0, 4), number(text, 5, 2), number(text, 8, 2)};
    if (date.month < 1 || date.month > 12) {
        why = "'" + text + "' is not a real date: there is no month " + std::to_string(date.month);
        return std::nullopt;
    }
    const int last = days_in_month(date.year, date.month);
    if (date.day < 1 || date.day > last) {
        why = "'" + text + "' is not a real date: " + kMonths[static_cast<size_t>(date.month - 1)] +
              " " + std::to_string(date.year) + " has " + std::to_string(last) + " days";
        return std::nullopt;
    }
    return date;
}

std::optional<TimeOfDay> parse_time(const std::string& text, std::string& why) {
    if (text.size() != 5 || !all_digits(text, 0, 2) || text[2] != ':' || !all_digits(text, 3, 2)) {
        why = "expected a 24-hour time written HH:MM, such as 14:00";
        return std::nullopt;
    }
    TimeOfDay time{number(text, 0, 2), number(text, 3, 2)};
    if (time.hour > 23 || time.minute > 59) {
        why = "'" + text + "' is not a real time: hours go from 00 to 23 and minutes from 00 to 59";
        return std::nullopt;
    }
    return time;
}

std::string TimeOfDay::text() const {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", hour, minute);
    return buffer;
}

namespace {

// GOV.UK style: "2pm", "4:30pm", "midday", "midnight" (never "12pm").
std::string twelve_hour(const TimeOfDay& t) {
    if (t.minute == 0 && t.hour == 12) return "midday";
    if (t.minute == 0 && t.hour == 0) return "midnight";
    std::string text = std::to_string(t.hour % 12 == 0 ? 12 : t.hour % 12);
    if (t.minute != 0) {
        char minutes[4];
        std::snprintf(minutes, sizeof minutes, "%02d", t.minute);
        text += std::string(":") + minutes;
    }
    return text + (t.hour < 12 ? "am" : "pm");
}

bool is_english(const std::string& language) {
    return language.size() >= 2 && std::tolower(static_cast<unsigned char>(language[0])) == 'e' &&
           std::tolower(static_cast<unsigned char>(language[1])) == 'n' &&
           (language.size() == 2 || language[2] == '-' || language[2] == '_');
}

}  // namespace

std::string time_range_text(const std::optional<TimeOfDay>& start,
                            const std::optional<TimeOfDay>& end, const std::string& language) {
    if (!start) return {};
    if (!is_english(language)) return start->text() + (end ? "–" + end->text() : "");
    return twelve_hour(*start) + (end ? " to " + twelve_hour(*end) : "");
}

std::optional<Date> resolve_today(const std::string& now_option, std::string& error) {
    if (!now_option.empty()) {
        std::string why;
        auto date = parse_date(now_option, why);
        if (!date) error = "--now: " + why;
        return date;
    }
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        errno = 0;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (errno != 0 || *end != '\0' || seconds < 0) {
            error =
                "SOURCE_DATE_EPOCH must be a number of seconds, not '" + std::string(epoch) + "'";
            return std::nullopt;
        }
        return Date::from_days_since_epoch(static_cast<long>(seconds / 86400));
    }
    const auto now = std::chrono::system_clock::now();
    const auto days =
        std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
    return Date::from_days_since_epoch(static_cast<long>(days));
}

}  // namespace lspgen
