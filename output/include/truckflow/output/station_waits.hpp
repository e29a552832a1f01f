// How long trucks waited at stations, from the event stream: visits, mean, 95th percentile and
// longest wait by station, by truck type and by site and truck type. Percentiles are to the
// minute (each wait counts in a one-minute bin).
#pragma once

#include <cstdint>
#include <vector>

#include "truckflow/models/observer.hpp"

namespace truckflow::output {

/// Waits at stations over a set of visits.
struct WaitSummary {
  std::int64_t visits = 0;
  double mean_hours = 0.0;  ///< NaN without visits
  double p95_hours = 0.0;   ///< NaN without visits
  double max_hours = 0.0;   ///< NaN without visits
};

/// Waits in one-minute bins, as many as the longest wait needs.
class WaitHistogram {
 public:
  void add(double hours);
  WaitSummary summary() const;
  /// The wait that `share` of the visits did not exceed (interpolated inside its minute).
  double quantile_hours(double share) const;

 private:
  std::vector<std::uint32_t> minutes_;  // [whole minutes waited]
  std::int64_t visits_ = 0;
  double sum_hours_ = 0.0;
  double max_hours_ = 0.0;
};

class StationWaits : public models::Observer {
 public:
  StationWaits(std::size_t stations, std::size_t truck_types, std::size_t sites);
  void on_event(const models::DomainEvent& event) override;

  std::size_t stations() const noexcept { return stations_.size(); }
  /// Every visit.
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
