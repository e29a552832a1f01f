// The summary table `truckflow run` prints: trucks by region and type, suppliers, factories.
#pragma once

#include <ostream>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"

namespace truckflow::app {

/// Writes the end-of-run summary of `last` (the final snapshot) for `scenario`.
void print_summary(std::ostream& out, const models::ScenarioDesc& scenario, const models::Snapshot& last);

}  // namespace truckflow::app
