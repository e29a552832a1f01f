// Formatting the headline table.
#include "headline_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace truckflow::app {

std::string format_figure(double value, const std::string& units) {
  char text[64];
  if (std::isnan(value)) return "-";
  if (units == "d") {
    std::snprintf(text, sizeof text, "%.2f", value);
  } else if (std::abs(value) < 1e15 && value == std::trunc(value)) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else if (std::abs(value) >= 1e6) {
    std::snprintf(text, sizeof text, "%.4g", value);
  } else if (std::abs(value) < 1.0) {
    std::snprintf(text, sizeof text, "%.3g", value);  // a share or a figure per tonne-km: 3 digits
  } else {
    std::snprintf(text, sizeof text, "%.2f", value);
  }
  return text;
}

std::vector<output::HeadlineRow> headline_rows(const std::vector<std::vector<output::HeadlineFigure>>& runs) {
  std::vector<output::HeadlineRow> rows;
  for (const std::vector<output::HeadlineFigure>& figures : runs) {
    if (rows.empty()) {
      for (const output::HeadlineFigure& f : figures) rows.push_back({f.name, f.units, f.long_name, {}});
    }
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r].values.push_back(figures.at(r).value);
  }
  return rows;
}

void print_headline_table(std::ostream& out, const std::vector<std::string>& columns,
                          const std::vector<output::HeadlineRow>& rows) {
  std::vector<std::string> labels;
  std::size_t label_width = 0;
  for (const output::HeadlineRow& row : rows) {
    labels.push_back(row.name + " [" + row.units + "]");
    label_width = std::max(label_width, labels.back().size());
  }
  std::size_t width = 0;
  for (const std::string& column : columns) width = std::max(width, column.size());
  for (const output::HeadlineRow& row : rows) {
    for (const double value : row.values) width = std::max(width, format_figure(value, row.units).size());
  }
  const auto pad_left = [](const std::string& text, std::size_t to) {
    return std::string(to > text.size() ? to - text.size() : 0, ' ') + text;
  };
  if (!columns.empty()) {
    out << "  " << std::string(label_width, ' ');
    for (const std::string& column : columns) out << "  " << pad_left(column, width);
    out << "\n";
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << "  " << labels[r] << std::string(label_width - labels[r].size(), ' ');
    for (const double value : rows[r].values) out << "  " << pad_left(format_figure(value, rows[r].units), width);
    out << "\n";
  }
}

}  // namespace truckflow::app
