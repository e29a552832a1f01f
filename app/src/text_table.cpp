// Number formats of the text tables.
#include "text_table.hpp"

#include <cmath>
#include <cstdio>

namespace truckflow::app {

std::string n(std::int64_t value) { return std::to_string(value); }

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string days(double value) { return fixed(value, 2); }

}  // namespace truckflow::app
