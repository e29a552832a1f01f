// The scenario format: the spec of every object and key. Internal to scenarios/.
#pragma once

#include "truckflow/models/description.hpp"

#include "spec.hpp"

namespace truckflow::scenarios::detail {

/// The most trucks one plan line may hold.
inline constexpr std::int64_t max_plan_line_trucks = 1'000'000;

/// The top-level object of a scenario file (after `extends` is resolved).
const ObjectSpec<models::ScenarioDesc>& scenario_spec();

}  // namespace truckflow::scenarios::detail
