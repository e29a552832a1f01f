// Routes by Dijkstra's algorithm (Boost.Graph) on travel time in integer ticks.
#include "truckflow/models/road_network.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace truckflow::models {

namespace {

struct LinkIndex {
  std::size_t index;        // into the links vector
  std::int64_t time_ticks;  // the weight
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, LinkIndex>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

}  // namespace

RoadNetwork::RoadNetwork(std::size_t region_count, std::vector<RoadLink> links)
    : region_count_(region_count),
      links_(std::move(links)),
      totals_(region_count * region_count),
      last_(region_count * region_count, no_link),
      reachable_(region_count * region_count, false) {
  if (links_.size() >= no_link) throw std::length_error("too many road links");
  Graph graph(region_count);
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const RoadLink& link = links_[i];
    if (link.from >= region_count || link.to >= region_count) throw std::out_of_range("road link to an unknown region");
    if (link.travel_time < engine::Duration::zero()) throw std::invalid_argument("road link with negative travel time");
    boost::add_edge(link.from, link.to, LinkIndex{i, link.travel_time.ticks()}, graph);
  }
  std::vector<Vertex> predecessor(region_count);
  std::vector<std::int64_t> distance(region_count);
  std::vector<Edge> via(region_count);  // the edge that reached each vertex
  std::vector<Vertex> settled;          // vertices in the order Dijkstra settles them
  settled.reserve(region_count);
  const auto index = boost::get(boost::vertex_index, graph);
  for (std::size_t source = 0; source < region_count; ++source) {
    settled.clear();
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(boost::get(&LinkIndex::time_ticks, graph))
            .predecessor_map(boost::make_iterator_property_map(predecessor.begin(), index))
            .distance_map(boost::make_iterator_property_map(distance.begin(), index))
            .distance_inf(std::numeric_limits<std::int64_t>::max())
            .visitor(boost::make_dijkstra_visitor(
                std::make_pair(boost::record_edge_predecessors(boost::make_iterator_property_map(via.begin(), index),
                                                               boost::on_edge_relaxed()),
                               boost::write_property(boost::typed_identity_property_map<Vertex>(),
                                                     std::back_inserter(settled), boost::on_finish_vertex())))));
    // A vertex settles after its predecessor, so each route's totals extend its predecessor's.
    const std::size_t row = source * region_count;
    for (const Vertex target : settled) {
      reachable_[row + target] = true;
      if (target == source) continue;
      const std::size_t link = graph[via[target]].index;
      const RoadLink& leg = links_[link];
      const RouteTotals& before = totals_[row + predecessor[target]];
      last_[row + target] = static_cast<std::uint32_t>(link);
      totals_[row + target] = {before.distance_km + leg.distance_km, before.travel_time + leg.travel_time,
                               before.climb_m + leg.climb_m, before.descent_m + leg.descent_m};
    }
  }
}

bool RoadNetwork::is_connected(std::size_t from, std::size_t to) const {
  return from < region_count_ && to < region_count_ && reachable_[from * region_count_ + to];
}

std::size_t RoadNetwork::pair(std::size_t from, std::size_t to) const {
  if (!is_connected(from, to)) {
    throw std::out_of_range("no road route from region " + std::to_string(from) + " to region " + std::to_string(to));
  }
  return from * region_count_ + to;
}

const RouteTotals& RoadNetwork::totals(std::size_t from, std::size_t to) const { return totals_[pair(from, to)]; }

Route RoadNetwork::route(std::size_t from, std::size_t to) const {
  Route route{from, to, {}, totals_[pair(from, to)]};
  const std::size_t row = from * region_count_;
  for (std::size_t v = to; v != from; v = links_[last_[row + v]].from) route.legs.push_back(links_[last_[row + v]]);
  std::reverse(route.legs.begin(), route.legs.end());
  return route;
}

}  // namespace truckflow::models
