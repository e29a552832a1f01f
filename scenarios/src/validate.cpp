// Whole-scenario checks, each reported at the key path that causes it. Who supplies whom is
// decided by models::ChainMap, the same code the world runs, so what passes here runs as checked.
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "truckflow/models/chain_map.hpp"
#include "truckflow/models/series.hpp"

#include "entities.hpp"
#include "scenario_spec.hpp"
#include "time_spec.hpp"

namespace truckflow::scenarios::detail {

using namespace truckflow::models;

namespace {

/// The most orders one component stock places in a run: the burst that lifts the stock from
/// its initial level above the reorder point, then one per order quantity the trucks use.
std::int64_t component_orders(const InventoryPolicyDesc& policy, std::int64_t trucks) {
  const std::int64_t q = policy.order_quantity_trucks;
  const std::int64_t gap = policy.reorder_point_trucks - policy.initial_stock_trucks;
  return (gap >= 0 ? gap / q + 1 : 0) + trucks / q + 1;
}

class Checker {
 public:
  Checker(const ScenarioDesc& s, Context& context) : s_(s), context_(context) {}

  void run() {
    check_entities(scenario_spec(), s_, context_);
    // The checks below need every id unique and resolved (validation runs only on a scenario that
    // decoded without errors, so any error now is a duplicate or a dangling reference).
    if (context_.error_count() != 0) return;
    map_.emplace(s_);
    check_roads();
    check_positions();
    check_simulation();
    check_path_starts(context_, s_.simulation.start_date);
    check_truck_types();
    check_suppliers();
    check_factories();
    check_upfitters();
    check_sites();
    check_stations();
    check_sharing_rules();
    check_work();
  }

  const WorkEstimate& work() const noexcept { return work_; }

 private:
  const ChainMap& map() const { return *map_; }

  bool connected(std::size_t from_region, std::size_t to_region) const {
    return map().roads().is_connected(from_region, to_region);
  }

  void check_sharing_rules() {
    // The active rules' shares of one region's base, by type: more than all of it gives away more than there is.
    std::map<std::pair<std::string, SharingType>, double> shares;
    for (std::size_t i = 0; i < s_.sharing_rules.size(); ++i) {
      const SharingRuleDesc& rule = s_.sharing_rules[i];
      const std::string path = item_path("sharing_rules", i);
      if (rule.from == rule.to)
        context_.error_at(child_path(path, "to"), "a rule must move value between two different regions");
      if (rule.id == "none") {
        context_.error_at(child_path(path, "id"), "'none' is kept for no rule at all (compare --rules none)");
      }
      if (rule.step_down_per_year > 0.0 && rule.duration_years == 0) {
        context_.warning_at("step_down_without_duration", child_path(path, "step_down_per_year"),
                            "the rule has no duration_years, so it never steps down: its share holds every year");
      }
      if (rule.cap_cny > 0.0 && rule.minimum_cny_per_year > rule.cap_cny) {
        context_.warning_at("minimum_over_cap", child_path(path, "minimum_cny_per_year"),
                            "the yearly minimum is more than the cap on all years: the cap wins");
      }
      if (rule.start_year != 0 && (rule.start_year < first_year_ || rule.start_year > last_year_)) {
        context_.warning_at("sharing_rule_outside_horizon", child_path(path, "start_year"),
                            "year " + std::to_string(rule.start_year) + " is outside the horizon (" +
                                std::to_string(first_year_) + "-" + std::to_string(last_year_) + ")" +
                                (rule.start_year > last_year_ ? ": the rule never holds"
                                                              : ": the rule holds from the first year, its "
                                                                "duration counted from this one"));
      }
      check_sharing_scope(rule, path);
      if (rule.active) shares[{rule.from, rule.type}] += rule.share;
    }
    for (const auto& [key, total] : shares) {
      if (total > 1.0 + 1e-9) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", total);
        context_.warning_at("sharing_rules_over_the_base", "sharing_rules",
                            "the active " + std::string(key.second == SharingType::fiscal ? "fiscal" : "statistics") +
                                " rules from '" + key.first + "' share " + text +
                                " of its base together: the region gives away more than it has");
      }
    }
  }

