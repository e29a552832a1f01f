// Checks across the whole decoded scenario: unique ids, references that resolve, plants that
// can be supplied, sites that can be served by road, plans inside the horizon. Internal.
#pragma once

#include "truckflow/models/description.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "context.hpp"

namespace truckflow::scenarios::detail {

/// Appends a diagnostic (located through `context`) for every problem found, and estimates what
/// a run will cost (meaningful when nothing was found).
WorkEstimate validate(const models::ScenarioDesc& scenario, Context& context);

}  // namespace truckflow::scenarios::detail
