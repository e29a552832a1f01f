// truckflow report: a results file as one self-contained HTML page.
#include <filesystem>
#include <iostream>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/report.hpp"

#include "build_info.hpp"
#include "commands.hpp"

namespace truckflow::app {

int report_command(const ReportArguments& args, const std::string& command_line) {
  const std::string path =
      args.output ? *args.output : std::filesystem::path(args.results).replace_extension(".html").string();
  output::ResultsInfo info;
  try {
    output::check_writable(path, output::OutputKind::report);
    info = output::inspect_results(args.results, output::Keep::values, output::report_skipped_dimensions);
  } catch (const std::invalid_argument& e) {
    throw BadInput(e.what());
  }
  const std::string html = output::report_html(output::report_data_json(info, {args.results, command_line, version}));
  output::AtomicFile file(path, output::OutputKind::report);
  file.write_and_publish([&](const std::string& temporary_path) { output::write_file(temporary_path, html); });
  std::cerr << "Report written to " << path << " (" << std::filesystem::file_size(path) / 1024
            << " KiB; open it in a browser, no network needed)\n";
  return exit_ok;
}

}  // namespace truckflow::app
