// Keys of values that change over time: years, times of day; where paths start.
#include "time_spec.hpp"

#include <cstdio>

namespace truckflow::scenarios::detail {

namespace {

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<int> to_year_key(const Node& key, Context& context, const std::string& path) {
  const std::string& text = key.text();
  if (text.size() != 4 || !all_digits(text) || std::stoi(text) < 1900 || std::stoi(text) > 3000) {
    context.error(key, path, "expected a year from 1900 to 3000 as the key, found '" + text + "'");
    return std::nullopt;
  }
  return std::stoi(text);
}

std::optional<std::chrono::minutes> to_time_of_day_key(const Node& key, Context& context, const std::string& path) {
  const std::string& text = key.text();
  int hours = -1;
  int minutes = 0;
  // H, HH, H:MM or HH:MM.
  const std::size_t colon = text.find(':');
  const std::string hour_text = text.substr(0, colon);
  const std::string minute_text = colon == std::string::npos ? "00" : text.substr(colon + 1);
  if (all_digits(hour_text) && hour_text.size() <= 2 && all_digits(minute_text) && minute_text.size() == 2) {
    hours = std::stoi(hour_text);
    minutes = std::stoi(minute_text);
  }
  if (hours < 0 || hours > 23 || minutes > 59) {
    context.error(key, path,
                  "expected a time of day as the key: a whole hour from 0 to 23 or \"HH:MM\", found '" + text + "'");
    return std::nullopt;
  }
  return std::chrono::minutes{hours * 60 + minutes};
}

std::string keys_of(const Node& map) {
  std::vector<std::string> keys;
  for (const auto& entry : map.entries()) keys.push_back(entry.first.text());
  return quoted_list(keys, " and ");
}

std::string format_date(models::Date date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

void check_path_starts(Context& context, models::Date start) {
  for (const PathStart& path : context.path_starts) {
    if (std::chrono::sys_days(path.first) > std::chrono::sys_days(start)) {
      context.error_at(path.path, "the first point (" + format_date(path.first) + ") is after the run starts (" +
                                      format_date(start) + "): give the value from the start date");
    }
  }
}

}  // namespace truckflow::scenarios::detail
