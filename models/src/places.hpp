// Places inside regions (sites, loading points, stations, energy sources) and trips between
// them: duration, distance, climb and descent. Internal to models/.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "truckflow/engine/time.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/road_network.hpp"

namespace truckflow::models::detail {

/// A place, resolved: its region, its road distance from the region's centre and its elevation.
struct Place {
  static constexpr std::size_t unregistered = static_cast<std::size_t>(-1);
  std::size_t id = unregistered;  ///< its index in Places, whose trips from it are kept
  std::size_t region = 0;
  double distance_km = 0.0;  ///< by road from the region's centre
  double elevation_m = 0.0;
  std::optional<CoordinatesDesc> coordinates;  ///< when the scenario gave them
};

/// A trip by road between two places.
struct Trip {
  engine::Duration duration;
  double km = 0.0;
  double climb_m = 0.0;
  double descent_m = 0.0;
};

/// Great-circle distance between two coordinates (a sphere of the Earth's mean radius).
double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

class Places {
 public:
  Places(const ScenarioDesc& desc, const RoadNetwork& roads);

  /// The place at `position` in `region`, registered: trips between registered places are worked
  /// out once and kept.
  Place place(std::size_t region, const PositionDesc& position);

  /// From `a` to `b`, at nominal speeds: inside a region at its local speed, via the region's
  /// centre (or straight, times the detour factor, when both places have coordinates); between
  /// regions from `a` to its region's centre, along the fastest road route, then out to `b`. The
  /// climb and descent follow the elevations, and a route's own climb and descent between centres
  /// (or, for a road that gives neither, the difference of the centres' elevations).
  Trip trip(const Place& a, const Place& b) const;

 private:
  Trip compute(const Place& a, const Place& b) const;
  /// From the centre of `place`'s region out to `place`.
  Trip from_centre(const Place& place) const;

  const ScenarioDesc& desc_;
  const RoadNetwork& roads_;
  std::size_t registered_ = 0;
  // Trips between registered places, [from × kept + to], filled on first use (the table grows when
  // a trip involves a place registered since it was sized).
  mutable std::size_t kept_ = 0;
  mutable std::vector<Trip> trips_;
  mutable std::vector<bool> known_;
};

}  // namespace truckflow::models::detail
