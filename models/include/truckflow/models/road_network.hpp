// The road network between regions (a Boost.Graph graph) and the shortest routes by travel time.
#pragma once

#include <cstddef>
#include <vector>

#include "truckflow/engine/time.hpp"

namespace truckflow::models {

/// A directed road link between two regions (by index).
struct RoadLink {
  std::size_t from = 0;
  std::size_t to = 0;
  double distance_km = 0.0;
  engine::Duration travel_time;
  double climb_m = 0.0;
  double descent_m = 0.0;
  std::size_t road = 0;  ///< the description's road this link comes from
};

/// A route: the links travelled in order, and their totals.
struct Route {
  std::size_t from = 0;
  std::size_t to = 0;
  std::vector<RoadLink> legs;  ///< empty when from == to
  double distance_km = 0.0;
  engine::Duration travel_time;
  double climb_m = 0.0;
  double descent_m = 0.0;
};

/// Regions joined by directed links. Routes are the fastest paths (ties: the one found first,
/// which depends only on the order of the links), computed once for every pair at construction.
class RoadNetwork {
 public:
  RoadNetwork(std::size_t region_count, const std::vector<RoadLink>& links);

  std::size_t region_count() const noexcept { return region_count_; }
  bool is_connected(std::size_t from, std::size_t to) const;
  /// The fastest route; throws `std::out_of_range` if `to` cannot be reached from `from`.
  const Route& route(std::size_t from, std::size_t to) const;

 private:
  std::size_t region_count_;
  std::vector<Route> routes_;    // [from * n + to]
  std::vector<bool> reachable_;  // [from * n + to]
};

}  // namespace truckflow::models
