// The scenario format: the spec of every object and key. Internal to scenarios/.
#pragma once

#include "truckflow/models/description.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "spec.hpp"

namespace truckflow::scenarios::detail {

using scenarios::max_plan_line_trucks;

/// The top-level object of a scenario file (after `extends` is resolved).
const ObjectSpec<models::ScenarioDesc>& scenario_spec();

}  // namespace truckflow::scenarios::detail
