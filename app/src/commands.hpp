// The subcommands of `truckflow`. Each returns the process exit code; bad input throws
// scenarios::ScenarioError or BadInput (exit 2), a cancelled run throws Cancelled (the process then ends
// by that signal: exit status 130 for Ctrl-C, 143 for SIGTERM).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "progress.hpp"

namespace truckflow::app {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_bad_input = 2;

/// Bad input other than a scenario's (an option, a path): exit code 2.
class BadInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ScenarioArguments {
  std::string file;
  std::vector<std::string> overrides;
  std::optional<std::string> seed;  ///< as given: read like --set simulation.seed=TEXT
};

struct RunArguments {
  ScenarioArguments scenario;
  std::optional<std::string> output;
  bool chain_only = false;      ///< the chain only: delivered trucks do not work
  bool station_visits = false;  ///< the results file holds a row per station visit
  bool ledger = false;          ///< the results file holds a row per posting of the ledger
  ProgressOptions progress;
};

struct CompareArguments {
  ScenarioArguments scenario;
  std::optional<std::string> output;
  std::vector<std::string> types;  ///< empty: every truck type of the scenario
  std::vector<std::string> rules;  ///< rule sets ("a+b", "none") to compare instead of truck types
  unsigned jobs = 0;               ///< 0: one per core
  bool as_given = false;           ///< the chain as the scenario gives it, not sized for each type
  bool chain_only = false;         ///< the chain only: delivered trucks do not work
  ProgressOptions progress;
};

int validate_command(const ScenarioArguments& args);
int run_command(const RunArguments& args, const std::string& command_line);
int compare_command(const CompareArguments& args, const std::string& command_line);
int inspect_command(const std::string& file);

struct ExperimentArguments {
  std::string file;
  std::optional<std::string> output;
  unsigned jobs = 0;  ///< 0: one per core
  ProgressOptions progress;
};
int experiment_command(const ExperimentArguments& args, const std::string& command_line);

struct ReportArguments {
  std::string results;
  std::optional<std::string> output;  ///< default: the results file's name with .html
};
int report_command(const ReportArguments& args, const std::string& command_line);

}  // namespace truckflow::app
