// Whole-scenario checks, each reported at the key path that causes it.
#include "validate.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "truckflow/models/road_network.hpp"

namespace truckflow::scenarios::detail {

using namespace truckflow::models;

namespace {

/// Ids of one top-level list, with the path where each first appears.
struct Collection {
  std::string singular;
  std::map<std::string, std::size_t, std::less<>> index;
  std::vector<std::string> ids;
};

template <typename T>
Collection collect(const std::vector<T>& items, const std::string& list, const std::string& singular,
                   Context& context) {
  Collection c{singular, {}, {}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id;
    if (id.empty()) continue;  // already reported
    if (const auto it = c.index.find(id); it != c.index.end()) {
      const std::string first = item_path(list, it->second);
      const int line = context.where(child_path(first, "id")).line;
      context.error_at(child_path(item_path(list, i), "id"),
                       "duplicate " + singular + " id '" + id + "' (first at " + first +
                           (line > 0 ? ", line " + std::to_string(line) : "") + ")");
      continue;
    }
    c.index.emplace(id, i);
    c.ids.push_back(id);
  }
  return c;
}

class Checker {
 public:
  Checker(const ScenarioDesc& s, Context& context) : s_(s), context_(context) {}

  void run() {
    collections_.emplace("regions", collect(s_.regions, "regions", "region", context_));
    collections_.emplace("components", collect(s_.components, "components", "component", context_));
    collections_.emplace("truck_types", collect(s_.truck_types, "truck_types", "truck type", context_));
    collections_.emplace("suppliers", collect(s_.suppliers, "suppliers", "supplier", context_));
    collections_.emplace("factories", collect(s_.factories, "factories", "factory", context_));
    collections_.emplace("upfitters", collect(s_.upfitters, "upfitters", "upfitter", context_));
    collections_.emplace("sites", collect(s_.sites, "sites", "site", context_));
    const std::size_t before = context_.error_count();
    check_references();
    if (context_.error_count() != before) return;  // the checks below need every reference to resolve
    build_roads();
    check_simulation();
    check_truck_types();
    check_suppliers();
    check_factories();
    check_upfitters();
    check_sites();
  }

 private:
  std::size_t index(const std::string& collection, const std::string& id) const {
    return collections_.at(collection).index.at(id);
  }

  void check_references() {
    for (const Reference& ref : context_.references) {
      const Collection& c = collections_.at(ref.collection);
      if (c.index.count(ref.id) != 0) continue;
      if (c.ids.empty()) {
        context_.error_at(ref.path,
                          "unknown " + c.singular + " '" + ref.id + "': the scenario has no " + ref.collection);
      } else {
        const std::string hint = did_you_mean(ref.id, c.ids);
        context_.error_at(
            ref.path, "unknown " + c.singular + " '" + ref.id + "'" +
                          (hint.empty() ? "; the " + ref.collection + " are " + quoted_list(c.ids, " and ") : hint));
      }
    }
  }

  void build_roads() {
    std::vector<RoadLink> links;
    for (std::size_t i = 0; i < s_.roads.size(); ++i) {
      const RoadDesc& road = s_.roads[i];
      const std::size_t a = index("regions", road.from);
      const std::size_t b = index("regions", road.to);
      if (a == b) context_.error_at(child_path(item_path("roads", i), "to"), "a road must join two different regions");
      const engine::Duration time = engine::hours(road.travel_time_h);
      links.push_back({a, b, road.distance_km, time, road.climb_m, road.descent_m});
      if (road.two_way) links.push_back({b, a, road.distance_km, time, road.descent_m, road.climb_m});
    }
    roads_.emplace(s_.regions.size(), links);
  }

  bool connected(std::size_t from_region, std::size_t to_region) const {
    return roads_->is_connected(from_region, to_region);
  }

  std::string region_name(std::size_t region) const { return "'" + s_.regions[region].id + "'"; }

  void check_simulation() {
    const auto& sim = s_.simulation;
    if (sim.sample_interval_days > 366.0 * static_cast<double>(sim.horizon_years)) {
      context_.error_at("simulation.sample_interval_days", "the sampling interval is longer than the horizon");
    }
    horizon_first_year_ = static_cast<int>(sim.start_date.year());
  }

