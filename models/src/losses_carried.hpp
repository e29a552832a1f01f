// Losses carried forward for income tax: a year's loss is set against the profits of the next
// years, the oldest loss first, for a number of years, after which what is left of it is lost.
// Internal to models/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace truckflow::models::detail {

class LossesCarried {
 public:
  /// `years`: how many years after its own a loss can be set against a profit (0: none).
  explicit LossesCarried(std::int64_t years) : years_(years) {}

  /// What is taxed of `profit` in `year` (a loss, below 0, is carried and nothing is taxed), once
  /// the losses still carried are set against it. Years come in increasing order.
  double taxable(std::int64_t year, double profit) {
    std::erase_if(losses_, [&](const auto& loss) { return year - loss.first > years_; });
    if (profit < 0.0) {
      if (years_ > 0) losses_.emplace_back(year, -profit);
      return 0.0;
    }
    for (auto& [loss_year, left] : losses_) {
      const double used = std::min(left, profit);
      left -= used;
      profit -= used;
    }
    std::erase_if(losses_, [](const auto& loss) { return loss.second <= 0.0; });
    return profit;
  }

  /// The losses still carried.
  double carried() const {
    double total = 0.0;
    for (const auto& loss : losses_) total += loss.second;
    return total;
  }

 private:
  std::int64_t years_;
  std::vector<std::pair<std::int64_t, double>> losses_;  // (year, what is left of it)
};

}  // namespace truckflow::models::detail
