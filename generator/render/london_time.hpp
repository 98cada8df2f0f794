#pragma once

#include <string>

#include "model/dates.hpp"

/// Times in the data are local to Europe/London (the one timezone lspgen
/// supports); open data states them against UTC. The UK rule since 1996:
/// British Summer Time (UTC+1) from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October, Greenwich Mean Time otherwise.
/// The same rule as the VTIMEZONE of meetings.ics.
namespace lspgen::render {

/// A date and a minute of the day; the minute may run past midnight
/// (an event that ends at 01:00 the next day is minute 1500 of its start date).
struct LocalTime {
    Date date;
    int minute = 0;
};

/// Minutes east of UTC in London at a local date and time: 60 in summer, 0 in
/// winter. A local time the spring change skips (01:00–01:59 on the last
/// Sunday of March) reads as GMT; one the autumn change repeats (01:00–01:59
/// on the last Sunday of October) as its first, summer, occurrence.
int london_offset_minutes(const LocalTime& local);

/// "2009-04-16T13:00:00Z": the UTC instant of a London local time.
std::string utc_date_time(const LocalTime& local);

/// "2009-04-16T14:00:00+01:00": the London local time with its offset.
std::string offset_date_time(const LocalTime& local);

/// The London local time of a UTC date and minute of the day.
LocalTime london_from_utc(const Date& date, int minute);

}  // namespace lspgen::render
