// Determinism in one process: the same seed gives the identical event trace twice in a row (with
// the frame pool and the streams' state from the first run still around), and another seed a
// different one, so the fingerprint really depends on the draws.
#include <gtest/gtest.h>

#include "fingerprint_model.hpp"

namespace truckflow::engine::testing {
namespace {

TEST(DeterminismTest, TheSameSeedGivesTheSameTraceTwiceInOneProcess) {
  const std::string first = trace_fingerprint(20261130);
  const std::string second = trace_fingerprint(20261130);
  EXPECT_EQ(first, second);
}

TEST(DeterminismTest, AnotherSeedGivesAnotherTrace) {
  EXPECT_NE(trace_fingerprint(20261130), trace_fingerprint(20261131));
}

}  // namespace
}  // namespace truckflow::engine::testing
