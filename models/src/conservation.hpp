// Laws: the conservation laws broken so far, each with both sides. Every part of the chain checks
// its own laws (Supply::check, Production::check, Delivery::check; the trucks' in
// conservation.cpp). Internal to models/.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace truckflow::models::detail {

class Laws {
 public:
  void check(bool holds, const std::string& law, std::int64_t left, std::int64_t right) {
    if (!holds) broken.push_back(law + ": " + std::to_string(left) + " != " + std::to_string(right));
  }
  void equal(std::int64_t left, std::int64_t right, const std::string& law) { check(left == right, law, left, right); }
  /// Real totals agree to a part in 10^9 (sums in a different order round differently).
  void near(double left, double right, const std::string& law) {
    const double scale = std::max({1.0, std::abs(left), std::abs(right)});
    if (!(std::abs(left - right) <= 1e-9 * scale)) {
      broken.push_back(law + ": " + std::to_string(left) + " != " + std::to_string(right));
    }
  }
  std::vector<std::string> broken;
};

}  // namespace truckflow::models::detail
