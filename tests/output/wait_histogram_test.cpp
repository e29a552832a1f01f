// WaitHistogram: percentiles read to the minute (to 0.1% beyond 16,384 minutes), waits of exactly
// 0 counted apart, and memory that does not grow with the waits' length.
#include "truckflow/output/wait_histogram.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace truckflow::output {
namespace {

TEST(WaitHistogramTest, NoVisitsGiveNaN) {
  const WaitSummary s = WaitHistogram().summary();
  EXPECT_EQ(s.visits, 0);
  EXPECT_TRUE(std::isnan(s.mean_hours));
  EXPECT_TRUE(std::isnan(s.p95_hours));
  EXPECT_TRUE(std::isnan(s.max_hours));
}

TEST(WaitHistogramTest, ThePercentileIsZeroWhenThatManyDidNotWait) {
  // 96 of 100 did not wait: the 95th percentile is 0, not somewhere inside the first minute.
  WaitHistogram h;
  for (int i = 0; i < 96; ++i) h.add(0.0);
  for (int i = 0; i < 4; ++i) h.add(2.0);
  EXPECT_EQ(h.quantile_hours(0.95), 0.0);
  EXPECT_EQ(h.quantile_hours(0.96), 0.0);
  EXPECT_NEAR(h.quantile_hours(0.97), 2.0, 1.0 / 60.0);
  EXPECT_DOUBLE_EQ(h.summary().mean_hours, 0.08);
  EXPECT_EQ(h.summary().max_hours, 2.0);
}

TEST(WaitHistogramTest, PercentilesAreReadToTheMinute) {
  // Waits of 1, 2, ..., 1,000 minutes (each at the middle of its minute).
  WaitHistogram h;
  for (int m = 0; m < 1000; ++m) h.add((m + 0.5) / 60.0);
  EXPECT_NEAR(60.0 * h.quantile_hours(0.95), 950.0, 1.0);
  EXPECT_NEAR(60.0 * h.quantile_hours(0.5), 500.0, 1.0);
  EXPECT_EQ(h.summary().visits, 1000);
}

TEST(WaitHistogramTest, LongWaitsAreReadToATenthOfAPercentInBoundedMemory) {
  // Waits from 10 days to 10^9 hours (queues that never clear): the percentile within 0.1%, and a
  // wait of 10^9 hours costs no more memory than a bin per 1,024th of its power of two.
  WaitHistogram h;
  for (int i = 1; i <= 1000; ++i) h.add(240.0 * i);  // 10 days to 10,000 days
  EXPECT_NEAR(h.quantile_hours(0.95), 240.0 * 950, 240.0 * 950 * 0.0015);
  EXPECT_NEAR(h.quantile_hours(0.5), 240.0 * 500, 240.0 * 500 * 0.0015);
  WaitHistogram far;
  far.add(1e9);
  far.add(1e9 * 1.5);
  EXPECT_NEAR(far.quantile_hours(1.0), 1.5e9, 1.5e9 * 0.001);
  EXPECT_EQ(far.summary().max_hours, 1.5e9);
}

}  // namespace
}  // namespace truckflow::output
