// Loading the scenario and checking the results path for a command.
#include "inputs.hpp"

#include <iostream>
#include <stdexcept>

#include "truckflow/output/atomic_file.hpp"

namespace truckflow::app {

scenarios::LoadedScenario load_scenario(const ScenarioArguments& args,
                                        const std::optional<std::string>& assign_plans_to) {
  scenarios::LoadedScenario loaded = scenarios::load_scenario(
      args.file, {.overrides = args.overrides, .seed = args.seed, .assign_plans_to = assign_plans_to});
  for (const scenarios::Diagnostic& warning : loaded.warnings) std::cerr << to_string(warning) << "\n";
  return loaded;
}

void check_output_path(const std::string& path) {
  try {
    output::check_writable(path);
  } catch (const std::invalid_argument& e) {
    throw BadInput(e.what());
  }
}

}  // namespace truckflow::app
