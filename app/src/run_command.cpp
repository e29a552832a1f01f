// truckflow validate and truckflow run.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/results.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "headline_table.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "simulate.hpp"
#include "summary.hpp"

namespace truckflow::app {

namespace {

std::string count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// The full table (station visits or postings) that `e` is, or (a process that met it) was caused
/// by; null for anything else.
const output::TableFull* table_full(const std::exception& e) {
  if (const auto* full = dynamic_cast<const output::TableFull*>(&e)) return full;
  try {
    std::rethrow_if_nested(e);
  } catch (const std::exception& cause) {
    return table_full(cause);
  } catch (...) {
  }
  return nullptr;
}

}  // namespace

int validate_command(const ScenarioArguments& args) {
  const scenarios::LoadedScenario loaded = load_scenario(args, WarningLines::every_one);
  const models::ScenarioDesc& s = loaded.description;
  std::cerr << args.file << ": valid scenario '" << s.name << "': " << count(s.regions.size(), "region", "regions")
            << ", " << count(s.roads.size(), "road", "roads") << ", "
            << count(s.components.size(), "component", "components") << ", "
            << count(s.truck_types.size(), "truck type", "truck types") << ", "
            << count(s.suppliers.size(), "supplier", "suppliers") << ", "
            << count(s.factories.size(), "factory", "factories") << ", "
            << count(s.upfitters.size(), "upfitter", "upfitters") << ", " << count(s.sites.size(), "site", "sites")
            << ", " << count(s.stations.size(), "station", "stations") << ", "
            << count(s.energy_sources.size(), "energy source", "energy sources") << ", "
            << count(s.sharing_rules.size(), "sharing rule", "sharing rules") << "\n"
            << "A run orders at most " << loaded.work.trucks << " trucks, places at most "
            << loaded.work.component_orders << " component orders, keeps at most " << loaded.work.sampled_values
            << " sampled values and has " << loaded.work.supplier_days
            << " supplier-days (docs/scenario.md, \"What a run may cost\")\n";
  return exit_ok;
}

int run_command(const RunArguments& args, const std::string& command_line) {
  const scenarios::LoadedScenario loaded = load_scenario(args.scenario);
  if (args.output) check_output_path(*args.output);

  const auto started = std::chrono::steady_clock::now();
  models::World world(args.chain_only ? models::chain_only(loaded.description) : loaded.description);
  output::RunTotals totals(world.series());
  world.add_observer(totals);
  // The results file is written as the run goes (in memory, published at the end).
  std::optional<output::AtomicFile> file;
  std::optional<output::RunFileWriter> writer;
  if (args.output) {
    file.emplace(*args.output);
    writer.emplace(file->temporary_path(), world.description(), world.series(),
                   output::Provenance{command_line, args.scenario.file, loaded.resolved_yaml, version, git_revision},
                   throw_if_cancelled, args.station_visits ? std::optional(output::max_station_visits) : std::nullopt,
                   args.ledger ? std::optional(output::max_postings) : std::nullopt);
    world.add_observer(*writer);
    world.emit_postings(args.ledger);
  }
  Progress progress("run", args.progress);
  const engine::Epoch& epoch = world.simulation().epoch();
  try {
    simulate(world, [&](double fraction) {
      progress.update(fraction, engine::iso_date(epoch.date_of(world.simulation().now())),
                      world.simulation().events_processed());
    });
  } catch (const std::exception& e) {
    const output::TableFull* full = table_full(e);
    if (full == nullptr) throw;
    const bool visits = dynamic_cast<const output::TooManyStationVisits*>(full) != nullptr;
    throw std::runtime_error(std::string(full->what()) + " (" + (visits ? "--station-visits" : "--ledger") +
                             "); shorten the run (e.g. --set simulation.horizon_years=1) or leave out " +
                             (visits ? "--station-visits" : "--ledger") + "; nothing was written");
  }
  progress.finish();
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (writer) {
    if (args.progress.enabled) std::cerr << "run: writing " << *args.output << "\n";
    file->write_and_publish([&](const std::string& /*temporary_path*/) {
      writer->finish(totals);
      throw_if_cancelled();
    });
  }

  const models::ScenarioDesc& s = world.description();
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.2f s", wall_s);
  std::cout << "Scenario: " << s.name << "\n"
            << "Simulated " << epoch.iso_date() << " to " << engine::iso_date(epoch.date_of(world.end_time())) << " ("
            << count(static_cast<std::size_t>(s.simulation.horizon_years), "year", "years") << "), seed "
            << s.simulation.seed << ": " << world.simulation().events_processed() << " events in " << wall << "\n\n";
  std::cout << "Headline figures\n";
  print_headline_table(std::cout, {}, headline_rows({output::headline_figures(s, totals)}));
  std::cout << "\n";
  print_summary(std::cout, s, totals.catalog(), totals.last(), totals.year_ends(), totals.stage_waits(s));
  print_operations(std::cout, s, totals.catalog(), totals.last(), totals.station_waits());
  print_value(std::cout, s, totals.catalog(), totals.last(), totals.region_flows());
  std::cout << "Conservation: every law holds at the end of the run.\n";
  if (args.output) {
    std::cerr << "Results written to " << *args.output << " (" << std::filesystem::file_size(*args.output) / 1024
              << " KiB; open with xarray.open_dataset(\"" << *args.output << "\"))\n";
  } else {
    print_no_results_file();
  }
  return exit_ok;
}

}  // namespace truckflow::app
