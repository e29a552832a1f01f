// What trucks at work did and cost, by site and truck type, from a run's final sample and its
// station waits: work, energy, cost of ownership, CO2 and waits, with the per-km and
// per-tonne-km figures planners compare. Sites and types add up (`add`).
#pragma once

#include <cstdint>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/series.hpp"
#include "truckflow/output/station_waits.hpp"

namespace truckflow::output {

/// The share of a purchase paid each year over `years` at `rate`: r (1+r)^n / ((1+r)^n − 1); the
/// rate alone for a life of 0 (never retired); 1 / n at a rate of 0.
double capital_recovery_factor(double rate, double years);

struct OperationsTotals {
  double service_years = 0.0;  ///< truck-years in service
  double km = 0.0;
  double tonne_km = 0.0;
  double energy_used = 0.0;  ///< in the carrier's unit (a type's, or mixed when types add up)
  double energy_cost_cny = 0.0;
  double maintenance_cny = 0.0;
  double capital_cny = 0.0;  ///< purchase less subsidy, annualised, times the service years
  double crew_cny = 0.0;
  double insurance_cny = 0.0;
  double co2_tank_to_wheel_kg = 0.0;
  double co2_well_to_wheel_kg = 0.0;
  double co2_diesel_equivalent_kg = 0.0;
  double tonnes_moved = 0.0;

  void add(const OperationsTotals& other);
  /// Capital, energy, maintenance, crew and insurance.
  double ownership_cny() const { return capital_cny + energy_cost_cny + maintenance_cny + crew_cny + insurance_cny; }
  /// Each is NaN when its denominator is 0.
  double ownership_cny_per_km() const;
  double ownership_cny_per_tonne_km() const;
  double energy_cost_cny_per_km() const;
  double co2_well_to_wheel_kg_per_tonne_km() const;
  double co2_diesel_equivalent_kg_per_tonne_km() const;
  double energy_used_per_100km() const;
};

/// Tonnes each site had to move by the time of `last` ([site]; 0 for a site without work).
std::vector<double> tonnes_required(const models::SeriesCatalog& catalog, const models::Sample& last);

/// OperationsTotals by site and truck type ([site][type]) at the time of `last` (the final sample, with
/// cumulative series as totals since the start).
std::vector<std::vector<OperationsTotals>> operations_by_site_and_type(const models::ScenarioDesc& scenario,
                                                                       const models::SeriesCatalog& catalog,
                                                                       const models::Sample& last);
/// Summed over the sites: one per truck type.
std::vector<OperationsTotals> operations_by_type(const std::vector<std::vector<OperationsTotals>>& by_site_and_type);

}  // namespace truckflow::output
