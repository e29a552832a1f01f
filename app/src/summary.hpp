// The summary tables `truckflow run` prints: trucks by region and type, by region and year,
// factories, suppliers, upfitters, stages, and where trucks waited; then trucks at work and
// stations; then value-added, taxes and sharing.
#pragma once

#include <ostream>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/output/run_record.hpp"

namespace truckflow::app {

/// Writes the end-of-run summary of `last` (the final sample), `years` (the state at each year's
/// end, RunTotals::year_ends) and `waits` (RunTotals::stage_waits) for `scenario`, whose world
/// samples `series`.
void print_summary(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                   const models::Sample& last, const std::vector<output::YearEnd>& years,
                   const std::vector<output::StageWait>& waits);

/// Writes the operations' tables of `last`: trucks by activity, work, energy, cost and CO2 by truck
/// type, sites' tonnes against what they must move, and stations (operations_summary.cpp). Prints
/// nothing for a scenario in which no site works.
/// Writes the value tables of `last`: value-added recorded and credited and local tax by region,
/// the sharing rules' settlements and the money between regions (value_summary.cpp).
void print_value(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                 const models::Sample& last, const std::vector<models::RegionMoneyFlow>& flows);

void print_operations(std::ostream& out, const models::ScenarioDesc& scenario, const models::SeriesCatalog& series,
                      const models::Sample& last, const output::StationWaits& waits);

}  // namespace truckflow::app
