// The series of a world with the functions that read them from the running chain. Each part of
// the model declares its series in its own file (a `declare_*_series` function); the registry
// calls them in one fixed order. Internal to models/.
#pragma once

#include <span>

#include "truckflow/models/description.hpp"
#include "truckflow/models/series.hpp"

namespace truckflow::models::detail {

class Chain;

class SeriesRegistry {
 public:
  using CountReader = void (*)(const Chain&, std::span<std::int64_t>);
  using RealReader = void (*)(const Chain&, std::span<double>);

  /// Every dimension and series of a world built from `description`.
  explicit SeriesRegistry(const ScenarioDesc& description);

  const ScenarioDesc& description() const noexcept { return desc_; }
  /// Declares a series of whole numbers whose values `reader` fills (as many as the series holds).
  void counts(SeriesSpec spec, CountReader reader);
  /// Declares a series of real numbers.
  void reals(SeriesSpec spec, RealReader reader);
  void dimension(Dimension dimension) { catalog_.add_dimension(std::move(dimension)); }

  const SeriesCatalog& catalog() const noexcept { return catalog_; }
  /// Every series read now (flow series as totals since the start: SeriesCatalog::flows_since).
  Sample read(const Chain& chain, engine::Time now) const;

 private:
  const ScenarioDesc& desc_;
  SeriesCatalog catalog_;
  std::vector<CountReader> count_readers_;  // in the order of the catalog's count series
  std::vector<RealReader> real_readers_;
};

// Each declares its part's series, in its own file.
void declare_dimensions(SeriesRegistry& registry);
void declare_truck_series(SeriesRegistry& registry);      // truck_counts.cpp
void declare_supplier_series(SeriesRegistry& registry);   // supplier.cpp
void declare_upfitter_series(SeriesRegistry& registry);   // upfitter.cpp
void declare_operation_series(SeriesRegistry& registry);  // operations_series.cpp
void declare_value_series(SeriesRegistry& registry);      // value_series.cpp

}  // namespace truckflow::models::detail
