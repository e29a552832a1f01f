// truckflow report: a results file as one self-contained HTML page.
#include <filesystem>
#include <iostream>

#include "truckflow/output/report.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"

namespace truckflow::app {

int report_command(const ReportArguments& args, const std::string& command_line) {
  const std::string page =
      args.output ? *args.output : std::filesystem::path(args.results).replace_extension(".html").string();
  std::uintmax_t bytes = 0;
  try {
    bytes = output::write_report(args.results, page, command_line, version, throw_if_cancelled);
  } catch (const std::invalid_argument& e) {
    throw BadInput(e.what());
  }
  std::cerr << "Report written to " << page << " (" << bytes / 1024
            << " KiB; open it in a browser, no network needed)\n";
  return exit_ok;
}

}  // namespace truckflow::app
