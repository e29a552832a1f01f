// What every command reads before it works: the scenario (its warnings shown) and the results
// path (checked before a long run; without one, the command says that nothing is kept).
#pragma once

#include <string>
#include <vector>

#include "truckflow/scenarios/loader.hpp"

#include "commands.hpp"

namespace truckflow::app {

/// The load options the command line gives.
scenarios::LoadOptions load_options(const ScenarioArguments& args);

/// scenarios::load_scenario with the command's arguments; prints each warning to stderr.
scenarios::LoadedScenario load_scenario(const ScenarioArguments& args);

/// Prints each warning to stderr as "file:line:column: warning: key.path: ...", except those
/// already in `shown`.
void print_warnings(const std::vector<scenarios::Diagnostic>& warnings,
                    const std::vector<scenarios::Diagnostic>& shown = {});

/// output::check_writable, reporting a problem as BadInput.
void check_output_path(const std::string& path);

/// Tells on stderr that a command given no -o wrote no results file, and how to keep one.
void print_no_results_file();

}  // namespace truckflow::app
