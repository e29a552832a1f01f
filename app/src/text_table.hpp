// A text table for the terminal: label columns left-aligned, number columns right-aligned, units
// under the headers, columns sized to their contents; and the number formats the tables use.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace truckflow::app {

/// A text table: left-aligned label columns, then right-aligned number columns.
class Table {
 public:
  Table(std::vector<std::string> names, std::vector<std::string> units, std::size_t label_columns)
      : names_(std::move(names)), units_(std::move(units)), labels_(label_columns) {}

  void add(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  /// Prints the title, the headers, the units and the rows, then a blank line.
  void print(std::ostream& out, const std::string& title) const {
    std::vector<std::size_t> width(names_.size());
    for (std::size_t c = 0; c < names_.size(); ++c) {
      width[c] = std::max(names_[c].size(), units_[c].size());
      for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
    }
    out << title << "\n";
    print_row(out, names_, width);
    print_row(out, units_, width);
    for (const auto& row : rows_) print_row(out, row, width);
    out << "\n";
  }

 private:
  void print_row(std::ostream& out, const std::vector<std::string>& cells,
                 const std::vector<std::size_t>& width) const {
    std::string line = " ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - cells[c].size(), ' ');
      line += "  " + (c < labels_ ? cells[c] + pad : pad + cells[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }

  std::vector<std::string> names_;
  std::vector<std::string> units_;
  std::size_t labels_;
  std::vector<std::vector<std::string>> rows_;
};

/// A whole number.
std::string n(std::int64_t value);
/// With two decimals ("12.35"); "-" for NaN.
std::string days(double value);
/// With `decimals` decimals; "-" for NaN.
std::string fixed(double value, int decimals);

}  // namespace truckflow::app
