// The scenario's lists of entities (items with a unique `id` that others refer to), registered
// once. The scenario format (its `entities` keys: duplicate ids, references, `extends` merge by
// id, docs), ChainMap's lookups by id and the results' dimensions all derive from this list: a new
// list is one line here (see CONTRIBUTING.md, "Adding an entity list").
#pragma once

#include <string_view>
#include <tuple>
#include <vector>

#include "truckflow/models/description.hpp"

namespace truckflow::models {

/// One entity list: where it is in a description and what to call it.
template <typename Item>
struct EntityListOf {
  std::string_view key;        ///< its key in the scenario, e.g. "truck_types"
  std::string_view noun;       ///< one item, e.g. "truck type"
  std::string_view dimension;  ///< its results dimension, e.g. "truck_type" ("": none)
  std::string_view long_name;  ///< the dimension's long_name, e.g. "truck type id"
  std::vector<Item> ScenarioDesc::*items;
};

/// Every entity list, in the order of the scenario's keys.
inline constexpr auto entity_lists = std::make_tuple(
    EntityListOf<RegionDesc>{"regions", "region", "region", "region id", &ScenarioDesc::regions},
    EntityListOf<ComponentDesc>{"components", "component", "", "", &ScenarioDesc::components},
    EntityListOf<TruckTypeDesc>{"truck_types", "truck type", "truck_type", "truck type id", &ScenarioDesc::truck_types},
    EntityListOf<SupplierDesc>{"suppliers", "supplier", "supplier", "supplier id", &ScenarioDesc::suppliers},
    EntityListOf<FactoryDesc>{"factories", "factory", "factory", "factory id", &ScenarioDesc::factories},
    EntityListOf<UpfitterDesc>{"upfitters", "upfitter", "upfitter", "upfitter id", &ScenarioDesc::upfitters},
    EntityListOf<SiteDesc>{"sites", "site", "site", "application site id", &ScenarioDesc::sites},
    EntityListOf<StationDesc>{"stations", "station", "station", "station id", &ScenarioDesc::stations},
    EntityListOf<EnergySourceDesc>{"energy_sources", "energy source", "energy_source", "energy source id",
                                   &ScenarioDesc::energy_sources},
    EntityListOf<SharingRuleDesc>{"sharing_rules", "sharing rule", "sharing_rule", "sharing rule id",
                                  &ScenarioDesc::sharing_rules});

/// The position of the list with key `key` in `entity_lists` (the tuple's size when there is none).
constexpr std::size_t entity_list_position(std::string_view key) {
  std::size_t position = 0;
  std::size_t found = std::tuple_size_v<decltype(entity_lists)>;
  std::apply([&](const auto&... list) { ((list.key == key ? (found = position, ++position) : ++position), ...); },
             entity_lists);
  return found;
}

/// Calls `visit(list)` for every entity list, in order.
template <typename Visit>
void for_each_entity_list(Visit&& visit) {
  std::apply([&](const auto&... list) { (visit(list), ...); }, entity_lists);
}

}  // namespace truckflow::models
