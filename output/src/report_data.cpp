// The data of a report: a results file as JSON, its time axis thinned.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

#include "truckflow/output/report.hpp"

namespace truckflow::output {

namespace {

using nlohmann::json;

/// `value` to 6 significant digits, as a whole number when it is one (shorter in the page).
json number(double value) {
  if (!std::isfinite(value)) return nullptr;
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  const double rounded = std::strtod(text, nullptr);
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) return static_cast<std::int64_t>(rounded);
  return rounded;
}

json attribute(const AttributeValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  const auto& numbers = std::get<std::vector<double>>(value);
  if (numbers.size() == 1) return number(numbers.front());
  json array = json::array();
  for (const double n : numbers) array.push_back(number(n));
  return array;
}

/// The samples along `time` a report keeps: every `stride`-th from the first, and the last.
std::vector<std::size_t> kept_times(std::size_t times, std::size_t stride) {
  std::vector<std::size_t> kept;
  for (std::size_t t = 0; t < times; t += stride) kept.push_back(t);
  if (times > 0 && kept.back() != times - 1) kept.push_back(times - 1);
  return kept;
}

bool is_flow(const VariableInfo& v) {
  for (const auto& [name, value] : v.attributes) {
    if (name == "truckflow_measure") return std::get_if<std::string>(&value) && std::get<std::string>(value) == "flow";
  }
  return false;
}

/// A variable along `time` at the kept samples: a level or a running total as sampled, a flow as
/// the sum since the previous kept sample.
json thinned(const VariableInfo& v, const std::vector<std::size_t>& kept) {
  std::size_t inner = 1;
  for (std::size_t k = 1; k < v.shape.size(); ++k) inner *= v.shape[k];
  const bool flow = is_flow(v);
  json values = json::array();
  std::size_t previous = 0;  // one past the previous kept sample
  for (const std::size_t t : kept) {
    for (std::size_t i = 0; i < inner; ++i) {
      if (!v.text.empty()) {
        values.push_back(v.text.at(t * inner + i));
        continue;
      }
      double value = v.numbers.at(t * inner + i);
      if (flow) {
        value = 0.0;
        for (std::size_t s = previous; s <= t; ++s) value += v.numbers.at(s * inner + i);
      }
      values.push_back(number(value));
    }
    previous = t + 1;
  }
  return values;
}

}  // namespace

std::string report_data_json(const ResultsInfo& info, const ReportProvenance& provenance, std::size_t max_times) {
  if (max_times == 0) throw std::invalid_argument("report_data_json: max_times is 0");
  std::size_t times = 0;
  json dimensions = json::object();
  for (const auto& [name, length] : info.dimensions) {
    dimensions[name] = length;
    if (name == "time") times = length;
  }
  const std::size_t stride = std::max<std::size_t>(1, (times + max_times - 1) / max_times);
  const std::vector<std::size_t> kept = kept_times(times, stride);

  json data;
  data["format"] = "truckflow-report-data/1";
  data["source"] = {{"path", provenance.results_path}, {"kind", info.kind}, {"time_stride", stride}};
  data["report"] = {{"truckflow_version", provenance.truckflow_version}, {"command_line", provenance.command_line}};
  json attributes = json::object();
  for (const auto& [name, value] : info.attributes) attributes[name] = value;
  data["attributes"] = std::move(attributes);
  if (times > 0) dimensions["time"] = kept.size();
  data["dimensions"] = std::move(dimensions);
  json variables = json::object();
  json omitted = json::object();
  for (const VariableInfo& v : info.variables) {
    const std::size_t count = v.numbers.size() + v.text.size();
    std::size_t declared = 1;
    for (const std::size_t n : v.shape) declared *= n;
    if (count != declared) {  // not kept: along a skipped dimension
      omitted[v.name] = "a table that can hold millions of rows (read it from the results file)";
      continue;
    }
    json variable;
    variable["dims"] = v.dimensions;
    json attrs = json::object();
    for (const auto& [name, value] : v.attributes) attrs[name] = attribute(value);
    variable["attributes"] = std::move(attrs);
    std::vector<std::size_t> shape = v.shape;
    if (!v.dimensions.empty() && v.dimensions.front() == "time" && times > 0) {
      shape.front() = kept.size();
      variable["values"] = thinned(v, kept);
    } else if (!v.text.empty()) {
      variable["values"] = v.text;
    } else {
      json values = json::array();
      for (const double n : v.numbers) values.push_back(number(n));
      variable["values"] = std::move(values);
    }
    variable["shape"] = shape;
    variables[v.name] = std::move(variable);
  }
  data["variables"] = std::move(variables);
  data["omitted"] = std::move(omitted);
  return data.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace truckflow::output
