// How long trucks waited at stations, from the event stream: visits, mean, 95th percentile and
// longest wait by station (the fleets' trucks and the station's other traffic), and of the
// fleets' trucks in all, by truck type and by site and truck type. Percentiles are to the
// minute (each wait counts in a one-minute bin).
#pragma once

#include <cstddef>
#include <vector>

#include "truckflow/models/observer.hpp"
#include "truckflow/output/wait_histogram.hpp"

namespace truckflow::output {

class StationWaits : public models::Observer {
 public:
  StationWaits(std::size_t stations, std::size_t truck_types, std::size_t sites);
  void on_event(const models::DomainEvent& event) override;

  std::size_t stations() const noexcept { return stations_.size(); }
  /// Every visit of the fleets' trucks.
  WaitSummary all() const { return all_.summary(); }
  WaitSummary by_station(std::size_t station) const { return stations_.at(station).summary(); }
  WaitSummary by_type(std::size_t type) const { return types_.at(type).summary(); }
  WaitSummary by_site_and_type(std::size_t site, std::size_t type) const {
    return site_types_.at(site * types_.size() + type).summary();
  }

 private:
  WaitHistogram all_;
  std::vector<WaitHistogram> stations_;
  std::vector<WaitHistogram> types_;
  std::vector<WaitHistogram> site_types_;  // [site × truck type]
};

}  // namespace truckflow::output
