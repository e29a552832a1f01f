// Time and Duration: exact construction, checked arithmetic, formatting and calendar dates.
#include "truckflow/engine/time.hpp"

#include <chrono>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <sstream>

namespace truckflow::engine {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TEST(DurationTest, HelpersCountMicroseconds) {
  EXPECT_EQ(microseconds(7).ticks(), 7);
  EXPECT_EQ(milliseconds(3).ticks(), 3'000);
  EXPECT_EQ(seconds(2).ticks(), 2'000'000);
  EXPECT_EQ(minutes(1).ticks(), 60'000'000);
  EXPECT_EQ(hours(1).ticks(), 3'600'000'000LL);
  EXPECT_EQ(days(1).ticks(), 86'400'000'000LL);
  EXPECT_EQ(days(1), hours(24));
  EXPECT_EQ(hours(1), minutes(60));
}

TEST(DurationTest, RealNumbersRoundToTheNearestTick) {
  EXPECT_EQ(seconds(1.5).ticks(), 1'500'000);
  EXPECT_EQ(seconds(0.0000014).ticks(), 1);
  EXPECT_EQ(seconds(0.0000016).ticks(), 2);
  EXPECT_EQ(seconds(-2.25).ticks(), -2'250'000);
  EXPECT_EQ(hours(0.5), minutes(30));
  EXPECT_EQ(days(0.25), hours(6));
  EXPECT_DOUBLE_EQ(minutes(90).to_hours(), 1.5);
  EXPECT_DOUBLE_EQ(hours(36).to_days(), 1.5);
}

TEST(DurationTest, ArithmeticAndComparison) {
  EXPECT_EQ(seconds(3) + seconds(4), seconds(7));
  EXPECT_EQ(seconds(3) - seconds(4), -seconds(1));
  EXPECT_EQ(seconds(3) * 4, seconds(12));
  EXPECT_EQ(4 * seconds(3), seconds(12));
  EXPECT_EQ(seconds(7) / 2, milliseconds(3500));
  EXPECT_EQ(hours(1) / minutes(7), 8);
  EXPECT_LT(seconds(1), seconds(2));
  EXPECT_GT(Duration::max(), days(1'000'000));
}

TEST(DurationTest, OverflowIsAnError) {
  EXPECT_THROW((void)(Duration::max() + microseconds(1)), TimeOverflow);
  EXPECT_THROW((void)(-Duration::max() - seconds(1)), TimeOverflow);
  EXPECT_THROW((void)(Duration::max() * 2), TimeOverflow);
  EXPECT_THROW((void)days(200'000'000), TimeOverflow);
  EXPECT_THROW((void)seconds(1e300), TimeOverflow);
  EXPECT_THROW((void)seconds(std::numeric_limits<double>::infinity()), TimeOverflow);
  EXPECT_THROW((void)seconds(std::nan("")), std::domain_error);
  EXPECT_THROW((void)seconds(std::numeric_limits<std::uint64_t>::max()), TimeOverflow);
  try {
    (void)(Duration::max() + seconds(1));
    FAIL() << "no exception";
  } catch (const TimeOverflow& e) {
    EXPECT_NE(std::string(e.what()).find("overflow"), std::string::npos) << e.what();
  }
}

TEST(DurationTest, FormatsAsSeconds) {
  EXPECT_EQ(to_string(seconds(5)), "5 s");
  EXPECT_EQ(to_string(milliseconds(1500)), "1.5 s");
  EXPECT_EQ(to_string(-microseconds(1)), "-0.000001 s");
  EXPECT_EQ(to_string(Duration::zero()), "0 s");
  EXPECT_EQ(to_string(Duration::from_ticks(std::numeric_limits<std::int64_t>::min())), "-9223372036854.775808 s");
  std::ostringstream out;
  out << Time::zero() + seconds(90);
  EXPECT_EQ(out.str(), "t=90 s");
}

TEST(TimeTest, InstantsAndDurations) {
  const Time t = Time::zero() + hours(2);
  EXPECT_EQ(t - Time::zero(), hours(2));
  EXPECT_EQ(t - minutes(30), Time::zero() + minutes(90));
  EXPECT_DOUBLE_EQ(t.to_hours(), 2.0);
  EXPECT_THROW((void)(Time::max() + microseconds(1)), TimeOverflow);
  EXPECT_THROW((void)(Time::max() - Time::from_ticks(-1)), TimeOverflow);
}

TEST(EpochTest, ConvertsTimesToCalendarDates) {
  const Epoch epoch = Epoch::from_iso_date("2026-01-01");
  EXPECT_EQ(epoch.iso_date(), "2026-01-01");
  EXPECT_EQ(epoch.date_of(Time::zero() + days(31)), year_month_day(year(2026), month(2), day(1)));
  // 2028 is a leap year: 2026 has 365 days, 2027 has 365, then Jan+Feb 2028 up to the 29th.
  EXPECT_EQ(epoch.date_of(Time::zero() + days(365 + 365 + 31 + 28)), year_month_day(year(2028), month(2), day(29)));
  EXPECT_EQ(epoch.iso8601(Time::zero() + hours(30) + seconds(5)), "2026-01-02T06:00:05");
  EXPECT_EQ(epoch.iso8601(Time::zero() + milliseconds(250)), "2026-01-01T00:00:00.250000");
  EXPECT_EQ(epoch.iso8601(Time::zero() - hours(1)), "2025-12-31T23:00:00");
  EXPECT_EQ(epoch.time_of(year_month_day(year(2027), month(1), day(1))), Time::zero() + days(365));
  EXPECT_EQ(epoch.time_of(year_month_day(year(2025), month(12), day(31))), Time::zero() - days(1));
  EXPECT_EQ(Epoch().iso_date(), "1970-01-01");
}

TEST(EpochTest, RejectsInvalidDates) {
  for (const char* text : {"2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "2026-01-01T00", "", "abcd-ef-gh"}) {
    EXPECT_THROW((void)Epoch::from_iso_date(text), std::invalid_argument) << text;
  }
  try {
    (void)Epoch::from_iso_date("2026-02-30");
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "'2026-02-30' is not a valid ISO date (expected YYYY-MM-DD)");
  }
  EXPECT_THROW(Epoch(year_month_day(year(2026), month(2), day(29))), std::invalid_argument);
}

}  // namespace
}  // namespace truckflow::engine
