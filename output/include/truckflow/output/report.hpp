// The report: a results file as one self-contained HTML page (ECharts, the page's script and style,
// and the file's data as JSON, all inline), for planners to open in any browser, offline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "truckflow/output/inspect.hpp"

namespace truckflow::output {

/// About how many samples along `time` a report keeps (see report_data_json: 200, and the last).
inline constexpr std::size_t report_max_times = 200;
/// The dimensions whose tables a report leaves out: they can hold millions of rows.
inline const std::vector<std::string> report_skipped_dimensions{"visit", "posting"};

/// Where the report came from, for its footer.
struct ReportProvenance {
  std::string results_path;
  std::string command_line;
  std::string truckflow_version;
};

/// The data of a report, as JSON (format "truckflow-report-data/1", docs/report.md): every global
/// attribute, and every variable of `info` (read with Keep::values) with its dimensions, shape,
/// attributes and values, numbers to 6 significant digits (NaN as null). Along `time`, one sample
/// in `stride` is kept, stride the smallest that keeps at most `max_times`, and the last sample; a flow
/// series (truckflow_measure "flow") keeps the sum of the samples since the last kept. Variables
/// along report_skipped_dimensions are listed under "omitted".
std::string report_data_json(const ResultsInfo& info, const ReportProvenance& provenance,
                             std::size_t max_times = report_max_times);

/// Writes the report of the results file `results` to `page`, atomically; returns its size in
/// bytes. Throws `std::invalid_argument` for a results file it cannot read or a page it will not
/// write (output::check_writable), `std::runtime_error` if the write fails.
/// `interruption_check` (if any) is called before the results are read and before the page is
/// published, and may throw to abandon it (the temporary file is then removed).
std::uintmax_t write_report(const std::string& results, const std::string& page, const std::string& command_line,
                            const std::string& truckflow_version, const std::function<void()>& interruption_check = {});

/// The report page: the page template with ECharts, the page's script and style, and `data_json`
/// inline. `data_json` may hold any text: "<" is escaped so that it cannot end its script element.
std::string report_html(const std::string& data_json);

}  // namespace truckflow::output
