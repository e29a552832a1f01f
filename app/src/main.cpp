// truckflow: the command line. Subcommands validate, run, compare, experiment, inspect, report and schema.
// Exit codes: 0 success, 1 runtime failure (a results file that cannot be written included), 2 bad
// input (command line, scenario, or a file inspect or report cannot read as results: damaged included), 130
// interrupted (Ctrl-C), 143 terminated (SIGTERM).
#include <CLI/CLI.hpp>
#include <cmath>
#include <csignal>
#include <iostream>
#include <string>

#include "truckflow/output/results.hpp"
#include "truckflow/scenarios/experiment.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "failure_report.hpp"

namespace {

using namespace truckflow;
using namespace truckflow::app;

void add_scenario_arguments(CLI::App& command, ScenarioArguments& args) {
  command.add_option("FILE", args.file, "scenario file (YAML)")->required();
  command
      .add_option("--set", args.overrides,
                  "override a value, e.g. --set 'suppliers[catl_yibin].capacity_units_per_day=0' (repeatable; quote "
                  "it, as the shell may expand [...])")
      ->type_name("KEY.PATH=VALUE")
      ->allow_extra_args(false);
  command.add_option("--seed", args.seed, "master random seed, the same as --set simulation.seed=N")->type_name("N");
}

/// Refuses NaN and infinities, which CLI::Range lets through (NaN compares false with any bound).
const CLI::Validator finite_number(
    [](std::string& text) {
      double value = 0;
      if (CLI::detail::lexical_cast(text, value) && !std::isfinite(value)) {
        return "expected a finite number, found " + text;
      }
      return std::string();
    },
    "");

/// -j/--jobs: how many runs at once (0, the default: one per core).
void add_jobs_option(CLI::App& command, unsigned& jobs) {
  command.add_option("-j,--jobs", jobs, "runs at once, 1 to 1024 (default: one per core)")
      ->check(CLI::Range(1U, 1024U))
      ->type_name("N");
}

void add_progress_options(CLI::App& command, ProgressOptions& progress) {
  command.add_flag_callback(
      "-q,--quiet", [&progress] { progress.enabled = false; }, "print no progress");
  command
      .add_option("--progress-every", progress.log_interval_s,
                  "when stderr is not a terminal, seconds between progress lines (default 2)")
      ->check(finite_number)
      ->check(CLI::Range(0.001, 86400.0))
      ->type_name("SECONDS");
}

std::string quoted_command_line(int argc, char** argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.find_first_of(" \t'\"[]{}*?$") != std::string::npos) arg = "'" + arg + "'";
    line += (i > 0 ? " " : "") + arg;
  }
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"truckflow: discrete-event simulation of the new-energy heavy-truck chain across regions"};
  cli.set_version_flag("--version", std::string("truckflow ") + version + " (git " + git_revision + ")");
  cli.require_subcommand(1);
  cli.footer(
      "Exit codes: 0 success, 1 runtime failure, 2 bad input (command line, scenario, or a results file\n"
      "inspect or report cannot read: damaged included), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).\n"
      "Run 'truckflow COMMAND --help' for a command's options. Scenario format: docs/scenario.md; "
      "results: docs/output.md.");

  ScenarioArguments validate_args;
  CLI::App* validate_cmd =
      cli.add_subcommand("validate", "check a scenario file and report every problem and warning in it");
  add_scenario_arguments(*validate_cmd, validate_args);

  RunArguments run_args;
  CLI::App* run_cmd = cli.add_subcommand("run", "simulate a scenario, print a summary and, with -o, write the results");
  add_scenario_arguments(*run_cmd, run_args.scenario);
  CLI::Option* run_output =
      run_cmd
          ->add_option("-o,--output", run_args.output,
                       "results file to write (HDF5, netCDF-4 layout); without -o no file is written, only the "
                       "summary is printed")
          ->type_name("OUT.h5");
  run_cmd
      ->add_flag("--station-visits", run_args.station_visits,
                 "also write a table of every station visit (dimension visit: arrival, truck, site, station, wait, "
                 "service, energy, cost): about 10 bytes a visit in the file and 20 in memory; at most " +
                     std::to_string(output::max_station_visits) +
                     " visits, or the run fails (exit 1). The default scenario's first 3 years have 2.4 million. "
                     "compare has no such table")
      ->needs(run_output);
  run_cmd
      ->add_flag(
          "--ledger", run_args.ledger,
          "also write a table of every posting of the ledger (dimension posting: time, kind, payer, payee, "
          "amount in fen, truck type, region): 2 to 3 bytes a posting in the file and about 4 in memory; at most " +
              std::to_string(output::max_postings) +
              " postings, or the run fails (exit 1). The default scenario has 52 million over its 8 years. "
              "compare has no such table")
      ->needs(run_output);
  run_cmd->add_flag("--chain-only", run_args.chain_only,
                    "simulate the chain only, from suppliers to delivered trucks: no site's work, stations or energy "
                    "(much faster, for what-ifs about production and delivery)");
  add_progress_options(*run_cmd, run_args.progress);

  CompareArguments compare_args;
  CLI::App* compare_cmd = cli.add_subcommand(
      "compare",
      "run a scenario once per truck type, the whole plan assigned to that type and the chain sized for it, and "
      "compare them");
  add_scenario_arguments(*compare_cmd, compare_args.scenario);
  compare_cmd
      ->add_option(
          "-o,--output", compare_args.output,
          "results file to write, with a truck_type dimension (rule_set with --rules) and no event tables (for "
          "a table of station visits: run --station-visits); without -o no file is written")
      ->type_name("OUT.h5");
  compare_cmd->add_option("--types", compare_args.types, "truck types to compare (default: every type)")
      ->type_name("TYPE,TYPE,...");
  compare_cmd
      ->add_option("--rules", compare_args.rules,
                   "compare sharing-rule sets instead of truck types: the scenario as given, once per set, with only "
                   "that set's rules active and the same random streams; a set is rule ids joined by '+', or 'none' "
                   "(e.g. --rules chengdu_panzhihua_tax,jjj_five_five_capped,none); prints each region's recorded and "
                   "credited value-added and local tax after transfers side by side")
      ->type_name("SET,SET,...");
  add_jobs_option(*compare_cmd, compare_args.jobs);
  compare_cmd->add_flag("--as-given", compare_args.as_given,
                        "keep the scenario's suppliers, lines and stations as they are (default: size them for each "
                        "type by one rule, printed above the table)");
  compare_cmd->add_flag("--chain-only", compare_args.chain_only,
                        "compare the chain only, from suppliers to delivered trucks: no site's work, stations or "
                        "energy");
  add_progress_options(*compare_cmd, compare_args.progress);

  std::string inspect_file;
  CLI::App* inspect_cmd = cli.add_subcommand("inspect", "show what is inside a results file and its headline figures");
  inspect_cmd->add_option("OUT.h5", inspect_file, "results file")->required();

  ExperimentArguments experiment_args;
  CLI::App* experiment_cmd = cli.add_subcommand(
      "experiment",
      "run an experiment file: every point of its design (factors set as --set would), each replicated with the "
      "same random streams at every point; prints each response's mean and 95% confidence interval by point "
      "(docs/experiment.md)");
  experiment_cmd->add_option("FILE", experiment_args.file, "experiment file (YAML)")->required();
  experiment_cmd
      ->add_option("-o,--output", experiment_args.output,
                   "results file to write, with point, replication and factor dimensions; without -o no file is "
                   "written")
      ->type_name("OUT.h5");
  add_jobs_option(*experiment_cmd, experiment_args.jobs);
  add_progress_options(*experiment_cmd, experiment_args.progress);

  ReportArguments report_args;
  CLI::App* report_cmd = cli.add_subcommand(
      "report",
      "write a results file (of run, compare or experiment) as one self-contained HTML page for a browser: maps, "
      "flows, charts over time and by type, side by side for a comparison, means and intervals for an experiment; "
      "scripts and data inline, so it opens offline "
      "(docs/report.md)");
  report_cmd->add_option("RESULTS.h5", report_args.results, "results file")->required();
  report_cmd
      ->add_option("-o,--output", report_args.output,
                   "page to write (default: the results file's name with .html); an existing file is replaced only "
                   "if it is a truckflow report")
      ->type_name("REPORT.html");

  bool markdown = false;
  bool results_reference = false;
  CLI::App* schema_cmd = cli.add_subcommand(
      "schema", "print the JSON Schema of scenario files (or the key reference, or the results variable reference)");
  CLI::Option* markdown_flag =
      schema_cmd->add_flag("--markdown", markdown, "print the scenario key reference of docs/scenario.md instead");
  schema_cmd
      ->add_flag("--results", results_reference,
                 "print the variable reference of results files (docs/output.md) instead")
      ->excludes(markdown_flag);
  bool experiment_schema = false;
  schema_cmd->add_flag("--experiment", experiment_schema,
                       "the same for experiment files: their JSON Schema, or with --markdown the key reference of "
                       "docs/experiment.md");

  const auto is_command = [&](const std::string& word) {
    for (const CLI::App* command :
         {validate_cmd, run_cmd, compare_cmd, experiment_cmd, inspect_cmd, report_cmd, schema_cmd}) {
      if (command->get_name() == word) return true;
    }
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::cerr << "truckflow: unknown command '" << argv[1]
              << "' (the commands are validate, run, compare, experiment, inspect, report and schema; see truckflow "
                 "--help)\n";
    return exit_bad_input;
  }
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? exit_ok : exit_bad_input;
  }

  const std::string command_line = quoted_command_line(argc, argv);
  try {
    // Only the long commands stop cleanly on Ctrl-C; the others end at once as usual.
    if (run_cmd->parsed() || compare_cmd->parsed() || experiment_cmd->parsed() || report_cmd->parsed()) {
      install_cancellation_handlers();
    }
    // A file-size limit (ulimit -f) then fails the write with EFBIG ("File too large"), reported
    // like a full disk, instead of killing the process with SIGXFSZ midway.
    std::signal(SIGXFSZ, SIG_IGN);
    if (validate_cmd->parsed()) return validate_command(validate_args);
    if (run_cmd->parsed()) return run_command(run_args, command_line);
    if (compare_cmd->parsed()) return compare_command(compare_args, command_line);
    if (experiment_cmd->parsed()) return experiment_command(experiment_args, command_line);
    if (inspect_cmd->parsed()) return inspect_command(inspect_file);
    if (report_cmd->parsed()) return report_command(report_args, command_line);
    if (schema_cmd->parsed()) {
      if (results_reference) {
        std::cout << output::results_reference_markdown();
      } else if (experiment_schema) {
        std::cout << (markdown ? scenarios::experiment_key_reference_markdown() : scenarios::experiment_json_schema());
      } else {
        std::cout << (markdown ? scenarios::key_reference_markdown() : scenarios::json_schema());
      }
      return exit_ok;
    }
  } catch (...) {
    return report_failure(std::current_exception());
  }
  return exit_failure;
}
