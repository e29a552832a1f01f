// ChainMap: indices, the road network built from the description's roads, and the choices of
// supplier and factory.
#include "truckflow/models/chain_map.hpp"

#include <stdexcept>
#include <utility>

#include "truckflow/models/entity_lists.hpp"

namespace truckflow::models {

namespace {

template <typename T>
IdIndex index_of(const std::vector<T>& items, std::string_view what) {
  IdIndex index;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!index.emplace(items[i].id, i).second) {
      throw std::invalid_argument("duplicate " + std::string(what) + " id '" + items[i].id + "'");
    }
  }
  return index;
}

std::vector<EntityIndex> all_lists(const ScenarioDesc& desc) {
  std::vector<EntityIndex> lists;
  for_each_entity_list([&](const auto& list) {
    lists.push_back({list.key, list.noun, index_of(desc.*list.items, list.noun)});
  });
  return lists;
}

}  // namespace

std::size_t ChainMap::index(std::string_view list, std::string_view id) const {
  for (const EntityIndex& l : lists_) {
    if (l.key == list) return find(l, id);
  }
  throw std::logic_error("ChainMap: no entity list '" + std::string(list) + "'");
}

std::size_t ChainMap::find(const EntityIndex& list, std::string_view id) {
  const auto it = list.ids.find(id);
  if (it == list.ids.end())
    throw std::invalid_argument("unknown " + std::string(list.noun) + " '" + std::string(id) + "'");
  return it->second;
}

ChainMap::ChainMap(const ScenarioDesc& description)
    : desc_(description), lists_(all_lists(desc_)), roads_([&] {
        std::vector<RoadLink> links;
        for (std::size_t i = 0; i < desc_.roads.size(); ++i) {
          const RoadDesc& road = desc_.roads[i];
          const std::size_t a = region(road.from);
          const std::size_t b = region(road.to);
          const engine::Duration time = engine::hours(road.travel_time_h);
          links.push_back({a, b, road.distance_km, time, road.climb_m, road.descent_m, i});
          if (road.two_way) links.push_back({b, a, road.distance_km, time, road.descent_m, road.climb_m, i});
        }
        return RoadNetwork(desc_.regions.size(), std::move(links));
      }()) {
  for (const FactoryDesc& f : desc_.factories) {
    std::vector<bool>& row = builds_.emplace_back(desc_.truck_types.size(), false);
    for (const std::string& type : f.truck_types) row[truck_type(type)] = true;
  }
  // Every other reference must resolve too.
  for (const TruckTypeDesc& t : desc_.truck_types) {
    for (const BomLine& line : t.bill_of_materials) (void)component(line.component);
  }
  for (const SupplierDesc& s : desc_.suppliers) {
    (void)region(s.region);
    (void)component(s.component);
  }
  for (const FactoryDesc& f : desc_.factories) (void)region(f.region);
  for (const UpfitterDesc& u : desc_.upfitters) (void)region(u.region);
  for (const SiteDesc& s : desc_.sites) {
    (void)region(s.region);
    if (s.upfit) {
      (void)upfitter(s.upfit->upfitter);
      (void)component(s.upfit->body);
    }
  }
}

engine::Duration ChainMap::travel_time(std::size_t from_region, std::size_t to_region) const {
  return roads_.totals(from_region, to_region).travel_time;
}

std::optional<std::size_t> ChainMap::supplier_for(std::size_t component_index, std::size_t plant_region,
                                                  const std::vector<SourcingDesc>& sourcing) const {
  const std::string& id = desc_.components[component_index].id;
  for (const SourcingDesc& entry : sourcing) {
    if (entry.component == id) return supplier(entry.supplier);
  }
  std::optional<std::size_t> best;
  engine::Duration best_time;
  for (std::size_t s = 0; s < desc_.suppliers.size(); ++s) {
    const SupplierDesc& candidate = desc_.suppliers[s];
    const std::size_t from = region(candidate.region);
    if (candidate.component != id || !roads_.is_connected(from, plant_region)) continue;
    const engine::Duration time = travel_time(from, plant_region);
    if (!best || time < best_time) {
      best = s;
      best_time = time;
    }
  }
  return best;
}

bool ChainMap::builds(std::size_t factory_index, std::size_t truck_type_index) const {
  return builds_.at(factory_index).at(truck_type_index);
}

bool ChainMap::serves(std::size_t factory_index, std::size_t site_index) const {
  const SiteDesc& site = desc_.sites.at(site_index);
  const std::size_t from = region(desc_.factories.at(factory_index).region);
  const std::size_t to = region(site.region);
  if (!site.upfit) return roads_.is_connected(from, to);
  const std::size_t via = region(desc_.upfitters[upfitter(site.upfit->upfitter)].region);
  return roads_.is_connected(from, via) && roads_.is_connected(via, to);
}

engine::Duration ChainMap::delivery_travel_time(std::size_t factory_index, std::size_t site_index) const {
  const SiteDesc& site = desc_.sites.at(site_index);
  const std::size_t from = region(desc_.factories.at(factory_index).region);
  const std::size_t to = region(site.region);
  if (!site.upfit) return travel_time(from, to);
  const std::size_t via = region(desc_.upfitters[upfitter(site.upfit->upfitter)].region);
  return travel_time(from, via) + travel_time(via, to);
}

std::optional<std::size_t> ChainMap::factory_for(std::size_t site_index, std::size_t truck_type_index,
                                                 std::string_view named) const {
  if (!named.empty()) return factory(named);
  std::optional<std::size_t> best;
  engine::Duration best_time;
  for (std::size_t f = 0; f < desc_.factories.size(); ++f) {
    if (!builds(f, truck_type_index) || !serves(f, site_index)) continue;
    const engine::Duration time = delivery_travel_time(f, site_index);
    if (!best || time < best_time) {
      best = f;
      best_time = time;
    }
  }
  return best;
}

}  // namespace truckflow::models
