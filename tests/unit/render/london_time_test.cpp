// London local time against UTC, around the changes of the clocks: the UK
// rule is summer time from 01:00 UTC on the last Sunday of March to 01:00
// UTC on the last Sunday of October (29 March and 25 October in 2009).
#include <catch2/catch.hpp>

#include "render/london_time.hpp"

using lspgen::Date;
using lspgen::render::LocalTime;
using lspgen::render::london_from_utc;
using lspgen::render::offset_date_time;
using lspgen::render::utc_date_time;

namespace {
constexpr int at(int hour, int minute) {
    return hour * 60 + minute;
}
}  // namespace

TEST_CASE("london time: winter is UTC and summer one hour ahead") {
    CHECK(utc_date_time({Date{2009, 1, 15}, at(14, 0)}) == "2009-01-15T14:00:00Z");
    CHECK(utc_date_time({Date{2009, 7, 16}, at(18, 30)}) == "2009-07-16T17:30:00Z");
    CHECK(offset_date_time({Date{2009, 1, 15}, at(14, 0)}) == "2009-01-15T14:00:00+00:00");
    CHECK(offset_date_time({Date{2009, 7, 16}, at(18, 30)}) == "2009-07-16T18:30:00+01:00");
}

TEST_CASE("london time: the spring change skips 01:00 to 01:59, read as winter time") {
    CHECK(utc_date_time({Date{2009, 3, 29}, at(0, 30)}) == "2009-03-29T00:30:00Z");
    CHECK(utc_date_time({Date{2009, 3, 29}, at(1, 30)}) == "2009-03-29T01:30:00Z");
    CHECK(utc_date_time({Date{2009, 3, 29}, at(2, 0)}) == "2009-03-29T01:00:00Z");
    CHECK(utc_date_time({Date{2009, 3, 28}, at(23, 0)}) == "2009-03-28T23:00:00Z");
}

TEST_CASE(
    "london time: the autumn change repeats 01:00 to 01:59, read as its first, summer, "
    "time") {
    CHECK(utc_date_time({Date{2009, 10, 25}, at(0, 30)}) == "2009-10-24T23:30:00Z");
    CHECK(utc_date_time({Date{2009, 10, 25}, at(1, 30)}) == "2009-10-25T00:30:00Z");
    CHECK(utc_date_time({Date{2009, 10, 25}, at(2, 0)}) == "2009-10-25T02:00:00Z");
}

TEST_CASE("london time: a time past midnight is the next day, and UTC reads back") {
    CHECK(utc_date_time({Date{2009, 12, 31}, at(25, 0)}) == "2010-01-01T01:00:00Z");
    const LocalTime summer = london_from_utc(Date{2009, 10, 25}, at(0, 59));
    CHECK(summer.date == Date{2009, 10, 25});
    CHECK(summer.minute == at(1, 59));
    const LocalTime winter = london_from_utc(Date{2009, 10, 25}, at(1, 0));
    CHECK(winter.minute == at(1, 0));
    const LocalTime evening = london_from_utc(Date{2009, 6, 30}, at(23, 30));
    CHECK(evening.date == Date{2009, 7, 1});
    CHECK(evening.minute == at(0, 30));
}
