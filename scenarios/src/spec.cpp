// Helpers of the spec templates: ranges, defaults.
#include "spec.hpp"

#include <cmath>

namespace truckflow::scenarios::detail {

std::string format_default(double value) {
  char buffer[32];
  // Whole numbers in full (1000000, not 1e+06), up to the largest a scenario holds.
  if (value == std::floor(value) && std::fabs(value) < 1e16) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%g", value);
  }
  return buffer;
}

std::string describe_range(const Range& range) {
  if (range.min && range.max) {
    return (range.min_exclusive ? "above " : "from ") + format_default(*range.min) + " to " +
           format_default(*range.max);
  }
  if (range.min) return (range.min_exclusive ? "> " : ">= ") + format_default(*range.min);
  if (range.max) return "<= " + format_default(*range.max);
  return "";
}

Json typed_schema(const char* json_type, const Range& range) {
  Json schema = Json::object();
  schema.set("type", json_type);
  if (range.min) schema.set(range.min_exclusive ? "exclusiveMinimum" : "minimum", *range.min);
  if (range.max) schema.set("maximum", *range.max);
  return schema;
}

Json identifier_schema() {
  Json schema = typed_schema("string");
  schema.set("pattern", "^[a-z][a-z0-9_]*$");
  schema.set("maxLength", static_cast<int>(max_identifier_length));
  return schema;
}

}  // namespace truckflow::scenarios::detail
