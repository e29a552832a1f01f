// SeriesRegistry: the dimensions, every part's series in one fixed order, and reading a sample.
#include "series_registry.hpp"

#include <map>
#include <stdexcept>
#include <string_view>

#include "truckflow/models/entity_lists.hpp"
#include "truckflow/models/events.hpp"

namespace truckflow::models {

namespace detail {

namespace {

template <typename T, typename F>
std::vector<std::string> each(const std::vector<T>& items, F text) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const T& item : items) out.emplace_back(text(item));
  return out;
}

const auto id = [](const auto& x) { return x.id; };

}  // namespace

void declare_dimensions(SeriesRegistry& r) {
  const ScenarioDesc& d = r.description();
  // The label variables of each entity list's dimension.
  std::map<std::string_view, std::pair<std::vector<TextProperty>, std::vector<NumberProperty>>> labels;
  labels["region"].first = {
      {"region_name_en", "region name (English)", each(d.regions, [](const auto& x) { return x.name.en; })},
      {"region_name_zh", "region name (Chinese)", each(d.regions, [](const auto& x) { return x.name.zh; })},
      {"region_role", "host (承载区) or collaborating (协同区) area",
       each(d.regions, [](const auto& x) { return to_string(x.role); })}};
  std::vector<double> latitudes;
  std::vector<double> longitudes;
  for (const RegionDesc& region : d.regions) {
    latitudes.push_back(region.latitude_deg);
    longitudes.push_back(region.longitude_deg);
  }
  labels["region"].second = {{"region_latitude_deg", "degrees_north", "latitude of the region's centre", latitudes},
                             {"region_longitude_deg", "degrees_east", "longitude of the region's centre", longitudes}};
  std::vector<double> prices;
  for (const TruckTypeDesc& t : d.truck_types) prices.push_back(t.price_cny);
  labels["truck_type"] = {{{"truck_type_name_en", "truck type name (English)",
                            each(d.truck_types, [](const auto& x) { return x.name.en; })},
                           {"truck_type_name_zh", "truck type name (Chinese)",
                            each(d.truck_types, [](const auto& x) { return x.name.zh; })},
                           {"truck_type_powertrain", "powertrain",
                            each(d.truck_types, [](const auto& x) { return to_string(x.powertrain); })}},
                          {{"truck_type_price_cny", "CNY", "purchase price of one truck", prices}}};
  labels["factory"].first = {
      {"factory_region", "region of the factory", each(d.factories, [](const auto& x) { return x.region; })}};
  labels["supplier"].first = {
      {"supplier_component", "component the supplier makes",
       each(d.suppliers, [](const auto& x) { return x.component; })},
      {"supplier_region", "region of the supplier", each(d.suppliers, [](const auto& x) { return x.region; })}};
  labels["site"].first = {
      {"site_region", "region of the site", each(d.sites, [](const auto& x) { return x.region; })},
      {"site_operator", "operator the site's trucks are registered to",
       each(d.sites, [](const auto& x) { return x.operator_name; })},
      {"site_kind", "kind of site", each(d.sites, [](const auto& x) { return to_string(x.kind); })}};
  labels["station"].first = {
      {"station_kind", "kind of station", each(d.stations, [](const auto& x) { return to_string(x.kind); })},
      {"station_region", "region of the station", each(d.stations, [](const auto& x) { return x.region; })},
      {"station_operator", "operator of the station", each(d.stations, [](const auto& x) { return x.operator_name; })}};
  labels["energy_source"].first = {
      {"energy_source_carrier", "what the source makes",
       each(d.energy_sources, [](const auto& x) { return to_string(x.carrier); })},
      {"energy_source_region", "region of the source", each(d.energy_sources, [](const auto& x) { return x.region; })}};
  labels["sharing_rule"].first = {
      {"sharing_rule_type", "statistics (credits value-added) or fiscal (moves local tax)",
       each(d.sharing_rules, [](const auto& x) { return x.type == SharingType::fiscal ? "fiscal" : "statistics"; })},
      {"sharing_rule_from", "region where the base is recorded",
       each(d.sharing_rules, [](const auto& x) { return x.from; })},
      {"sharing_rule_to", "region credited", each(d.sharing_rules, [](const auto& x) { return x.to; })},
      {"sharing_rule_active", "whether the rule held in this run (yes or no)",
       each(d.sharing_rules, [](const auto& x) { return x.active ? "yes" : "no"; })}};
  for_each_entity_list([&](const auto& list) {
    if (list.dimension.empty()) return;
    auto& [text, numbers] = labels[list.dimension];
    r.dimension({std::string(list.dimension), std::string(list.long_name), each(d.*list.items, id), std::move(text),
                 std::move(numbers)});
  });
  // The roads as the scenario lists them, for maps: "from-to" (with "#2", ... for another road
  // between the same regions).
  std::vector<std::string> roads;
  std::map<std::string, int> seen;
  std::vector<double> road_km;
  std::vector<double> road_hours;
  for (const RoadDesc& road : d.roads) {
    const std::string name = road.from + "-" + road.to;
    const int n = ++seen[name];
    roads.push_back(n == 1 ? name : name + "#" + std::to_string(n));
    road_km.push_back(road.distance_km);
    road_hours.push_back(road.travel_time_h);
  }
  r.dimension({"road",
               "road between two regions, as the scenario lists them",
               roads,
               {{"road_from", "region at one end", each(d.roads, [](const auto& x) { return x.from; })},
                {"road_to", "region at the other end", each(d.roads, [](const auto& x) { return x.to; })},
                {"road_two_way", "whether trucks use the road both ways (yes or no)",
                 each(d.roads, [](const auto& x) { return x.two_way ? "yes" : "no"; })}},
               {{"road_distance_km", "km", "length of the road", road_km},
                {"road_travel_time_h", "h", "mean time a truck takes along it", road_hours}}});
  std::vector<std::string> stages;
  for (std::size_t i = 0; i < truck_stage_count; ++i) stages.emplace_back(to_string(static_cast<TruckStage>(i)));
  r.dimension({"stage", "where a truck is in the chain", stages});
}

SeriesRegistry::SeriesRegistry(const ScenarioDesc& description) : desc_(description) {
  declare_dimensions(*this);
  declare_truck_series(*this);
  declare_supplier_series(*this);
  declare_upfitter_series(*this);
  declare_operation_series(*this);
  declare_value_series(*this);
}

void SeriesRegistry::counts(SeriesSpec spec, CountReader reader) {
  spec.type = ValueType::count;
  catalog_.add_series(std::move(spec));
  count_readers_.push_back(reader);
}

void SeriesRegistry::reals(SeriesSpec spec, RealReader reader) {
  spec.type = ValueType::real;
  catalog_.add_series(std::move(spec));
  real_readers_.push_back(reader);
}

Sample SeriesRegistry::read(const Chain& chain, engine::Time now) const {
  Sample sample = catalog_.blank(now);
  std::size_t counts = 0;
  std::size_t reals = 0;
  for (const SeriesCatalog::Entry& e : catalog_.series()) {
    if (e.spec.type == ValueType::count) {
      count_readers_[counts++](chain, std::span<std::int64_t>(sample.counts).subspan(e.offset, e.size));
    } else {
      real_readers_[reals++](chain, std::span<double>(sample.reals).subspan(e.offset, e.size));
    }
  }
  return sample;
}

}  // namespace detail

SeriesCatalog series_catalog(const ScenarioDesc& description) { return detail::SeriesRegistry(description).catalog(); }

}  // namespace truckflow::models
