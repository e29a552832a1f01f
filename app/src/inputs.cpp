// Loading the scenario and checking the results path for a command.
#include "inputs.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "truckflow/output/atomic_file.hpp"

#include "cancellation.hpp"

namespace truckflow::app {

scenarios::LoadedScenario load_scenario(const ScenarioArguments& args, WarningLines lines, bool keep_origins) {
  scenarios::LoadedScenario loaded = scenarios::load_scenario(args.file, {.overrides = args.overrides,
                                                                          .seed = args.seed,
                                                                          .keep_origins = keep_origins,
                                                                          .interruption_check = throw_if_cancelled});
  print_warnings(loaded.warnings, {}, lines);
  return loaded;
}

void print_warnings(const std::vector<scenarios::Diagnostic>& warnings, const std::vector<scenarios::Diagnostic>& shown,
                    WarningLines lines) {
  std::vector<scenarios::Diagnostic> fresh;
  for (const scenarios::Diagnostic& warning : warnings) {
    const std::string text = to_string(warning);
    const bool seen =
        std::any_of(shown.begin(), shown.end(), [&](const scenarios::Diagnostic& d) { return to_string(d) == text; });
    if (!seen) fresh.push_back(warning);
  }
  if (lines == WarningLines::every_one) {
    for (const scenarios::Diagnostic& warning : fresh) std::cerr << to_string(warning) << "\n";
  } else {
    for (const scenarios::DiagnosticGroup& group : group_by_kind(fresh)) std::cerr << to_string(group) << "\n";
  }
}

void check_output_path(const std::string& path) {
  try {
    output::check_writable(path);
  } catch (const std::invalid_argument& e) {
    throw BadInput(std::string("-o/--output: ") + e.what());
  }
}

void print_no_results_file() { std::cerr << "No results file written (use -o OUT.h5 to keep the results)\n"; }

}  // namespace truckflow::app
