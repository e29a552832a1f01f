// vary: exact without variation, mean-preserving with it, never negative, never overflowing.
#include "variation.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace truckflow::models::detail {
namespace {

using engine::Duration;
using engine::hours;

TEST(VariationTest, NoVariationIsTheMeanAndDrawsNothing) {
  engine::Stream used(42);
  engine::Stream untouched(42);
  EXPECT_EQ(vary(hours(10), 0.0, used), hours(10));
  EXPECT_EQ(vary(Duration::zero(), 0.5, used), Duration::zero()) << "nothing to vary";
  EXPECT_EQ(used.uniform(), untouched.uniform()) << "no number was drawn";
}

TEST(VariationTest, TheMeanAndTheCoefficientOfVariationAreKept) {
  engine::Stream stream(7);
  constexpr int n = 200'000;
  std::vector<double> h;
  h.reserve(n);
  for (int i = 0; i < n; ++i) h.push_back(vary(hours(10), 0.5, stream).to_hours());
  double sum = 0;
  double min = h.front();
  for (const double x : h) {
    sum += x;
    min = std::min(min, x);
  }
  const double mean = sum / n;
  double squares = 0;
  for (const double x : h) squares += (x - mean) * (x - mean);
  const double sd = std::sqrt(squares / (n - 1));
  EXPECT_NEAR(mean, 10.0, 4 * 10.0 * 0.5 / std::sqrt(n)) << "within 4 standard errors";
  EXPECT_NEAR(sd / mean, 0.5, 0.01);
  EXPECT_GT(min, 0.0);
}

TEST(VariationTest, HugeMeansDoNotOverflow) {
  engine::Stream stream(1);
  const Duration huge = Duration::from_ticks(Duration::max().ticks() / 4);
  for (int i = 0; i < 10'000; ++i) {
    const Duration d = vary(huge, 3.0, stream);
    ASSERT_GT(d, Duration::zero());
    ASSERT_LE(d.ticks(), Duration::max().ticks() / 2 + 1) << "capped (half the range, rounded to a double)";
  }
}

}  // namespace
}  // namespace truckflow::models::detail
