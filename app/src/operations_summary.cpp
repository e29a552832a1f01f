// The operations' summary tables: trucks at work, per truck type figures, sites and stations.
#include <algorithm>
#include <string>
#include <vector>

#include "truckflow/models/events.hpp"
#include "truckflow/output/operations_figures.hpp"

#include "summary.hpp"
#include "text_table.hpp"

namespace truckflow::app {

void print_operations(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                      const models::Sample& last, const output::StationWaits& waits) {
  const bool works = std::any_of(scenario.sites.begin(), scenario.sites.end(), [](const auto& s) { return s.work; });
  if (!works) return;
  const std::size_t types = scenario.truck_types.size();

  std::vector<std::string> names{"truck_type"};
  std::vector<std::string> units{""};
  for (std::size_t a = 0; a < models::truck_activity_count; ++a) {
    names.emplace_back(models::to_string(static_cast<models::TruckActivity>(a)));
    units.emplace_back("[trucks]");
  }
  names.insert(names.end(), {"breakdowns", "strandings"});
  units.insert(units.end(), {"", ""});
  Table activity(names, units, 1);
  const auto by_activity = series.counts(last, "trucks_by_activity");
  const auto breakdowns = series.counts(last, "truck_breakdowns");
  const auto strandings = series.counts(last, "truck_strandings");
  for (std::size_t t = 0; t < types; ++t) {
    std::int64_t in_service = 0;
    for (std::size_t a = 0; a < models::truck_activity_count; ++a) in_service += by_activity(a, t);
    if (in_service == 0) continue;
    std::vector<std::string> row{scenario.truck_types[t].id};
    for (std::size_t a = 0; a < models::truck_activity_count; ++a) row.push_back(n(by_activity(a, t)));
    row.push_back(n(breakdowns(t)));
    row.push_back(n(strandings(t)));
    activity.add(row);
  }
  activity.print(out, "Trucks in service at the end, by what they are doing (breakdowns, strandings: over the run)");

  const auto by_site = output::operations_by_site_and_type(scenario, series, last);
  const auto by_type = output::operations_by_type(by_site);
  Table work({"truck_type", "service", "km", "tonne_km", "energy", "unit", "energy_cost", "ownership", "ownership",
              "co2_wtw", "co2_diesel", "wait_mean", "wait_p95"},
             {"", "[truck-years]", "[Mkm]", "[Mt km]", "[per 100 km]", "", "[CNY/km]", "[CNY/km]", "[CNY/(t km)]",
              "[kg/(t km)]", "[kg/(t km)]", "[h]", "[h]"},
             1);
  for (std::size_t t = 0; t < types; ++t) {
    const output::OperationsTotals& o = by_type[t];
    if (o.km == 0.0) continue;
    const output::WaitSummary w = waits.by_type(t);
    work.add({scenario.truck_types[t].id, fixed(o.service_years, 0), fixed(o.km / 1e6, 2), fixed(o.tonne_km / 1e6, 1),
              fixed(o.energy_used_per_100km(), 1),
              models::unit_of(models::carrier_of(scenario.truck_types[t].powertrain)),
              fixed(o.energy_cost_cny_per_km(), 2), fixed(o.ownership_cny_per_km(), 2),
              fixed(o.ownership_cny_per_tonne_km(), 3), fixed(o.co2_well_to_wheel_kg_per_tonne_km(), 4),
              fixed(o.co2_diesel_equivalent_kg_per_tonne_km(), 4), fixed(w.mean_hours, 2), fixed(w.p95_hours, 2)});
  }
  work.print(out,
             "Work, energy, cost of ownership and CO2 by truck type (ownership: annualised purchase less subsidy, "
             "energy, maintenance, crew, insurance; co2_diesel: the scenario's diesel type on the same trips)");

  Table sites({"site", "moved", "required", "met", "loads"}, {"", "[kt]", "[kt]", "[%]", ""}, 1);
  const std::vector<double> required = output::tonnes_required(series, last);
  const auto loads = series.counts(last, "site_loads");
  for (std::size_t s = 0; s < scenario.sites.size(); ++s) {
    if (!scenario.sites[s].work) continue;
    double moved = 0.0;
    for (std::size_t t = 0; t < types; ++t) moved += by_site[s][t].tonnes_moved;
    sites.add({scenario.sites[s].id, fixed(moved / 1e3, 1), required[s] > 0.0 ? fixed(required[s] / 1e3, 1) : "-",
               required[s] > 0.0 ? fixed(100.0 * moved / required[s], 1) : "-", n(loads.row_total(s))});
  }
  sites.print(out, "Sites: tonnes moved against tonnes required (from the site's first truck, on its working days)");

  if (scenario.stations.empty()) return;
  Table stations({"station", "kind", "servers", "visits", "wait_mean", "wait_p95", "utilization", "dry"},
                 {"", "", "", "", "[h]", "[h]", "[%]", "[h]"}, 2);
  const auto servers = series.counts(last, "station_servers");
  const auto service = series.reals(last, "station_service_hours");
  const auto available = series.reals(last, "station_server_hours");
  const auto dry = series.reals(last, "station_dry_hours");
  for (std::size_t s = 0; s < scenario.stations.size(); ++s) {
    const output::WaitSummary w = waits.by_station(s);
    stations.add({scenario.stations[s].id, models::to_string(scenario.stations[s].kind), n(servers(s)), n(w.visits),
                  fixed(w.mean_hours, 2), fixed(w.p95_hours, 2),
                  available(s) > 0.0 ? fixed(100.0 * service(s) / available(s), 1) : "-", fixed(dry(s), 1)});
  }
  stations.print(out, "Stations (servers at the end; utilization: service hours over server hours since opening)");
}

}  // namespace truckflow::app