  /// A rule whose scope no sale of the scenario can meet settles nothing, with nothing to show why:
  /// say so, as the value model (models/src/value.cpp) would count sales.
  void check_sharing_scope(const SharingRuleDesc& rule, const std::string& path) {
    // What each kind of establishment sells, and whether that sale names the truck it is for.
    struct Sale {
      EstablishmentKind seller;
      FlowKind flow;
      bool of_a_truck;
    };
    static constexpr Sale sales[] = {
        {EstablishmentKind::supplier, FlowKind::component_sale, false},
        {EstablishmentKind::factory, FlowKind::truck_sale, true},
        {EstablishmentKind::upfitter, FlowKind::upfit, true},
        {EstablishmentKind::station, FlowKind::energy_sale, true},
        {EstablishmentKind::energy_source, FlowKind::energy_purchase, false},
        {EstablishmentKind::fleet_operator, FlowKind::freight_service, true},
    };
    const auto in_scope = [](const auto& scope, auto value) {
      return scope.empty() || std::find(scope.begin(), scope.end(), value) != scope.end();
    };
    const auto in_from = [&](const auto& list) {
      return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.region == rule.from; });
    };
    const auto sells_in_from = [&](EstablishmentKind kind) {
      switch (kind) {
        case EstablishmentKind::supplier:
          return in_from(s_.suppliers);
        case EstablishmentKind::factory:
          return in_from(s_.factories);
        case EstablishmentKind::upfitter:
          return in_from(s_.upfitters);
        case EstablishmentKind::station:
          return in_from(s_.stations);
        case EstablishmentKind::energy_source:
          return in_from(s_.energy_sources);
        case EstablishmentKind::fleet_operator:
          return std::any_of(s_.sites.begin(), s_.sites.end(),
                             [&](const SiteDesc& site) { return site.region == rule.from && site.work; });
        default:
          return false;
      }
    };
    const bool trucks_scoped = !rule.truck_types.empty() || !rule.deployed_in.empty();
    const bool some_sale = std::any_of(std::begin(sales), std::end(sales), [&](const Sale& sale) {
      return in_scope(rule.establishments, sale.seller) && in_scope(rule.flows, sale.flow) &&
             (sale.of_a_truck || !trucks_scoped) && sells_in_from(sale.seller);
    });
    if (!some_sale) {
      context_.warning_at("sharing_rule_matches_nothing", path,
                          "no establishment in '" + rule.from +
                              "' makes a sale within the rule's scope (its establishments and flows" +
                              (trucks_scoped ? "; with truck_types or deployed_in, only sales for a truck count" : "") +
                              "): the rule settles nothing");
      return;
    }
    if (!trucks_scoped) return;
    const auto deployed = [&](const SiteDesc& site) {
      if (!rule.deployed_in.empty() && site.region != rule.deployed_in) return false;
      for (const auto* lines : {&site.deployment, &site.target_fleet}) {
        for (const PlanLineDesc& line : *lines) {
          if (in_scope(rule.truck_types, line.truck_type)) return true;
        }
      }
      return false;
    };
    if (std::none_of(s_.sites.begin(), s_.sites.end(), deployed)) {
      const std::string where = rule.deployed_in.empty() ? "" : " in '" + rule.deployed_in + "'";
      const std::string which = rule.truck_types.empty() ? "trucks" : "trucks of its truck_types";
      context_.warning_at("sharing_rule_matches_nothing", path,
                          "no site" + where + " plans " + which + ": the rule settles nothing");
    }
  }

  void check_roads() {
    for (std::size_t i = 0; i < s_.roads.size(); ++i) {
      if (s_.roads[i].from == s_.roads[i].to) {
        context_.error_at(child_path(item_path("roads", i), "to"), "a road must join two different regions");
      }
    }
  }

  /// A position is a distance and a climb, or coordinates.
  void check_position(const std::string& path, const PositionDesc& position) {
    if (position.coordinates && (position.distance_km != 0.0 || position.climb_m != 0.0)) {
      context_.error_at(child_path(path, "coordinates"), "give distance_km and climb_m, or coordinates, not both");
    }
  }

  void check_positions() {
    for (std::size_t i = 0; i < s_.sites.size(); ++i) {
      const SiteDesc& site = s_.sites[i];
      const std::string path = item_path("sites", i);
      check_position(child_path(path, "position"), site.position);
      if (!site.work) continue;
      if (site.work->load_at) check_position(child_path(path, "work.load_at.position"), site.work->load_at->position);
      if (site.work->unload_at) {
        check_position(child_path(path, "work.unload_at.position"), site.work->unload_at->position);
      }
    }
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      check_position(child_path(item_path("stations", i), "position"), s_.stations[i].position);
    }
    for (std::size_t i = 0; i < s_.energy_sources.size(); ++i) {
      check_position(child_path(item_path("energy_sources", i), "position"), s_.energy_sources[i].position);
    }
  }

  void check_simulation() {
    const auto& sim = s_.simulation;
    if (sim.sample_interval_days > 366.0 * static_cast<double>(sim.horizon_years)) {
      context_.error_at("simulation.sample_interval_days", "the sampling interval is longer than the horizon");
    }
    // The horizon is [start, start + horizon_years); the last year it touches:
    const bool starts_on_new_year =
        sim.start_date.month() == std::chrono::January && sim.start_date.day() == std::chrono::day(1);
    first_year_ = static_cast<int>(sim.start_date.year());
    last_year_ = first_year_ + static_cast<int>(sim.horizon_years) - (starts_on_new_year ? 1 : 0);
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
      const TruckTypeDesc& type = s_.truck_types[t];
      if (type.operation && type.powertrain == Powertrain::battery_electric_charging &&
          type.operation->max_charge_kw <= 0.0) {
        context_.error_at(child_path(item_path("truck_types", t), "operation.max_charge_kw"),
                          "a battery_electric_charging truck type needs max_charge_kw above 0 (the most it takes "
                          "from a charger)");
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

  /// A plant at `region` needs `component` (because of `why`): can it get it by road?
  void check_supply(const std::string& plant_path, std::size_t region, const std::string& component,
                    const std::vector<SourcingDesc>& sourcing, const std::string& why) {
    for (std::size_t k = 0; k < sourcing.size(); ++k) {
      if (sourcing[k].component != component) continue;
      const std::string entry = child_path(item_path(child_path(plant_path, "sourcing"), k), "supplier");
      const SupplierDesc& desc = s_.suppliers[map().supplier(sourcing[k].supplier)];
      if (desc.component != component) {
        context_.error_at(entry, "supplier '" + desc.id + "' makes '" + desc.component + "', not '" + component + "'");
      } else if (!connected(map().region(desc.region), region)) {
        context_.error_at(entry, "no road route from supplier '" + desc.id + "' in '" + desc.region + "' to '" +
                                     s_.regions[region].id + "'");
      }
      return;
    }
    if (map().supplier_for(map().component(component), region, sourcing)) return;
    std::vector<std::string> makers;
    for (const SupplierDesc& desc : s_.suppliers) {
      if (desc.component == component) makers.push_back(desc.id + "' in '" + desc.region);
    }
    if (makers.empty()) {
      context_.error_at(plant_path, "no supplier makes component '" + component + "', needed " + why);
    } else {
      context_.error_at(plant_path, "no supplier of component '" + component + "' (needed " + why +
                                        ") is connected by road to '" + s_.regions[region].id + "'; it is made by " +
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
      const std::size_t region = map().region(factory.region);
      std::set<std::string> needed;
      for (const std::string& type_id : factory.truck_types) {
        for (const BomLine& line : s_.truck_types[map().truck_type(type_id)].bill_of_materials) {
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
      const std::size_t region = map().region(upfitter.region);
      std::set<std::string> needed;
      for (const SiteDesc& site : s_.sites) {
        if (site.upfit && site.upfit->upfitter == upfitter.id && needed.insert(site.upfit->body).second) {
          check_supply(path, region, site.upfit->body, upfitter.sourcing, "as a body for site '" + site.id + "'");
        }
      }
      check_unused_sourcing(path, upfitter.sourcing, needed);
      if (!needed.empty() && upfitter.upfit_price_cny == 0.0) {
        context_.warning_at("upfitter_without_price", path,
                            "upfit_price_cny is 0: the upfitter is paid nothing for the bodies it buys and fits, so "
                            "its value-added is negative");
      }
    }
  }

  void check_plan(const std::string& path, std::size_t site_index, const PlanLineDesc& line) {
    const SiteDesc& site = s_.sites[site_index];
    if (line.year < first_year_) {
      context_.error_at(
          child_path(path, "year"),
          "year " + std::to_string(line.year) + " is before the scenario starts (" + std::to_string(first_year_) + ")");
    } else if (line.year > last_year_) {
      context_.warning_at("plan_year_after_horizon", child_path(path, "year"),
                          "year " + std::to_string(line.year) + " is after the horizon (the last year simulated is " +
                              std::to_string(last_year_) + "): these trucks are never ordered");
    }
    const std::size_t type = map().truck_type(line.truck_type);
    const std::string through = site.upfit ? " through its upfitter" : "";
    if (!line.factory.empty()) {
      const std::size_t f = map().factory(line.factory);
      if (!map().builds(f, type)) {
        context_.error_at(child_path(path, "factory"),
                          "factory '" + line.factory + "' does not build truck type '" + line.truck_type + "'");
      } else if (!map().serves(f, site_index)) {
        context_.error_at(child_path(path, "factory"),
                          "no road route from factory '" + line.factory + "' to site '" + site.id + "'" + through);
      }
      return;
    }
    if (map().factory_for(site_index, type, "")) return;
    bool any = false;
    for (std::size_t f = 0; f < s_.factories.size(); ++f) any = any || map().builds(f, type);
    if (!any) {
      context_.error_at(child_path(path, "truck_type"), "no factory builds truck type '" + line.truck_type + "'");
    } else {
      context_.error_at(
          child_path(path, "truck_type"),
          "no factory that builds '" + line.truck_type + "' is connected by road to site '" + site.id + "'" + through);
    }
  }

  void check_sites() {
    for (std::size_t i = 0; i < s_.sites.size(); ++i) {
      const SiteDesc& site = s_.sites[i];
      const std::string path = item_path("sites", i);
      for (std::size_t l = 0; l < site.deployment.size(); ++l) {
        const std::string line_path = item_path(child_path(path, "deployment"), l);
        check_plan(line_path, i, site.deployment[l]);
        count_trucks(line_path, i, site.deployment[l], site.planned_trucks(site.deployment[l]));
      }
      std::set<std::pair<std::int64_t, std::string>> targets;
      std::map<std::string, std::int64_t> largest_target;
      for (std::size_t l = 0; l < site.target_fleet.size(); ++l) {
        const std::string line_path = item_path(child_path(path, "target_fleet"), l);
        const PlanLineDesc& line = site.target_fleet[l];
        check_plan(line_path, i, line);
        if (!targets.insert({line.year, line.truck_type}).second) {
          context_.error_at(child_path(line_path, "year"),
                            "a second target for '" + line.truck_type + "' in " + std::to_string(line.year));
        }
        // A target orders at most what it adds to the largest earlier target of the type.
        std::int64_t& largest = largest_target[line.truck_type];
        const std::int64_t trucks = site.planned_trucks(line);
        count_trucks(line_path, i, line, std::max<std::int64_t>(0, trucks - largest));
        largest = std::max(largest, trucks);
      }
      if (site.work) check_site_work(i);
    }
  }

  /// A site with work: its trucks can work, reach where they load and unload, and charge at its depot.
  void check_site_work(std::size_t site_index) {
    const SiteDesc& site = s_.sites[site_index];
    const SiteWorkDesc& work = *site.work;
    const std::string path = item_path("sites", site_index);
    const auto check_types = [&](const char* key, const std::vector<PlanLineDesc>& lines) {
      for (std::size_t l = 0; l < lines.size(); ++l) {
        if (s_.truck_types[map().truck_type(lines[l].truck_type)].operation) continue;
        context_.error_at(child_path(item_path(child_path(path, key), l), "truck_type"),
                          "truck type '" + lines[l].truck_type + "' has no operation, and site '" + site.id +
                              "' has work: give the type an operation (how its trucks work)");
      }
    };
    check_types("deployment", site.deployment);
    check_types("target_fleet", site.target_fleet);
    const std::size_t region = map().region(site.region);
    const auto check_place = [&](const char* key, const std::optional<PlaceDesc>& place) {
      if (!place) return;
      const std::size_t there = map().region(place->region);
      const std::string at = child_path(path, std::string("work.") + key + ".region");
      if (!connected(region, there)) {
        context_.error_at(at, "no road route from the site's region '" + site.region + "' to '" + place->region + "'");
      } else if (!connected(there, region)) {
        context_.error_at(at,
                          "no road route from '" + place->region + "' back to the site's region '" + site.region + "'");
      }
    };
    check_place("load_at", work.load_at);
    check_place("unload_at", work.unload_at);
    if (!work.depot.empty()) {
      const StationDesc& depot = s_.stations[map().index("stations", work.depot)];
      if (depot.kind != StationKind::charging) {
        context_.error_at(child_path(path, "work.depot"), "station '" + depot.id + "' is a " + to_string(depot.kind) +
                                                              " station; a depot must be a charging station");
      }
    }
  }

  void check_stations() {
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      const StationDesc& station = s_.stations[i];
      const std::string path = item_path("stations", i);
      for (std::size_t e = 1; e < station.expansions.size(); ++e) {
        const Date before = station.expansions[e - 1].date;
        const Date date = station.expansions[e].date;
        if (std::chrono::sys_days(date) <= std::chrono::sys_days(before)) {
          context_.error_at(child_path(item_path(child_path(path, "expansions"), e), "date"),
                            "the expansions must be in increasing order of date: " + format_date(date) +
                                " is not after the one before (" + format_date(before) + ")");
        }
      }
      if (station.other_traffic) check_other_traffic(path, station);
      const Carrier carrier = carrier_of(station.kind);
      if (carrier == Carrier::electricity) continue;
      // Hydrogen, methanol and diesel: a stock, resupplied from a source.
      const std::string unit = carrier == Carrier::hydrogen ? "_kg" : "_l";
      const std::string storage = "storage" + unit;
      if (station.reorder_at >= station.storage) {
        context_.error_at(child_path(path, "reorder_at" + unit),
                          "reorder_at" + unit + " (" + format_default(station.reorder_at) + ") must be below " +
                              storage + " (" + format_default(station.storage) + ")");
      }
      if (station.reorder_at < station.storage && station.reorder_at + station.delivery > station.storage) {
        context_.error_at(child_path(path, "delivery" + unit),
                          "delivery" + unit + " (" + format_default(station.delivery) + ") and reorder_at" + unit +
                              " (" + format_default(station.reorder_at) + ") are more than " + storage + " (" +
                              format_default(station.storage) +
                              "): a delivery ordered at the reorder point must fit in the storage");
      }
      const EnergySourceDesc& source = s_.energy_sources[map().index("energy_sources", station.source)];
      if (source.carrier != carrier) {
        context_.error_at(child_path(path, "source"), "energy source '" + source.id + "' supplies " +
                                                          to_string(source.carrier) + "; a " + to_string(station.kind) +
                                                          " station needs " + to_string(carrier));
      } else if (!connected(map().region(source.region), map().region(station.region))) {
        context_.error_at(child_path(path, "source"), "no road route from energy source '" + source.id + "' in '" +
                                                          source.region + "' to '" + station.region + "'");
      }
    }
  }

  /// A station's other traffic keeps, on average, its arrivals per hour times its hours at a
  /// charger busy (the offered load). At or above the chargers the station opens with, its queue
  /// grows until the trucks that find it too long go elsewhere: a warning.
  void check_other_traffic(const std::string& path, const StationDesc& station) {
    const OtherTrafficDesc& traffic = *station.other_traffic;
    const double load =
        traffic.trucks_per_hour * (traffic.mean_kwh / station.charger_kw + station.handling_minutes / 60.0);
    if (load >= static_cast<double>(station.servers)) {
      context_.warning_at("other_traffic_overload", child_path(path, "other_traffic"),
                          "other traffic alone keeps " + format_default(load) +
                              " chargers busy on average (trucks_per_hour × the hours each charges), at least its " +
                              std::to_string(station.servers) +
                              " chargers: its queue grows until trucks turn away (max_wait_hours)");
    }
  }

  /// Adds what a plan line of site `site` may order within the horizon to the run's total; reports
  /// the line that takes the total over WorkLimits::trucks.
  void count_trucks(const std::string& path, std::size_t site, const PlanLineDesc& line, std::int64_t trucks) {
    if (line.year > last_year_ || planned_trucks_ > WorkLimits::trucks) return;
    planned_trucks_ += trucks;
    planned_lines_.push_back({site, &line, trucks});
    if (planned_trucks_ > WorkLimits::trucks) {
      context_.error_at(child_path(path, "trucks"),
                        "with this line the plans order " + std::to_string(planned_trucks_) +
                            " trucks; one run simulates at most " + std::to_string(WorkLimits::trucks) +
                            " (each truck needs about 2 KB of memory while simulated)");
    }
  }

  /// The component orders and the sampled values the run will need, against the limits; the
  /// trucks were counted as the plans were checked. Reported at the key to change.
  void check_work() {
    work_.trucks = planned_trucks_;
    if (planned_trucks_ > WorkLimits::trucks) return;  // reported; the estimates below would only repeat it
    std::int64_t& orders = work_.component_orders;
    bool reported = false;  // one report is enough
    // What a plant can be asked for: the planned trucks that can come to it (a factory: those of the
    // types it builds that name it or no factory; an upfitter: those of the sites it fits bodies for).
    const auto add = [&](const std::string& path, const InventoryPolicyDesc& policy, std::size_t components,
                         const auto& comes_here) {
      std::int64_t trucks = 0;
      for (const PlannedLine& planned : planned_lines_) {
        if (comes_here(planned)) trucks += planned.trucks;
      }
      orders += static_cast<std::int64_t>(components) * component_orders(policy, trucks);
      if (orders > WorkLimits::component_orders && !reported) {
        context_.error_at(
            child_path(path, "inventory.order_quantity_trucks"),
            "the run may place up to " + std::to_string(orders) + " component orders (with " + std::to_string(trucks) +
                " trucks planned here, this order quantity and reorder point); one run places at most " +
                std::to_string(WorkLimits::component_orders) + ": raise the order quantity or lower the reorder point");
        reported = true;
      }
    };
    for (std::size_t f = 0; f < s_.factories.size(); ++f) {
      std::set<std::string> components;
      for (const std::string& type : s_.factories[f].truck_types) {
        for (const BomLine& line : s_.truck_types[map().truck_type(type)].bill_of_materials) {
          components.insert(line.component);
        }
      }
      const FactoryDesc& factory = s_.factories[f];
      add(item_path("factories", f), factory.inventory, components.size(), [&](const PlannedLine& planned) {
        return (planned.line->factory.empty() || planned.line->factory == factory.id) &&
               std::ranges::find(factory.truck_types, planned.line->truck_type) != factory.truck_types.end();
      });
    }
    for (std::size_t u = 0; u < s_.upfitters.size(); ++u) {
      std::set<std::string> bodies;
      for (const SiteDesc& site : s_.sites) {
        if (site.upfit && site.upfit->upfitter == s_.upfitters[u].id) bodies.insert(site.upfit->body);
      }
      add(item_path("upfitters", u), s_.upfitters[u].inventory, bodies.size(), [&](const PlannedLine& planned) {
        const SiteDesc& site = s_.sites[planned.site];
        return site.upfit && site.upfit->upfitter == s_.upfitters[u].id;
      });
    }

    const SimulationDesc& sim = s_.simulation;
    const double samples = std::floor(366.0 * static_cast<double>(sim.horizon_years) / sim.sample_interval_days) + 1;
    const std::size_t values_per_sample = models::series_catalog(s_).values_per_sample();
    const double values = samples * static_cast<double>(values_per_sample + 64);
    work_.sampled_values = static_cast<std::int64_t>(std::min(values, 9e18));
    if (values > static_cast<double>(WorkLimits::sampled_values)) {
      char text[320];
      std::snprintf(text, sizeof text,
                    "sampling every %g d over %lld years gives up to %.0f samples of %zu values each; the samples "
                    "of one run hold at most %lld values: sample less often",
                    sim.sample_interval_days, static_cast<long long>(sim.horizon_years), samples, values_per_sample,
                    static_cast<long long>(WorkLimits::sampled_values));
      context_.error_at("simulation.sample_interval_days", text);
    }

    // A supplier produces once a day: one event per supplier-day, whatever else happens.
    const double days = 366.0 * static_cast<double>(sim.horizon_years);
    const double supplier_days = days * static_cast<double>(s_.suppliers.size());
    work_.supplier_days = static_cast<std::int64_t>(std::min(supplier_days, 9e18));
    if (supplier_days > static_cast<double>(WorkLimits::supplier_days)) {
      context_.error_at("simulation.horizon_years",
                        "with " + std::to_string(s_.suppliers.size()) + " suppliers producing every day for " +
                            std::to_string(sim.horizon_years) + " years, the run has up to " +
                            std::to_string(work_.supplier_days) + " supplier-days (a production event each); one run " +
                            "has at most " + std::to_string(WorkLimits::supplier_days) +
                            ": simulate fewer years or fewer suppliers");
    }
  }

  const ScenarioDesc& s_;
  Context& context_;
  std::optional<ChainMap> map_;
  int first_year_ = 0;
  int last_year_ = 0;
  std::int64_t planned_trucks_ = 0;
  /// A plan line's trucks within the horizon, as counted.
  struct PlannedLine {
    std::size_t site;
    const PlanLineDesc* line;
    std::int64_t trucks;
  };
  std::vector<PlannedLine> planned_lines_;
  WorkEstimate work_;
};

}  // namespace

WorkEstimate validate(const ScenarioDesc& scenario, Context& context) {
  Checker checker(scenario, context);
  checker.run();
  return checker.work();
}

}  // namespace truckflow::scenarios::detail
