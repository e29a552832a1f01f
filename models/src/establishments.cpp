// Establishments: the chain's, in the order of the scenario's lists, then each region's outside
// the chain, then the central government.
#include "establishments.hpp"

#include <map>
#include <string_view>

namespace truckflow::models::detail {

Establishments::Establishments(const ScenarioDesc& desc) : regions_(desc.regions.size()) {
  std::map<std::string_view, std::size_t> region_index;
  for (std::size_t r = 0; r < desc.regions.size(); ++r) region_index.emplace(desc.regions[r].id, r);
  const auto add_list = [&](EstablishmentKind k, const auto& items, auto region_of) {
    first_[kind(k)] = all_.size();
    for (const auto& item : items) all_.push_back({k, std::string(to_string(k)) + "/" + item.id, region_of(item)});
  };
  const auto in_region = [&](const auto& item) -> std::optional<std::size_t> { return region_index.at(item.region); };
  add_list(EstablishmentKind::supplier, desc.suppliers, in_region);
  add_list(EstablishmentKind::factory, desc.factories, in_region);
  add_list(EstablishmentKind::upfitter, desc.upfitters, in_region);
  add_list(EstablishmentKind::station, desc.stations, in_region);
  add_list(EstablishmentKind::energy_source, desc.energy_sources, in_region);
  add_list(EstablishmentKind::fleet_operator, desc.sites, in_region);
  for (const EstablishmentKind k : {EstablishmentKind::customers, EstablishmentKind::households,
                                    EstablishmentKind::government, EstablishmentKind::rest_of_economy}) {
    add_list(k, desc.regions,
             [&](const RegionDesc& region) -> std::optional<std::size_t> { return region_index.at(region.id); });
  }
  first_[kind(EstablishmentKind::central_government)] = all_.size();
  all_.push_back({EstablishmentKind::central_government, "central_government", std::nullopt});
}

}  // namespace truckflow::models::detail
