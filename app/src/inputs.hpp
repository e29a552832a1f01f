// What every command reads before it works: the scenario (its warnings shown) and the results
// path (checked before a long run).
#pragma once

#include <optional>
#include <string>

#include "truckflow/scenarios/loader.hpp"

#include "commands.hpp"

namespace truckflow::app {

/// scenarios::load_scenario with the command's arguments; prints each warning to stderr as
/// "file:line:column: warning: ...".
scenarios::LoadedScenario load_scenario(const ScenarioArguments& args,
                                        const std::optional<std::string>& assign_plans_to = {});

/// output::check_writable, reporting a problem as BadInput.
void check_output_path(const std::string& path);

}  // namespace truckflow::app