  void check_truck_types() {
    for (std::size_t t = 0; t < s_.truck_types.size(); ++t) {
      std::set<std::string> seen;
      const auto& bom = s_.truck_types[t].bill_of_materials;
      for (std::size_t l = 0; l < bom.size(); ++l) {
        if (!seen.insert(bom[l].component).second) {
          context_.error_at(
              child_path(item_path(child_path(item_path("truck_types", t), "bill_of_materials"), l), "component"),
              "component '" + bom[l].component + "' is listed twice; give one line with its quantity");
        }
      }
    }
  }

  void check_suppliers() {
    for (std::size_t i = 0; i < s_.suppliers.size(); ++i) {
      const SupplierDesc& supplier = s_.suppliers[i];
      const std::string path = item_path("suppliers", i);
      if (supplier.max_stock_units > 0 && supplier.max_stock_units < supplier.initial_stock_units) {
        context_.error_at(child_path(path, "max_stock_units"),
                          "max_stock_units (" + std::to_string(supplier.max_stock_units) +
                              ") is below initial_stock_units (" + std::to_string(supplier.initial_stock_units) + ")");
      }
      for (std::size_t d = 0; d < supplier.disruptions.size(); ++d) {
        const DisruptionDesc& disruption = supplier.disruptions[d];
        if (std::chrono::sys_days(disruption.end_date) < std::chrono::sys_days(disruption.start_date)) {
          context_.error_at(child_path(item_path(child_path(path, "disruptions"), d), "end_date"),
                            "the window ends before it starts");
        }
      }
    }
  }

  /// A plant at `region` needs `component` (because of `why`): check it can be supplied by road.
  void check_supply(const std::string& plant_path, std::size_t region, const std::string& component,
                    const std::vector<SourcingDesc>& sourcing, const std::string& why) {
    for (std::size_t k = 0; k < sourcing.size(); ++k) {
      if (sourcing[k].component != component) continue;
      const std::string entry = item_path(child_path(plant_path, "sourcing"), k);
      const std::size_t supplier = index("suppliers", sourcing[k].supplier);
      const SupplierDesc& desc = s_.suppliers[supplier];
      if (desc.component != component) {
        context_.error_at(child_path(entry, "supplier"),
                          "supplier '" + desc.id + "' makes '" + desc.component + "', not '" + component + "'");
      } else if (const std::size_t from = index("regions", desc.region); !connected(from, region)) {
        context_.error_at(child_path(entry, "supplier"), "no road route from supplier '" + desc.id + "' in " +
                                                             region_name(from) + " to " + region_name(region));
      }
      return;
    }
    std::vector<std::string> makers;
    bool reachable = false;
    for (const SupplierDesc& desc : s_.suppliers) {
      if (desc.component != component) continue;
      makers.push_back(desc.id + "' in '" + desc.region);
      reachable = reachable || connected(index("regions", desc.region), region);
    }
    if (makers.empty()) {
      context_.error_at(plant_path, "no supplier makes component '" + component + "', needed " + why);
    } else if (!reachable) {
      context_.error_at(plant_path, "no supplier of component '" + component + "' (needed " + why +
                                        ") is connected by road to " + region_name(region) + "; it is made by " +
                                        quoted_list(makers, " and "));
    }
  }

  void check_unused_sourcing(const std::string& plant_path, const std::vector<SourcingDesc>& sourcing,
                             const std::set<std::string>& needed) {
    for (std::size_t k = 0; k < sourcing.size(); ++k) {
      if (needed.count(sourcing[k].component) == 0) {
        context_.error_at(child_path(item_path(child_path(plant_path, "sourcing"), k), "component"),
                          "this plant never uses component '" + sourcing[k].component + "'");
      }
    }
  }

  void check_factories() {
    for (std::size_t f = 0; f < s_.factories.size(); ++f) {
      const FactoryDesc& factory = s_.factories[f];
      const std::string path = item_path("factories", f);
      const std::size_t region = index("regions", factory.region);
      std::set<std::string> needed;
      for (const std::string& type_id : factory.truck_types) {
        for (const BomLine& line : s_.truck_types[index("truck_types", type_id)].bill_of_materials) {
          if (needed.insert(line.component).second) {
            check_supply(path, region, line.component, factory.sourcing, "by truck type '" + type_id + "'");
          }
        }
      }
      check_unused_sourcing(path, factory.sourcing, needed);
    }
  }

