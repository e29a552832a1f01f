// The report page: the template from output/report/ with ECharts, the page's script and style and
// the data put in its placeholders (all embedded at build time, cmake/embed_file.cmake), written
// atomically.
#include <algorithm>
#include <array>
#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/report.hpp"

#include "files.hpp"

namespace truckflow::output {

namespace assets {
extern const std::string_view report_template, report_script, report_style, echarts;
}  // namespace assets

namespace {

/// `text` with every "</" written "<\/", so that it cannot end the script element it is put in (in
/// JavaScript and JSON strings alike, "\/" is "/"; neither has "</" outside a string).
std::string in_script(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t from = 0;
  for (std::size_t at = text.find("</"); at != std::string_view::npos; at = text.find("</", from)) {
    out.append(text.substr(from, at - from)).append("<\\/");
    from = at + 2;
  }
  out.append(text.substr(from));
  return out;
}

/// `json` with every "<" written "\u003c" (the same character in a JSON string; JSON has no "<"
/// outside strings), so that neither "</script" nor "<!--" can change how its script element is read.
std::string in_data_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 64);
  for (const char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string report_html(const std::string& data_json) {
  const std::string_view page = assets::report_template;
  if (page.find(report_marker) == std::string_view::npos) {
    throw std::logic_error("the report template lacks its generator mark (a bug in truckflow)");
  }
  struct Slot {
    std::string_view placeholder;
    std::string content;
    std::size_t at = std::string_view::npos;
  };
  std::array<Slot, 4> slots{{{"/*TRUCKFLOW_ECHARTS*/", in_script(assets::echarts)},
                             {"/*TRUCKFLOW_REPORT_JS*/", in_script(assets::report_script)},
                             {"/*TRUCKFLOW_REPORT_CSS*/", std::string(assets::report_style)},
                             {"__TRUCKFLOW_DATA__", in_data_script(data_json)}}};
  for (Slot& slot : slots) {
    slot.at = page.find(slot.placeholder);
    if (slot.at == std::string_view::npos || page.find(slot.placeholder, slot.at + 1) != std::string_view::npos) {
      throw std::logic_error("the report template must hold " + std::string(slot.placeholder) +
                             " once (a bug in truckflow)");
    }
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.at < b.at; });
  std::string html;
  std::size_t from = 0;
  for (const Slot& slot : slots) {
    html.append(page.substr(from, slot.at - from)).append(slot.content);
    from = slot.at + slot.placeholder.size();
  }
  html.append(page.substr(from));
  return html;
}

std::uintmax_t write_report(const std::string& results, const std::string& page, const std::string& command_line,
                            const std::string& truckflow_version, const std::function<void()>& interruption_check) {
  const auto check = [&] {
    if (interruption_check) interruption_check();
  };
  check_writable(page, OutputKind::report);
  check();
  const ResultsInfo info = inspect_results(results, Keep::values, report_skipped_dimensions);
  const std::string html = report_html(report_data_json(info, {results, command_line, truckflow_version}));
  AtomicFile file(page, OutputKind::report);
  file.write_and_publish([&](const std::string& temporary_path) {
    detail::write_file(temporary_path, html);
    check();
  });
  return std::filesystem::file_size(page);
}

}  // namespace truckflow::output
