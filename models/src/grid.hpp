// Grid: a small 2-D array (rows × columns, e.g. region × truck type) so that no index arithmetic
// is written by hand. Internal to models/.
#pragma once

#include <cassert>
#include <cstddef>
#include <numeric>
#include <span>
#include <vector>

namespace truckflow::models::detail {

template <typename T>
class Grid {
 public:
  Grid() = default;
  Grid(std::size_t rows, std::size_t columns, T value = T{})
      : rows_(rows), columns_(columns), values_(rows * columns, value) {}

  std::size_t rows() const noexcept { return rows_; }
  std::size_t columns() const noexcept { return columns_; }
  T& operator()(std::size_t row, std::size_t column) noexcept {
    assert(row < rows_ && column < columns_);
    return values_[row * columns_ + column];
  }
  const T& operator()(std::size_t row, std::size_t column) const noexcept {
    assert(row < rows_ && column < columns_);
    return values_[row * columns_ + column];
  }
  /// Row by row (the layout of a results variable over the same two dimensions).
  std::span<const T> flat() const noexcept { return values_; }
  T total() const { return std::accumulate(values_.begin(), values_.end(), T{}); }

 private:
  std::size_t rows_ = 0;
  std::size_t columns_ = 0;
  std::vector<T> values_;
};

}  // namespace truckflow::models::detail