  void check_upfitters() {
    for (std::size_t u = 0; u < s_.upfitters.size(); ++u) {
      const UpfitterDesc& upfitter = s_.upfitters[u];
      const std::string path = item_path("upfitters", u);
      const std::size_t region = index("regions", upfitter.region);
      std::set<std::string> needed;
      for (const SiteDesc& site : s_.sites) {
        if (site.upfit && site.upfit->upfitter == upfitter.id && needed.insert(site.upfit->body).second) {
          check_supply(path, region, site.upfit->body, upfitter.sourcing, "as a body for site '" + site.id + "'");
        }
      }
      check_unused_sourcing(path, upfitter.sourcing, needed);
    }
  }

  /// Can a truck built at `factory` reach the site (through its upfitter, if any)?
  bool serves(std::size_t factory, const SiteDesc& site) const {
    const std::size_t from = index("regions", s_.factories[factory].region);
    const std::size_t to = index("regions", site.region);
    if (!site.upfit) return connected(from, to);
    const std::size_t via = index("regions", s_.upfitters[index("upfitters", site.upfit->upfitter)].region);
    return connected(from, via) && connected(via, to);
  }

  void check_plan(const std::string& path, const SiteDesc& site, const PlanLineDesc& line) {
    const std::size_t type = index("truck_types", line.truck_type);
    // A year after the horizon is simply never reached (so a shorter what-if run works).
    if (line.year < horizon_first_year_) {
      context_.error_at(child_path(path, "year"), "year " + std::to_string(line.year) +
                                                      " is before the scenario starts (" +
                                                      std::to_string(horizon_first_year_) + ")");
    }
    const auto builds = [&](std::size_t f) {
      const auto& types = s_.factories[f].truck_types;
      return std::find(types.begin(), types.end(), line.truck_type) != types.end();
    };
    if (!line.factory.empty()) {
      const std::size_t f = index("factories", line.factory);
      if (!builds(f)) {
        context_.error_at(child_path(path, "factory"),
                          "factory '" + line.factory + "' does not build truck type '" + line.truck_type + "'");
      } else if (!serves(f, site)) {
        context_.error_at(child_path(path, "factory"), "no road route from factory '" + line.factory + "' to site '" +
                                                           site.id + "'" + (site.upfit ? " through its upfitter" : ""));
      }
      return;
    }
    bool any = false;
    bool reachable = false;
    for (std::size_t f = 0; f < s_.factories.size(); ++f) {
      if (!builds(f)) continue;
      any = true;
      reachable = reachable || serves(f, site);
    }
    if (!any) {
      context_.error_at(child_path(path, "truck_type"),
                        "no factory builds truck type '" + s_.truck_types[type].id + "'");
    } else if (!reachable) {
      context_.error_at(child_path(path, "truck_type"), "no factory that builds '" + line.truck_type +
                                                            "' is connected by road to site '" + site.id + "'" +
                                                            (site.upfit ? " through its upfitter" : ""));
    }
  }

  void check_sites() {
    for (std::size_t i = 0; i < s_.sites.size(); ++i) {
      const SiteDesc& site = s_.sites[i];
      const std::string path = item_path("sites", i);
      for (std::size_t l = 0; l < site.deployment.size(); ++l) {
        check_plan(item_path(child_path(path, "deployment"), l), site, site.deployment[l]);
      }
      std::set<std::pair<std::int64_t, std::string>> targets;
      for (std::size_t l = 0; l < site.target_fleet.size(); ++l) {
        const std::string line_path = item_path(child_path(path, "target_fleet"), l);
        const PlanLineDesc& line = site.target_fleet[l];
        check_plan(line_path, site, line);
        if (!targets.insert({line.year, line.truck_type}).second) {
          context_.error_at(child_path(line_path, "year"),
                            "a second target for '" + line.truck_type + "' in " + std::to_string(line.year));
        }
      }
    }
  }

  const ScenarioDesc& s_;
  Context& context_;
  std::map<std::string, Collection> collections_;
  std::optional<RoadNetwork> roads_;
  int horizon_first_year_ = 0;
};

}  // namespace

void validate(const ScenarioDesc& scenario, Context& context) { Checker(scenario, context).run(); }

}  // namespace truckflow::scenarios::detail
