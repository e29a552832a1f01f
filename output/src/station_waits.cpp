// StationWaits.
#include "truckflow/output/station_waits.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

namespace truckflow::output {

StationWaits::StationWaits(std::size_t stations, std::size_t truck_types, std::size_t sites)
    : stations_(stations), types_(truck_types), site_types_(sites * truck_types) {}

void StationWaits::on_event(const models::DomainEvent& event) {
  if (const auto* other = std::get_if<models::OtherTrafficCharged>(&event)) {
    stations_.at(other->station).add(other->waited.to_hours());  // the station's waits, not the fleets'
    return;
  }
  const auto* visit = std::get_if<models::StationVisited>(&event);
  if (visit == nullptr) return;
  const double hours = visit->waited.to_hours();
  all_.add(hours);
  stations_.at(visit->station).add(hours);
  types_.at(visit->truck_type).add(hours);
  site_types_.at(visit->site * types_.size() + visit->truck_type).add(hours);
}

}  // namespace truckflow::output
