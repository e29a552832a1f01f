// OperationsTotals figures by site and truck type, and cost of ownership.
#include "truckflow/output/operations_figures.hpp"

#include <cmath>
#include <limits>

namespace truckflow::output {

namespace {

double ratio(double a, double b) { return b != 0.0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

double capital_recovery_factor(double rate, double years) {
  if (years <= 0.0) return rate;
  if (rate == 0.0) return 1.0 / years;
  const double growth = std::pow(1.0 + rate, years);
  return rate * growth / (growth - 1.0);
}

void OperationsTotals::add(const OperationsTotals& o) {
  service_years += o.service_years;
  km += o.km;
  tonne_km += o.tonne_km;
  energy_used += o.energy_used;
  energy_cost_cny += o.energy_cost_cny;
  maintenance_cny += o.maintenance_cny;
  capital_cny += o.capital_cny;
  crew_cny += o.crew_cny;
  insurance_cny += o.insurance_cny;
  co2_tank_to_wheel_kg += o.co2_tank_to_wheel_kg;
  co2_well_to_wheel_kg += o.co2_well_to_wheel_kg;
  co2_diesel_equivalent_kg += o.co2_diesel_equivalent_kg;
  tonnes_moved += o.tonnes_moved;
}

double OperationsTotals::ownership_cny_per_km() const { return ratio(ownership_cny(), km); }
double OperationsTotals::ownership_cny_per_tonne_km() const { return ratio(ownership_cny(), tonne_km); }
double OperationsTotals::energy_cost_cny_per_km() const { return ratio(energy_cost_cny, km); }
double OperationsTotals::co2_well_to_wheel_kg_per_tonne_km() const { return ratio(co2_well_to_wheel_kg, tonne_km); }
double OperationsTotals::co2_diesel_equivalent_kg_per_tonne_km() const {
  return ratio(co2_diesel_equivalent_kg, tonne_km);
}
double OperationsTotals::energy_used_per_100km() const { return ratio(100.0 * energy_used, km); }

std::vector<std::vector<OperationsTotals>> operations_by_site_and_type(const models::ScenarioDesc& scenario,
                                                                       const models::SeriesCatalog& catalog,
                                                                       const models::Sample& last) {
  const std::size_t sites = scenario.sites.size();
  const std::size_t types = scenario.truck_types.size();
  std::vector<std::vector<OperationsTotals>> out(sites, std::vector<OperationsTotals>(types));
  const auto grid = [&](const char* name) { return catalog.reals(last, name); };
  const auto service = grid("truck_service_years");
  const auto km = grid("truck_km");
  const auto tkm = grid("tonne_km");
  const auto cost = grid("energy_cost_cny");
  const auto maintenance = grid("maintenance_cost_cny");
  const auto ttw = grid("co2_tank_to_wheel_kg");
  const auto wtw = grid("co2_well_to_wheel_kg");
  const auto diesel = grid("co2_diesel_equivalent_kg");
  const auto moved = grid("site_tonnes_moved");
  const char* used_names[] = {"electricity_used_kwh", "hydrogen_used_kg", "methanol_used_l", "diesel_used_l"};
  for (std::size_t t = 0; t < types; ++t) {
    const models::TruckTypeDesc& type = scenario.truck_types[t];
    const auto used = grid(used_names[static_cast<std::size_t>(models::carrier_of(type.powertrain))]);
    const models::TruckOperationDesc op = type.operation.value_or(models::TruckOperationDesc{});
    const double annual_capital =
        (type.price_cny - op.subsidy_cny) * capital_recovery_factor(scenario.economics.discount_rate, op.life_years);
    for (std::size_t s = 0; s < sites; ++s) {
      OperationsTotals& o = out[s][t];
      o.service_years = service(s, t);
      o.km = km(s, t);
      o.tonne_km = tkm(s, t);
      o.energy_used = used(s, t);
      o.energy_cost_cny = cost(s, t);
      o.maintenance_cny = maintenance(s, t);
      o.capital_cny = annual_capital * o.service_years;
      o.crew_cny = op.crew_cny_per_year * o.service_years;
      o.insurance_cny = op.insurance_cny_per_year * o.service_years;
      o.co2_tank_to_wheel_kg = ttw(s, t);
      o.co2_well_to_wheel_kg = wtw(s, t);
      o.co2_diesel_equivalent_kg = diesel(s, t);
      o.tonnes_moved = moved(s, t);
    }
  }
  return out;
}

std::vector<double> tonnes_required(const models::SeriesCatalog& catalog, const models::Sample& last) {
  const auto required = catalog.reals(last, "site_tonnes_required");
  return {required.flat().begin(), required.flat().end()};
}

std::vector<OperationsTotals> operations_by_type(const std::vector<std::vector<OperationsTotals>>& by_site_and_type) {
  std::vector<OperationsTotals> out;
  for (const auto& site : by_site_and_type) {
    if (out.empty()) out.resize(site.size());
    for (std::size_t t = 0; t < site.size(); ++t) out[t].add(site[t]);
  }
  return out;
}

}  // namespace truckflow::output
