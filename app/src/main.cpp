// truckflow: the command line. Subcommands validate, run and schema.
// Exit codes: 0 success, 1 runtime failure, 2 bad input (command line or scenario).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "truckflow/engine/errors.hpp"
#include "truckflow/models/world.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "summary.hpp"

namespace {

using namespace truckflow;

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_bad_input = 2;

struct ScenarioArguments {
  std::string file;
  std::vector<std::string> overrides;
};

void add_scenario_arguments(CLI::App& command, ScenarioArguments& args) {
  command.add_option("FILE", args.file, "scenario file (YAML)")->required();
  command
      .add_option("--set", args.overrides,
                  "override a value, e.g. --set suppliers[catl_yibin].capacity_units_per_day=0 (repeatable)")
      ->type_name("KEY.PATH=VALUE")
      ->allow_extra_args(false);
}

int report(const scenarios::ScenarioError& error) {
  for (const scenarios::Diagnostic& d : error.diagnostics()) std::cerr << to_string(d) << "\n";
  const std::size_t n = error.diagnostics().size();
  std::cerr << n << (n == 1 ? " error" : " errors") << "; nothing was simulated\n";
  return exit_bad_input;
}

int validate(const ScenarioArguments& args) {
  const scenarios::LoadedScenario loaded = scenarios::load_scenario(args.file, {args.overrides, std::nullopt});
  const models::ScenarioDesc& s = loaded.description;
  std::cerr << args.file << ": valid scenario '" << s.name << "': " << s.regions.size() << " regions, "
            << s.roads.size() << " roads, " << s.components.size() << " components, " << s.truck_types.size()
            << " truck types, " << s.suppliers.size() << " suppliers, " << s.factories.size() << " factories, "
            << s.upfitters.size() << " upfitters, " << s.sites.size() << " sites\n";
  return exit_ok;
}

struct RunArguments {
  ScenarioArguments scenario;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
};

int run(const RunArguments& args) {
  const scenarios::LoadedScenario loaded =
      scenarios::load_scenario(args.scenario.file, {args.scenario.overrides, args.seed});
  const auto started = std::chrono::steady_clock::now();
  models::World world(loaded.description);
  world.run();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const models::ScenarioDesc& s = world.description();
  const engine::Epoch& epoch = world.simulation().epoch();
  std::cout << "Scenario: " << s.name << "\n"
            << "Simulated " << epoch.iso_date() << " to " << engine::iso_date(epoch.date_of(world.end_time())) << " ("
            << s.simulation.horizon_years << " years), seed " << s.simulation.seed << ": "
            << world.simulation().events_processed() << " events in " << wall_s << " s\n\n";
  truckflow::app::print_summary(std::cout, s, world.snapshot());
  std::cout << "\nConservation: every law holds at the end of the run.\n";
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"truckflow: discrete-event simulation of the new-energy heavy-truck chain across regions"};
  cli.set_version_flag("--version", std::string("truckflow ") + TRUCKFLOW_VERSION);
  cli.require_subcommand(1);
  cli.footer(
      "Exit codes: 0 success, 1 runtime failure, 2 bad input (command line or scenario).\n"
      "Run 'truckflow COMMAND --help' for a command's options. Scenario format: docs/scenario.md.");

  ScenarioArguments validate_args;
  CLI::App* validate_cmd = cli.add_subcommand("validate", "check a scenario file and report every problem in it");
  add_scenario_arguments(*validate_cmd, validate_args);

  RunArguments run_args;
  CLI::App* run_cmd = cli.add_subcommand("run", "simulate a scenario and print a summary");
  add_scenario_arguments(*run_cmd, run_args.scenario);
  run_cmd->add_option("--seed", run_args.seed, "master random seed (overrides simulation.seed)");
  run_cmd->add_flag("-q,--quiet", run_args.quiet, "print no progress");

  bool markdown = false;
  CLI::App* schema_cmd =
      cli.add_subcommand("schema", "print the JSON Schema of scenario files (or, with --markdown, the key reference)");
  schema_cmd->add_flag("--markdown", markdown, "print the key reference of docs/scenario.md instead");

  const auto is_command = [&](const char* word) {
    return word == validate_cmd->get_name() || word == run_cmd->get_name() || word == schema_cmd->get_name();
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::cerr << "truckflow: unknown command '" << argv[1] << "' (the commands are validate, run and schema; see "
              << "truckflow --help)\n";
    return exit_bad_input;
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? exit_ok : exit_bad_input;
  }

  try {
    if (validate_cmd->parsed()) return validate(validate_args);
    if (run_cmd->parsed()) return run(run_args);
    if (schema_cmd->parsed()) {
      std::cout << (markdown ? scenarios::key_reference_markdown() : scenarios::json_schema());
      return exit_ok;
    }
  } catch (const scenarios::ScenarioError& e) {
    return report(e);
  } catch (const engine::ProcessError& e) {
    std::cerr << "truckflow: error: " << e.what() << "\n";
    return exit_failure;
  } catch (const std::exception& e) {
    std::cerr << "truckflow: error: " << e.what() << "\n";
    return exit_failure;
  }
  return exit_failure;
}
