// The headline figures as a table: one row per figure ("name [units]"), one column per run.
// `truckflow compare` prints it after its runs, `truckflow inspect` from a results file.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "truckflow/output/inspect.hpp"

namespace truckflow::app {

/// `columns` heads the value columns (empty: no header line, for a single run).
void print_headline_table(std::ostream& out, const std::vector<std::string>& columns,
                          const std::vector<output::HeadlineRow>& rows);

/// A figure as the table shows it: "-" for NaN, whole numbers in full, others to 2 decimals
/// (4 significant digits from a million up).
std::string format_figure(double value);

}  // namespace truckflow::app
