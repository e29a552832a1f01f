// Reading back what is inside a results file: dimensions, variables with their units, global
// attributes and headline figures (for `truckflow inspect`).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace truckflow::output {

struct VariableInfo {
  std::string name;
  std::vector<std::string> dimensions;
  std::vector<std::size_t> shape;
  std::string units;
  std::string long_name;
  bool is_coordinate = false;
};

struct HeadlineRow {
  std::string name;
  std::string units;
  std::string long_name;
  std::vector<double> values;  ///< one per run (one value for a single run)
};

struct ResultsInfo {
  std::string kind;  ///< "run" or "compare"
  std::vector<std::pair<std::string, std::size_t>> dimensions;
  std::vector<VariableInfo> variables;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< global attributes, as text
  std::vector<std::string> runs;  ///< a comparison's runs: its rule sets or truck types (empty for a single run)
  std::vector<HeadlineRow> headline;
};

/// Reads `path`; throws `std::invalid_argument` if it is not a readable truckflow results file.
ResultsInfo inspect_results(const std::string& path);

}  // namespace truckflow::output
