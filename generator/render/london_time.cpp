#include "render/london_time.hpp"

#include <string>

namespace lspgen::render {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

/// The last Sunday of a month, as days since 1970-01-01 (a Thursday).
long last_sunday(int year, int month) {
    const long last = Date{year, month, days_in_month(year, month)}.days_since_epoch();
    const long weekday = ((last + 4) % 7 + 7) % 7;  // 0 is Sunday
    return last - weekday;
}

/// Minutes since 1970-01-01T00:00 of a date and a minute of it.
long long minutes_of(const Date& date, int minute) {
    return static_cast<long long>(date.days_since_epoch()) * kMinutesPerDay + minute;
}

/// Whether a UTC instant (minutes since the epoch) falls in summer time.
bool summer_at_utc(long long utc, int year) {
    const long long starts = static_cast<long long>(last_sunday(year, 3)) * kMinutesPerDay + 60;
    const long long ends = static_cast<long long>(last_sunday(year, 10)) * kMinutesPerDay + 60;
    return utc >= starts && utc < ends;
}

/// A date and minute of the day from minutes since the epoch.
LocalTime split(long long minutes) {
    long long days = minutes / kMinutesPerDay;
    long long minute = minutes % kMinutesPerDay;
    if (minute < 0) {
        minute += kMinutesPerDay;
        --days;
    }
    return {Date::from_days_since_epoch(static_cast<long>(days)), static_cast<int>(minute)};
}

std::string stamp(const LocalTime& t) {
    const int hour = t.minute / 60, minute = t.minute % 60;
    return t.date.iso() + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":" +
           (minute < 10 ? "0" : "") + std::to_string(minute) + ":00";
}

}  // namespace

int london_offset_minutes(const LocalTime& local) {
    const long long minutes = minutes_of(local.date, local.minute);
    const int year = split(minutes).date.year;
    // Read the local time as summer time first: if that instant is in
    // summer, it is (the repeated autumn hour takes its first reading);
    // otherwise it is winter time (the skipped spring hour reads as GMT).
    return summer_at_utc(minutes - 60, year) ? 60 : 0;
}

std::string utc_date_time(const LocalTime& local) {
    const long long minutes = minutes_of(local.date, local.minute);
    return stamp(split(minutes - london_offset_minutes(local))) + "Z";
}

std::string offset_date_time(const LocalTime& local) {
    const LocalTime t = split(minutes_of(local.date, local.minute));
    return stamp(t) + (london_offset_minutes(local) == 60 ? "+01:00" : "+00:00");
}

LocalTime london_from_utc(const Date& date, int minute) {
    const long long utc = minutes_of(date, minute);
    const int year = split(utc).date.year;
    return split(utc + (summer_at_utc(utc, year) ? 60 : 0));
}

}  // namespace lspgen::render
