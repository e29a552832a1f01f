// truckflow validate and truckflow run.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/results.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "simulate.hpp"
#include "summary.hpp"

namespace truckflow::app {

void check_output_path(const std::string& path) {
  try {
    output::check_writable(path);
  } catch (const std::invalid_argument& e) {
    throw BadInput(e.what());
  }
}

int validate_command(const ScenarioArguments& args) {
  const scenarios::LoadedScenario loaded =
      scenarios::load_scenario(args.file, {.overrides = args.overrides, .seed = args.seed});
  const models::ScenarioDesc& s = loaded.description;
  std::cerr << args.file << ": valid scenario '" << s.name << "': " << s.regions.size() << " regions, "
            << s.roads.size() << " roads, " << s.components.size() << " components, " << s.truck_types.size()
            << " truck types, " << s.suppliers.size() << " suppliers, " << s.factories.size() << " factories, "
            << s.upfitters.size() << " upfitters, " << s.sites.size() << " sites\n";
  return exit_ok;
}

int run_command(const RunArguments& args, const std::string& command_line) {
  const scenarios::LoadedScenario loaded =
      scenarios::load_scenario(args.scenario.file, {.overrides = args.scenario.overrides, .seed = args.scenario.seed});
  if (args.output) check_output_path(*args.output);

  const auto started = std::chrono::steady_clock::now();
  models::World world(loaded.description);
  output::RunRecorder recorder;
  world.add_observer(recorder);
  Progress progress("run", !args.quiet);
  const engine::Epoch& epoch = world.simulation().epoch();
  simulate(world, [&](double fraction) {
    progress.update(fraction, engine::iso_date(epoch.date_of(world.simulation().now())),
                    world.simulation().events_processed());
  });
  progress.finish();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (args.output) {
    output::AtomicFile file(*args.output);
    output::write_run_results(file.temporary_path(), world.description(), recorder,
                              {command_line, args.scenario.file, loaded.resolved_yaml, version, git_revision});
    throw_if_cancelled();
    file.publish();
  }

  const models::ScenarioDesc& s = world.description();
  std::cout << "Scenario: " << s.name << "\n"
            << "Simulated " << epoch.iso_date() << " to " << engine::iso_date(epoch.date_of(world.end_time())) << " ("
            << s.simulation.horizon_years << " years), seed " << s.simulation.seed << ": "
            << world.simulation().events_processed() << " events in " << wall_s << " s\n\n";
  print_summary(std::cout, s, world.snapshot());
  std::cout << "Conservation: every law holds at the end of the run.\n";
  if (args.output) {
    std::cerr << "Results written to " << *args.output << " (" << std::filesystem::file_size(*args.output) / 1024
              << " KiB; open with xarray.open_dataset(\"" << *args.output << "\"))\n";
  }
  return exit_ok;
}

}  // namespace truckflow::app
