// Who supplies whom, decided from the description alone: entities by id, the road network, the
// supplier each plant buys each component from, and the factory each site orders from. The world
// and the scenario checks both use it, so a scenario that passes the checks runs as checked.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truckflow/engine/time.hpp"
#include "truckflow/models/description.hpp"
#include "truckflow/models/entity_lists.hpp"
#include "truckflow/models/road_network.hpp"

namespace truckflow::models {

/// Positions of a list's entities by id.
using IdIndex = std::map<std::string, std::size_t, std::less<>>;

/// One entity list's positions by id, and what one entity is called.
struct EntityIndex {
  std::string_view key;
  std::string_view noun;
  IdIndex ids;
};

class ChainMap {
 public:
  /// Throws `std::invalid_argument` on a duplicate id or a reference that does not resolve (the
  /// scenario loader reports those, with their locations, before building one). Keeps a
  /// reference to `description`, which must outlive the map.
  explicit ChainMap(const ScenarioDesc& description);

  const ScenarioDesc& description() const noexcept { return desc_; }
  const RoadNetwork& roads() const noexcept { return roads_; }

  /// The position of `id` in the entity list with key `list` (entity_lists.hpp); throws
  /// `std::invalid_argument` naming an unknown id.
  std::size_t index(std::string_view list, std::string_view id) const;
  std::size_t region(std::string_view id) const { return find<entity_list_position("regions")>(id); }
  std::size_t component(std::string_view id) const { return find<entity_list_position("components")>(id); }
  std::size_t truck_type(std::string_view id) const { return find<entity_list_position("truck_types")>(id); }
  std::size_t supplier(std::string_view id) const { return find<entity_list_position("suppliers")>(id); }
  std::size_t factory(std::string_view id) const { return find<entity_list_position("factories")>(id); }
  std::size_t upfitter(std::string_view id) const { return find<entity_list_position("upfitters")>(id); }
  std::size_t site(std::string_view id) const { return find<entity_list_position("sites")>(id); }

  /// Nominal travel time of the fastest route (travel times vary around it when a road has a
  /// `travel_time_cv`).
  engine::Duration travel_time(std::size_t from_region, std::size_t to_region) const;

  /// The supplier a plant in `plant_region` buys `component` from: its sourcing entry if it has
  /// one, else the supplier of the component with the shortest nominal road time to the plant (lead
  /// times and stock are not compared; ties: the first listed).
  /// None when no supplier makes the component or none is connected to the plant by road.
  std::optional<std::size_t> supplier_for(std::size_t component, std::size_t plant_region,
                                          const std::vector<SourcingDesc>& sourcing) const;

  bool builds(std::size_t factory, std::size_t truck_type) const;
  /// Whether trucks from `factory` can reach `site` by road (through the site's upfitter, if any).
  bool serves(std::size_t factory, std::size_t site) const;
  /// Nominal road time from `factory` to `site` (through the site's upfitter, if any).
  engine::Duration delivery_travel_time(std::size_t factory, std::size_t site) const;
  /// The factory `site` orders `truck_type` from: `named` if not empty, else, of the factories that
  /// build the type and can reach the site, the one with the shortest nominal road time to it
  /// (through its upfitter, if any; order processing, stock and lines are not compared; ties: the
  /// first listed). None when there is no such factory.
  std::optional<std::size_t> factory_for(std::size_t site, std::size_t truck_type, std::string_view named) const;

 private:
  /// The id's position in the list at `position` of entity_lists (checked when compiled).
  template <std::size_t position>
  std::size_t find(std::string_view id) const {
    static_assert(position < std::tuple_size_v<decltype(entity_lists)>, "no such entity list");
    return find(lists_[position], id);
  }
  static std::size_t find(const EntityIndex& list, std::string_view id);

  const ScenarioDesc& desc_;
  std::vector<EntityIndex> lists_;  // in the order of entity_lists
  RoadNetwork roads_;
  std::vector<std::vector<bool>> builds_;  // [factory][truck type]
};

}  // namespace truckflow::models
