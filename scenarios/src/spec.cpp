// Helpers of the spec templates: ranges, defaults.
#include "spec.hpp"

#include <cmath>

namespace truckflow::scenarios::detail {

std::string format_default(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::string describe_range(const Range& range) {
  if (range.min && range.max) return "from " + format_default(*range.min) + " to " + format_default(*range.max);
  if (range.min) return (range.min_exclusive ? "> " : ">= ") + format_default(*range.min);
  if (range.max) return "<= " + format_default(*range.max);
  return "";
}

void range_schema(Json& schema, const Range& range) {
  if (range.min) schema.set(range.min_exclusive ? "exclusiveMinimum" : "minimum", *range.min);
  if (range.max) schema.set("maximum", *range.max);
}

}  // namespace truckflow::scenarios::detail
