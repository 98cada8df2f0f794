#include <catch2/catch.hpp>

#include "model/dates.hpp"

using namespace lspgen;

TEST_CASE("dates: real dates parse and impossible ones say why") {
    std::string why;
    auto d = parse_date("2008-02-29", why);
    REQUIRE(d);
    CHECK(d->iso() == "2008-02-29");
    CHECK_FALSE(parse_date("2009-02-29", why));
    CHECK(why == "'2009-02-29' is not a real date: February 2009 has 28 days");
    CHECK_FALSE(parse_date("2009-13-01", why));
    CHECK(why == "'2009-13-01' is not a real date: there is no month 13");
    CHECK_FALSE(parse_date("21 May 2007", why));
    CHECK(why == "expected a date written YYYY-MM-DD, such as 2009-03-31");
    CHECK_FALSE(parse_date("1900-02-29", why));  // not a leap year
    CHECK(parse_date("2000-02-29", why));        // a leap year
}

TEST_CASE("dates: weekday names and long dates are right") {
    std::string why;
    CHECK(parse_date("2007-05-21", why)->long_text() == "Monday 21 May 2007");
    CHECK(parse_date("2009-03-01", why)->long_text() == "Sunday 1 March 2009");
    CHECK(parse_date("1970-01-01", why)->days_since_epoch() == 0);
    CHECK(Date::from_days_since_epoch(14304).iso() == "2009-03-01");
}

TEST_CASE("dates: times are 24-hour HH:MM") {
    std::string why;
    CHECK(parse_time("14:00", why)->text() == "14:00");
    CHECK_FALSE(parse_time("25:00", why));
    CHECK(why == "'25:00' is not a real time: hours go from 00 to 23 and minutes from 00 to 59");
    CHECK_FALSE(parse_time("2pm", why));
}

TEST_CASE("dates: an English site's times read as GOV.UK writes them, others 24-hour") {
    const TimeOfDay two{14, 0}, half_four{16, 30}, noon{12, 0}, midnight{0, 0};
    CHECK(time_range_text(two, half_four, "en-GB") == "2pm to 4:30pm");
    CHECK(time_range_text(two, std::nullopt, "en") == "2pm");
    CHECK(time_range_text(TimeOfDay{9, 5}, noon, "en-GB") == "9:05am to midday");
    CHECK(time_range_text(TimeOfDay{23, 0}, midnight, "en-US") == "11pm to midnight");
    CHECK(time_range_text(TimeOfDay{0, 30}, TimeOfDay{12, 45}, "EN-gb") == "12:30am to 12:45pm");
    CHECK(time_range_text(two, half_four, "cy") == "14:00\u201316:30");
    CHECK(time_range_text(std::nullopt, half_four, "en-GB").empty());
}
