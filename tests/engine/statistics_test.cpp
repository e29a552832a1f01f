// Tally, TimeWeighted and the quantile functions behind confidence intervals.
#include "truckflow/engine/statistics.hpp"

#include <cmath>
#include <gtest/gtest.h>

#include "truckflow/engine/queueing.hpp"

namespace truckflow::engine {
namespace {

TEST(TallyTest, HandComputedMoments) {
  Tally t;
  EXPECT_EQ(t.count(), 0U);
  EXPECT_TRUE(std::isnan(t.mean()));
  for (const double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  EXPECT_EQ(t.count(), 8U);
  EXPECT_DOUBLE_EQ(t.sum(), 40.0);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(t.min(), 2.0);
  EXPECT_DOUBLE_EQ(t.max(), 9.0);
  t.reset();
  EXPECT_EQ(t.count(), 0U);
}

TEST(TallyTest, ConfidenceIntervalUsesStudentT) {
  Tally t;
  for (int i = 1; i <= 10; ++i) t.add(i);
  // mean 5.5, s = sqrt(55/6), t(0.975; 9) = 2.262157
  const ConfidenceInterval ci = t.confidence_interval(0.95);
  const double half = 2.262157 * std::sqrt(55.0 / 6.0) / std::sqrt(10.0);
  EXPECT_NEAR(ci.half_width, half, 1e-5);
  EXPECT_NEAR(ci.low, 5.5 - half, 1e-5);
  EXPECT_NEAR(ci.high, 5.5 + half, 1e-5);
  Tally one;
  one.add(1.0);
  EXPECT_THROW((void)one.confidence_interval(), std::logic_error);
  EXPECT_THROW((void)t.confidence_interval(1.0), std::invalid_argument);
}

TEST(QuantileTest, MatchesTables) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963985, 1e-8);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.70620474, 1e-6);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.262157163, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.995, 29), 2.756385904, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.025, 4), -2.776445105, 1e-8);
  EXPECT_NEAR(student_t_quantile(0.975, 1e6), 1.959966, 1e-5);
  EXPECT_THROW((void)normal_quantile(1.0), std::invalid_argument);
  EXPECT_THROW((void)student_t_quantile(0.5, 0.0), std::invalid_argument);
}

TEST(TimeWeightedTest, IntegratesAPiecewiseConstantLevel) {
  TimeWeighted level(Time::zero(), 2.0);
  level.update(Time::zero() + seconds(10), 5.0);  // 2 for 10 s
  level.update(Time::zero() + seconds(30), 0.0);  // 5 for 20 s
  EXPECT_DOUBLE_EQ(level.integral(Time::zero() + seconds(40)), 20.0 + 100.0);
  EXPECT_DOUBLE_EQ(level.mean(Time::zero() + seconds(40)), 120.0 / 40.0);
  EXPECT_DOUBLE_EQ(level.max(), 5.0);
  EXPECT_DOUBLE_EQ(level.min(), 0.0);
  EXPECT_THROW(level.update(Time::zero() + seconds(20), 1.0), std::invalid_argument);
  level.reset(Time::zero() + seconds(40));
  EXPECT_DOUBLE_EQ(level.mean(Time::zero() + seconds(50)), 0.0);
  EXPECT_DOUBLE_EQ(level.mean(Time::zero() + seconds(40)), 0.0) << "no time passed: the current value";
}

TEST(QueueingTest, ErlangCAgainstHandComputedCases) {
  // M/M/1: P(wait) = rho.
  EXPECT_NEAR(queueing::erlang_c(1, 0.8), 0.8, 1e-12);
  // M/M/2 with a = 1: C = (a^2/2! * 2/(2-a)) / (1 + a + a^2/2! * 2/(2-a)) = 1/3.
  EXPECT_NEAR(queueing::erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
  const queueing::MMc mm1{0.8, 1.0, 1};
  EXPECT_NEAR(mm1.mean_wait(), 4.0, 1e-12);
  EXPECT_NEAR(mm1.mean_queue_length(), 3.2, 1e-12);
  EXPECT_NEAR(mm1.mean_time_in_system(), 5.0, 1e-12);
  EXPECT_THROW((void)queueing::erlang_c(2, 2.0), std::invalid_argument);
}

}  // namespace
}  // namespace truckflow::engine
