// Routes by Dijkstra's algorithm (Boost.Graph) on travel time in integer ticks.
#include "truckflow/models/road_network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>
#include <stdexcept>
#include <string>

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

RoadNetwork::RoadNetwork(std::size_t region_count, const std::vector<RoadLink>& links)
    : region_count_(region_count),
      routes_(region_count * region_count),
      reachable_(region_count * region_count, false) {
  Graph graph(region_count);
  for (std::size_t i = 0; i < links.size(); ++i) {
    const RoadLink& link = links[i];
    if (link.from >= region_count || link.to >= region_count) throw std::out_of_range("road link to an unknown region");
    if (link.travel_time < engine::Duration::zero()) throw std::invalid_argument("road link with negative travel time");
    boost::add_edge(link.from, link.to, LinkIndex{i, link.travel_time.ticks()}, graph);
  }
  std::vector<Vertex> predecessor(region_count);
  std::vector<std::int64_t> distance(region_count);
  std::vector<Edge> via(region_count);  // the edge that reached each vertex
  for (std::size_t source = 0; source < region_count; ++source) {
    auto weight = boost::get(&LinkIndex::time_ticks, graph);
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(weight)
            .predecessor_map(
                boost::make_iterator_property_map(predecessor.begin(), boost::get(boost::vertex_index, graph)))
            .distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph)))
            .distance_inf(std::numeric_limits<std::int64_t>::max())
            .visitor(boost::make_dijkstra_visitor(boost::record_edge_predecessors(
                boost::make_iterator_property_map(via.begin(), boost::get(boost::vertex_index, graph)),
                boost::on_edge_relaxed()))));
    for (std::size_t target = 0; target < region_count; ++target) {
      Route& route = routes_[source * region_count + target];
      route.from = source;
      route.to = target;
      if (target != source && predecessor[target] == target) continue;  // unreachable
      reachable_[source * region_count + target] = true;
      for (std::size_t v = target; v != source; v = predecessor[v]) {
        route.legs.insert(route.legs.begin(), links[graph[via[v]].index]);
      }
      for (const RoadLink& leg : route.legs) {
        route.distance_km += leg.distance_km;
        route.travel_time += leg.travel_time;
        route.climb_m += leg.climb_m;
        route.descent_m += leg.descent_m;
      }
    }
  }
}

bool RoadNetwork::is_connected(std::size_t from, std::size_t to) const {
  return from < region_count_ && to < region_count_ && reachable_[from * region_count_ + to];
}

const Route& RoadNetwork::route(std::size_t from, std::size_t to) const {
  if (!is_connected(from, to)) {
    throw std::out_of_range("no road route from region " + std::to_string(from) + " to region " + std::to_string(to));
  }
  return routes_[from * region_count_ + to];
}

}  // namespace truckflow::models
