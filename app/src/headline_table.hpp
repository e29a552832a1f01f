// The headline figures as a table: one row per figure ("name [units]"), one column per run.
// `truckflow run` and `truckflow compare` print it after their runs, `truckflow inspect` from a
// results file.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "truckflow/output/inspect.hpp"
#include "truckflow/output/run_record.hpp"

namespace truckflow::app {

/// The table's rows from each run's headline figures (output::headline_figures; every run has the
/// same figures in the same order): one value per run in each row.
std::vector<output::HeadlineRow> headline_rows(const std::vector<std::vector<output::HeadlineFigure>>& runs);

/// `columns` heads the value columns (empty: no header line, for a single run).
void print_headline_table(std::ostream& out, const std::vector<std::string>& columns,
                          const std::vector<output::HeadlineRow>& rows);

/// A figure as the table shows it: "-" for NaN; durations (`units` "d") to 2 decimals; whole
/// numbers in full; others to 3 significant digits below 1 (shares, figures per tonne-km), 2
/// decimals up to a million, 4 significant digits from there.
std::string format_figure(double value, const std::string& units);

}  // namespace truckflow::app
