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

using GraphType = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, LinkIndex>;
using Vertex = boost::graph_traits<GraphType>::vertex_descriptor;
using Edge = boost::graph_traits<GraphType>::edge_descriptor;

}  // namespace

struct RoadNetwork::Graph {
  GraphType graph;
};

RoadNetwork::RoadNetwork(std::size_t region_count, std::vector<RoadLink> links)
    : region_count_(region_count),
      links_(std::move(links)),
      graph_(std::make_unique<Graph>(Graph{GraphType(region_count)})),
      rows_(region_count) {
  if (links_.size() >= no_link) throw std::length_error("too many road links");
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const RoadLink& link = links_[i];
    if (link.from >= region_count || link.to >= region_count) throw std::out_of_range("road link to an unknown region");
    if (link.travel_time < engine::Duration::zero()) throw std::invalid_argument("road link with negative travel time");
    boost::add_edge(link.from, link.to, LinkIndex{i, link.travel_time.ticks()}, graph_->graph);
  }
}

RoadNetwork::~RoadNetwork() = default;
RoadNetwork::RoadNetwork(RoadNetwork&&) noexcept = default;
RoadNetwork& RoadNetwork::operator=(RoadNetwork&&) noexcept = default;

const RoadNetwork::Row& RoadNetwork::row(std::size_t from) const {
  if (rows_[from]) return *rows_[from];
  const GraphType& graph = graph_->graph;
  const std::size_t n = region_count_;
  std::vector<Vertex> predecessor(n);
  std::vector<std::int64_t> distance(n);
  std::vector<Edge> via(n);     // the edge that reached each vertex
  std::vector<Vertex> settled;  // vertices in the order Dijkstra settles them
  settled.reserve(n);
  const auto index = boost::get(boost::vertex_index, graph);
  boost::dijkstra_shortest_paths(
      graph, from,
      boost::weight_map(boost::get(&LinkIndex::time_ticks, graph))
          .predecessor_map(boost::make_iterator_property_map(predecessor.begin(), index))
          .distance_map(boost::make_iterator_property_map(distance.begin(), index))
          .distance_inf(std::numeric_limits<std::int64_t>::max())
          .visitor(boost::make_dijkstra_visitor(
              std::make_pair(boost::record_edge_predecessors(boost::make_iterator_property_map(via.begin(), index),
                                                             boost::on_edge_relaxed()),
                             boost::write_property(boost::typed_identity_property_map<Vertex>(),
                                                   std::back_inserter(settled), boost::on_finish_vertex())))));
  auto result = std::make_unique<Row>(
      Row{std::vector<RouteTotals>(n), std::vector<std::uint32_t>(n, no_link), std::vector<bool>(n, false)});
  // A vertex settles after its predecessor, so each route's totals extend its predecessor's.
  for (const Vertex target : settled) {
    result->reachable[target] = true;
    if (target == from) continue;
    const std::size_t link = graph[via[target]].index;
    const RoadLink& leg = links_[link];
    const RouteTotals& before = result->totals[predecessor[target]];
    result->last[target] = static_cast<std::uint32_t>(link);
    result->totals[target] = {before.distance_km + leg.distance_km, before.travel_time + leg.travel_time,
                              before.climb_m + leg.climb_m, before.descent_m + leg.descent_m};
  }
  rows_[from] = std::move(result);
  return *rows_[from];
}

bool RoadNetwork::is_connected(std::size_t from, std::size_t to) const {
  return from < region_count_ && to < region_count_ && row(from).reachable[to];
}

const RoadNetwork::Row& RoadNetwork::checked_row(std::size_t from, std::size_t to) const {
  if (!is_connected(from, to)) {
    throw std::out_of_range("no road route from region " + std::to_string(from) + " to region " + std::to_string(to));
  }
  return row(from);
}

const RouteTotals& RoadNetwork::totals(std::size_t from, std::size_t to) const {
  return checked_row(from, to).totals[to];
}

Route RoadNetwork::route(std::size_t from, std::size_t to) const {
  const Row& r = checked_row(from, to);
  Route route{from, to, {}, r.totals[to]};
  for (std::size_t v = to; v != from; v = links_[r.last[v]].from) route.legs.push_back(links_[r.last[v]]);
  std::reverse(route.legs.begin(), route.legs.end());
  return route;
}

}  // namespace truckflow::models
