// TruckCounts: the trucks counted by factory, region, site and stage, kept by following the
// domain event stream (the chain's first listener). Internal to models/.
#pragma once

#include <array>
#include <cstdint>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"

#include "grid.hpp"

namespace truckflow::models::detail {

class TruckCounts final : public Observer {
 public:
  explicit TruckCounts(const ScenarioDesc& desc);
  void on_event(const DomainEvent& event) override;

  // Cumulative counts since the start, except where noted.
  Grid<std::int64_t> factory_ordered, factory_built, factory_delivered;               // [factory, truck type]
  Grid<std::int64_t> region_ordered, region_built, region_delivered, region_retired;  // [region, truck type]
  std::vector<std::int64_t> site_delivered;                                           // [site]
  /// Trucks ordered by the site and not retired (on order or in service): what a target fleet counts.
  Grid<std::int64_t> site_active;                          // [site, truck type], a level
  std::array<std::int64_t, truck_stage_count> by_stage{};  ///< a level

  /// Trucks in service now (delivered and not retired) in `region`.
  std::int64_t in_service(std::size_t region, std::size_t type) const {
    return region_delivered(region, type) - region_retired(region, type);
  }
};

}  // namespace truckflow::models::detail
