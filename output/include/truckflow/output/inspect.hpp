// Reading back what is inside a results file: dimensions, variables with their units, global
// attributes and headline figures (for `truckflow inspect`).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace truckflow::output {

/// An attribute of a variable: text, or numbers (a scalar is one number).
using AttributeValue = std::variant<std::string, std::vector<double>>;

struct VariableInfo {
  std::string name;
  std::vector<std::string> dimensions;
  std::vector<std::size_t> shape;
  std::string units;
  std::string long_name;
  bool is_coordinate = false;
  // With Keep::values: every attribute but HDF5's own (dimension lists and names), and the values,
  // row-major (numbers, or text for a text variable).
  std::vector<std::pair<std::string, AttributeValue>> attributes;
  std::vector<double> numbers;
  std::vector<std::string> text;
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

/// What inspect_results keeps of the values it reads (it reads every one, to verify every
/// checksum): the headline figures only, or every variable's values and attributes as well, but for
/// those along the dimensions `skip` names (whose values are still read and checked).
enum class Keep { headline, values };

/// Reads `path`; throws `std::invalid_argument` if it is not a readable truckflow results file.
ResultsInfo inspect_results(const std::string& path, Keep keep = Keep::headline,
                            const std::vector<std::string>& skip = {});

}  // namespace truckflow::output
