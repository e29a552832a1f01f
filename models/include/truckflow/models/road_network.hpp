// The road network between regions (a Boost.Graph graph) and the shortest routes by travel time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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

/// A route's totals, kept for every pair of regions.
struct RouteTotals {
  double distance_km = 0.0;
  engine::Duration travel_time;
  double climb_m = 0.0;
  double descent_m = 0.0;
};

/// A route: the links travelled in order, and their totals.
struct Route {
  std::size_t from = 0;
  std::size_t to = 0;
  std::vector<RoadLink> legs;  ///< empty when from == to
  RouteTotals totals;
};

/// Regions joined by directed links. Routes are the fastest paths (ties: the one found first,
/// which depends only on the order of the links). The routes from a region are found the first
/// time one is asked for (one Dijkstra search), and kept as each pair's totals and the last link
/// of its route (a predecessor table) from which a route's legs are rebuilt: memory grows with
/// the regions routes start from times the regions, and a chain only ever asks for the regions its
/// plants are in. Not safe to share between threads (the first use of a region fills its row).
class RoadNetwork {
 public:
  RoadNetwork(std::size_t region_count, std::vector<RoadLink> links);
  ~RoadNetwork();
  RoadNetwork(RoadNetwork&&) noexcept;
  RoadNetwork& operator=(RoadNetwork&&) noexcept;

  std::size_t region_count() const noexcept { return region_count_; }
  bool is_connected(std::size_t from, std::size_t to) const;
  /// The fastest route's totals; throws `std::out_of_range` if `to` cannot be reached from `from`.
  const RouteTotals& totals(std::size_t from, std::size_t to) const;
  /// The fastest route with its legs in order; throws as `totals` does.
  Route route(std::size_t from, std::size_t to) const;

 private:
  struct Graph;
  /// The routes from one region.
  struct Row {
    std::vector<RouteTotals> totals;  // [to]
    std::vector<std::uint32_t> last;  // [to]: the route's last link; no_link if none
    std::vector<bool> reachable;      // [to]
  };
  static constexpr std::uint32_t no_link = UINT32_MAX;
  const Row& row(std::size_t from) const;                          // found on first use
  const Row& checked_row(std::size_t from, std::size_t to) const;  // throws unless the route exists

  std::size_t region_count_;
  std::vector<RoadLink> links_;
  std::unique_ptr<Graph> graph_;
  mutable std::vector<std::unique_ptr<Row>> rows_;  // [from]
};

}  // namespace truckflow::models
