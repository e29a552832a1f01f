// Places and trips: road distances, elevations and times inside and between regions.
#include "places.hpp"

#include <cmath>
#include <numbers>

namespace truckflow::models::detail {

namespace {

constexpr double earth_radius_km = 6371.0;

void add_height(Trip& trip, double change_m) {
  if (change_m > 0.0) {
    trip.climb_m += change_m;
  } else {
    trip.descent_m -= change_m;
  }
}

}  // namespace

double great_circle_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  constexpr double radians = std::numbers::pi / 180.0;
  const double dlat = (lat2_deg - lat1_deg) * radians;
  const double dlon = (lon2_deg - lon1_deg) * radians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1_deg * radians) *
                                                                 std::cos(lat2_deg * radians) * std::sin(dlon / 2) *
                                                                 std::sin(dlon / 2);
  return 2.0 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

Places::Places(const ScenarioDesc& desc, const RoadNetwork& roads) : desc_(desc), roads_(roads) {}

Place Places::place(std::size_t region, const PositionDesc& position) {
  const RegionDesc& r = desc_.regions.at(region);
  Place p{registered_++, region, position.distance_km, r.elevation_m + position.climb_m, position.coordinates};
  if (position.coordinates) {
    const CoordinatesDesc& c = *position.coordinates;
    p.distance_km = great_circle_km(r.latitude_deg, r.longitude_deg, c.latitude_deg, c.longitude_deg) * r.detour_factor;
    p.elevation_m = c.elevation_m;
  }
  return p;
}

Trip Places::from_centre(const Place& place) const {
  const RegionDesc& r = desc_.regions[place.region];
  Trip trip{engine::hours(place.distance_km / r.local_speed_kmh), place.distance_km, 0.0, 0.0};
  add_height(trip, place.elevation_m - r.elevation_m);
  return trip;
}

Trip Places::trip(const Place& a, const Place& b) const {
  if (a.id >= registered_ || b.id >= registered_) return compute(a, b);  // not registered here
  if (a.id >= kept_ || b.id >= kept_) {
    // Places registered since the table was sized: a larger table, with what is known so far.
    std::vector<Trip> trips(registered_ * registered_);
    std::vector<bool> known(registered_ * registered_, false);
    for (std::size_t i = 0; i < kept_; ++i) {
      for (std::size_t j = 0; j < kept_; ++j) {
        trips[i * registered_ + j] = trips_[i * kept_ + j];
        known[i * registered_ + j] = known_[i * kept_ + j];
      }
    }
    trips_ = std::move(trips);
    known_ = std::move(known);
    kept_ = registered_;
  }
  const std::size_t i = a.id * kept_ + b.id;
  if (!known_[i]) {
    trips_[i] = compute(a, b);
    known_[i] = true;
  }
  return trips_[i];
}

Trip Places::compute(const Place& a, const Place& b) const {
  if (a.region == b.region) {
    const RegionDesc& r = desc_.regions[a.region];
    double km = a.distance_km + b.distance_km;
    if (a.coordinates && b.coordinates) {
      km = great_circle_km(a.coordinates->latitude_deg, a.coordinates->longitude_deg, b.coordinates->latitude_deg,
                           b.coordinates->longitude_deg) *
           r.detour_factor;
    } else if (a.distance_km == b.distance_km && a.elevation_m == b.elevation_m) {
      km = 0.0;  // the same place
    }
    Trip trip{engine::hours(km / r.local_speed_kmh), km, 0.0, 0.0};
    add_height(trip, b.elevation_m - a.elevation_m);
    return trip;
  }
  const Trip out = from_centre(a);  // the way back in: swap climb and descent
  const RouteTotals& route = roads_.totals(a.region, b.region);
  const Trip in = from_centre(b);
  Trip trip{out.duration + route.travel_time + in.duration, out.km + route.distance_km + in.km,
            out.descent_m + in.climb_m, out.climb_m + in.descent_m};
  if (route.climb_m > 0.0 || route.descent_m > 0.0) {
    trip.climb_m += route.climb_m;
    trip.descent_m += route.descent_m;
  } else {
    add_height(trip, desc_.regions[b.region].elevation_m - desc_.regions[a.region].elevation_m);
  }
  return trip;
}

}  // namespace truckflow::models::detail
