// truckflow inspect: what is inside a results file, and its headline figures.
#include <algorithm>
#include <iostream>

#include "truckflow/output/inspect.hpp"

#include "commands.hpp"
#include "headline_table.hpp"

namespace truckflow::app {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

int inspect_command(const std::string& file) {
  output::ResultsInfo info;
  try {
    info = output::inspect_results(file);
  } catch (const std::invalid_argument& e) {
    throw BadInput(e.what());
  }
  const bool by_rules = std::any_of(info.attributes.begin(), info.attributes.end(),
                                    [](const auto& a) { return a.first == "compared_rule_sets"; });
  std::cout << file << ": truckflow "
            << (info.kind == "experiment" ? "experiment"
                : info.kind != "compare"  ? "run"
                : by_rules                ? "comparison of sharing-rule sets"
                                          : "comparison of truck types")
            << " results\n";
  for (const auto& [name, value] : info.attributes) {
    if (name == "scenario_name" || name == "start_date" || name == "horizon_years" || name == "random_seed" ||
        name == "truckflow_version" || name == "truckflow_git_revision" || name == "command_line" ||
        name == "experiment_name" || name == "design" || name == "sizing_key") {
      std::cout << "  " << name << ": " << value << "\n";
    }
  }
  std::cout << "\nDimensions\n";
  for (const auto& [name, length] : info.dimensions) std::cout << "  " << name << " = " << length << "\n";
  std::cout << "\nVariables\n";
  for (const output::VariableInfo& v : info.variables) {
    if (v.is_coordinate) continue;
    std::cout << "  " << v.name << "(" << join(v.dimensions) << ")";
    if (!v.units.empty()) std::cout << " [" << v.units << "]";
    std::cout << "  " << v.long_name << "\n";
  }
  if (!info.headline.empty()) {  // an experiment's file has its responses instead
    std::cout << "\nHeadline figures\n";
    print_headline_table(std::cout, info.runs, info.headline);
  }
  return exit_ok;
}

}  // namespace truckflow::app
