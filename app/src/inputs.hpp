// What every command reads before it works: the scenario (its warnings shown) and the results
// path (checked before a long run; without one, the command says that nothing is kept).
#pragma once

#include <string>
#include <vector>

#include "truckflow/scenarios/loader.hpp"

#include "commands.hpp"

namespace truckflow::app {

/// How warnings are shown: one line per kind ("... (and 84 more like it)", for `run` and
/// `compare`), or every one (for `validate`, which reports every problem).
enum class WarningLines { one_per_kind, every_one };

/// scenarios::load_scenario with the command's arguments; prints the warnings to stderr.
/// `keep_origins`: keep where each key came from (LoadOptions::keep_origins).
scenarios::LoadedScenario load_scenario(const ScenarioArguments& args, WarningLines lines = WarningLines::one_per_kind,
                                        bool keep_origins = false);

/// Prints the warnings to stderr as "file:line:column: warning: key.path: ...", except those
/// already in `shown`; with `one_per_kind`, the first of each kind stands for the others
/// (scenarios::group_by_kind).
void print_warnings(const std::vector<scenarios::Diagnostic>& warnings,
                    const std::vector<scenarios::Diagnostic>& shown = {},
                    WarningLines lines = WarningLines::one_per_kind);

/// output::check_writable, reporting a problem as BadInput.
void check_output_path(const std::string& path);

/// Tells on stderr that a command given no -o wrote no results file, and how to keep one.
void print_no_results_file();

}  // namespace truckflow::app
