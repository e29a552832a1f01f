// An experiment's summaries: mean, standard deviation and the Student t confidence interval,
// against values worked out by hand (t quantiles from a table).
#include <cmath>
#include <gtest/gtest.h>
#include <vector>

#include "truckflow/output/experiment.hpp"

namespace truckflow::output {
namespace {

TEST(ExperimentSummaryTest, StudentTIntervalOfTheMean) {
  // 1..10: mean 5.5, s = sqrt(82.5 / 9) = 3.02765; t(0.975, 9) = 2.262157.
  std::vector<double> values;
  for (int i = 1; i <= 10; ++i) values.push_back(i);
  const Summary s = summarize(values);
  EXPECT_EQ(s.count, 10U);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_NEAR(s.sd, 3.0276503540974917, 1e-12);
  EXPECT_NEAR(s.half_width, 2.262157163 * 3.0276503540974917 / std::sqrt(10.0), 1e-8);
  // Two values: t(0.975, 1) = 12.7062.
  const std::vector<double> two{1.0, 3.0};
  EXPECT_NEAR(summarize(two).half_width, 12.70620474 * std::sqrt(2.0) / std::sqrt(2.0), 1e-6);
}

TEST(ExperimentSummaryTest, OneValueHasNoInterval) {
  const std::vector<double> one{4.0};
  const Summary s = summarize(one);
  EXPECT_DOUBLE_EQ(s.mean, 4.0);
  EXPECT_TRUE(std::isnan(s.sd));
  EXPECT_TRUE(std::isnan(s.half_width));
  const std::vector<double> same{2.0, 2.0, 2.0};
  EXPECT_DOUBLE_EQ(summarize(same).half_width, 0.0);
}

}  // namespace
}  // namespace truckflow::output
