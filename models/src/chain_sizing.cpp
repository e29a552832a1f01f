// size_chain_for: suppliers, lines, bays and stations sized for one truck type.
#include "truckflow/models/chain_sizing.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace truckflow::models {

namespace {

/// The most trucks planned in one calendar year (deployments and targets together: a target may
/// need all its trucks ordered in its year).
double peak_trucks_per_year(const ScenarioDesc& s) {
  std::map<std::int64_t, double> by_year;
  for (const SiteDesc& site : s.sites) {
    for (const auto* lines : {&site.deployment, &site.target_fleet}) {
      for (const PlanLineDesc& line : *lines) by_year[line.year] += static_cast<double>(site.planned_trucks(line));
    }
  }
  double peak = 0.0;
  for (const auto& [year, trucks] : by_year) peak = std::max(peak, trucks);
  return peak;
}

std::string fmt(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

std::string chain_sizing_rule() {
  return "each type's chain sized by one rule: with D the most trucks planned in one year, every supplier of a "
         "component the type needs makes at least 1.25 x D x quantity a year, every factory building it has lines "
         "and every upfitter bays for 1.25 x D trucks a year, its energy sources make 1.25 x every truck planned x "
         "400 km a day at its loaded use, and every region where trucks work has a station "
         "serving the type (a copy of the scenario's first such station where there is none; every run has the "
         "stations added for any type); nothing is made smaller";
}

std::vector<PlanNote> size_chain_for(ScenarioDesc& s, const std::string& truck_type) {
  std::vector<PlanNote> notes;
  const auto type = std::find_if(s.truck_types.begin(), s.truck_types.end(),
                                 [&](const TruckTypeDesc& t) { return t.id == truck_type; });
  if (type == s.truck_types.end()) return notes;
  const double peak = peak_trucks_per_year(s) * sizing_headroom;

  // Components per truck: the bill of materials and any site's body.
  std::map<std::string, double> per_truck;
  for (const BomLine& line : type->bill_of_materials) per_truck[line.component] += static_cast<double>(line.quantity);
  for (const SiteDesc& site : s.sites) {
    if (site.upfit) per_truck[site.upfit->body] = std::max(per_truck[site.upfit->body], 1.0);
  }
  for (std::size_t i = 0; i < s.suppliers.size(); ++i) {
    SupplierDesc& supplier = s.suppliers[i];
    const auto need = per_truck.find(supplier.component);
    if (need == per_truck.end()) continue;
    const double per_day = peak * need->second / 365.0;
    if (supplier.capacity_units_per_day >= per_day) continue;
    notes.push_back({"suppliers[" + std::to_string(i) + "].capacity_units_per_day",
                     "sized for '" + truck_type + "' in this comparison: " + fmt(supplier.capacity_units_per_day) +
                         " -> " + fmt(per_day) + " units/d",
                     false, "chain_sized"});
    supplier.capacity_units_per_day = per_day;
    supplier.disruptions.clear();
  }
  for (std::size_t i = 0; i < s.factories.size(); ++i) {
    FactoryDesc& factory = s.factories[i];
    if (std::find(factory.truck_types.begin(), factory.truck_types.end(), truck_type) == factory.truck_types.end()) {
      continue;
    }
    const auto lines = static_cast<std::int64_t>(std::ceil(peak * factory.assembly_hours / 8760.0));
    if (factory.lines >= lines) continue;
    notes.push_back({"factories[" + std::to_string(i) + "].lines",
                     "sized for '" + truck_type + "' in this comparison: " + std::to_string(factory.lines) + " -> " +
                         std::to_string(lines) + " lines",
                     false, "chain_sized"});
    factory.lines = lines;
  }
  for (std::size_t i = 0; i < s.upfitters.size(); ++i) {
    UpfitterDesc& upfitter = s.upfitters[i];
    const auto bays = static_cast<std::int64_t>(std::ceil(peak * upfitter.upfit_hours / 8760.0));
    if (upfitter.bays >= bays) continue;
    notes.push_back({"upfitters[" + std::to_string(i) + "].bays",
                     "sized for '" + truck_type + "' in this comparison: " + std::to_string(upfitter.bays) + " -> " +
                         std::to_string(bays) + " bays",
                     false, "chain_sized"});
    upfitter.bays = bays;
  }

  // Energy sources of the type's carrier: together, 1.25 × every truck planned × 400 km a day at
  // the type's loaded use.
  if (type->operation && carrier_of(type->powertrain) != Carrier::electricity) {
    const Carrier carrier = carrier_of(type->powertrain);
    double trucks = 0.0;
    for (const SiteDesc& site : s.sites) {
      for (const auto* lines : {&site.deployment, &site.target_fleet}) {
        for (const PlanLineDesc& line : *lines) trucks += static_cast<double>(site.planned_trucks(line));
      }
    }
    const auto sources = std::count_if(s.energy_sources.begin(), s.energy_sources.end(),
                                       [&](const EnergySourceDesc& e) { return e.carrier == carrier; });
    const double per_source = sources > 0 ? sizing_headroom * trucks * type->operation->use_loaded_per_100km * 4.0 /
                                                static_cast<double>(sources)
                                          : 0.0;
    for (std::size_t i = 0; i < s.energy_sources.size(); ++i) {
      EnergySourceDesc& source = s.energy_sources[i];
      if (source.carrier != carrier || source.capacity_per_day >= per_source) continue;
      notes.push_back({"energy_sources[" + std::to_string(i) + "]",
                       "sized for '" + truck_type + "' in this comparison: " + fmt(source.capacity_per_day) + " -> " +
                           fmt(per_source) + " " + unit_of(carrier) + "/d",
                       false, "chain_sized"});
      source.capacity_per_day = per_source;
    }
  }

  // Stations: one serving the type in every region where trucks work.
  std::set<std::string> working_regions;
  for (const SiteDesc& site : s.sites) {
    if (!site.work) continue;
    working_regions.insert(site.region);
    for (const auto* place : {&site.work->load_at, &site.work->unload_at}) {
      if (*place) working_regions.insert((*place)->region);
    }
  }
  if (working_regions.empty() || !type->operation) return notes;
  const auto serves = [&](const StationDesc& st) { return station_serves(st.kind, type->powertrain); };
  const auto model = std::find_if(s.stations.begin(), s.stations.end(), serves);
  if (model == s.stations.end()) {
    notes.push_back({"stations",
                     "no station serves '" + truck_type + "' (" + to_string(type->powertrain) +
                         "): in this comparison its trucks are stranded when they run low",
                     false, "no_station_for_type"});
    return notes;
  }
  const StationDesc copied = *model;
  for (const std::string& region : working_regions) {
    const bool has = std::any_of(s.stations.begin(), s.stations.end(),
                                 [&](const StationDesc& st) { return serves(st) && st.region == region; });
    if (has) continue;
    StationDesc station = copied;
    station.id = copied.id + "_in_" + region;
    station.region = region;
    station.position = {};
    station.opening_date.reset();
    station.expansions.clear();
    notes.push_back({"stations",
                     "in this comparison '" + station.id + "' serves '" + truck_type + "' in " + region +
                         ", which has no such station (a copy of '" + copied.id + "' at the region's centre)",
                     false, "station_added"});
    s.stations.push_back(std::move(station));
  }
  return notes;
}

}  // namespace truckflow::models
