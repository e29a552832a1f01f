// Values that change over time (models/time_path.hpp) in a scenario file: a value by date, a
// value by time of day. The rule between points, for both: a value holds from its point until
// the next point (a step; nothing is interpolated). Internal to scenarios/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "truckflow/models/time_path.hpp"

#include "spec.hpp"

namespace truckflow::scenarios::detail {

/// The schema of a non-empty mapping whose keys match `key_pattern` and whose values match `values`.
inline Json keyed_schema(const char* key_pattern, Json values) {
  Json object = typed_schema("object");
  Json key = typed_schema("string");
  key.set("pattern", key_pattern);
  object.set("propertyNames", key);
  object.set("additionalProperties", std::move(values));
  object.set("minProperties", 1);
  return object;
}

/// A whole year from 1900 to 3000 written as a mapping key, or nullopt (reported).
std::optional<int> to_year_key(const Node& key, Context& context, const std::string& path);
/// A time of day written as a mapping key: a whole hour (0 to 23) or "HH:MM", or nullopt (reported).
std::optional<std::chrono::minutes> to_time_of_day_key(const Node& key, Context& context, const std::string& path);
/// "'a' and 'b'": the keys of a mapping.
std::string keys_of(const Node& map);
/// "YYYY-MM-DD".
std::string format_date(models::Date date);
/// Reports every value by date (in `context.path_starts`) whose first point is after `start`.
void check_path_starts(Context& context, models::Date start);

/// A value of `value` that changes by date, written as
///   a single value (the same at every date): `25`,
///   a mapping from years (a value holds from 1 January): `{2026: 25, 2028: 22}`,
///   or a list of points: `[{from: 2026-01-01, value: 25}, {from: 2027-07-01, value: 22}]`.
/// Dates (years) strictly increasing; the first on or before the run's start date (checked with
/// check_path_starts); each value holds until the next point.
template <typename V>
ValueSpec<models::TimePath<V>> by_date(ValueSpec<V> value) {
  using Path = models::TimePath<V>;
  ValueSpec<Path> spec;
  spec.type = value.type + " by date";
  spec.allowed = (value.allowed.empty() ? "" : value.allowed + "; ") +
                 "a value, {YEAR: value, ...} or [{from: YYYY-MM-DD, value: ...}, ...]; each holds until the next";
  const std::string expected = value.type + ", a mapping from years to " + value.type +
                               " or a list of {from: YYYY-MM-DD, value: " + value.type + "}";
  spec.decode = [value, expected](const Node& node, Context& context, const std::string& path) -> std::optional<Path> {
    std::vector<typename Path::Point> points;
    std::string first_path;
    bool ok = true;
    const auto add = [&](models::Date from, std::optional<V> v, const Node& where, const std::string& from_path) {
      if (!points.empty() && std::chrono::sys_days(from) <= std::chrono::sys_days(points.back().from)) {
        context.error(where, from_path,
                      "the points must be in increasing order of date: " + format_date(from) +
                          " is not after the point before (" + format_date(points.back().from) + ")");
        ok = false;
        return;
      }
      if (points.empty()) first_path = from_path;
      if (v) {
        points.push_back({from, std::move(*v)});
      } else {
        ok = false;
        points.push_back({from, V{}});  // keeps the order check going
      }
    };
    if (node.is_scalar()) {
      auto v = value.decode(node, context, path);
      if (!v) return std::nullopt;
      return Path(std::move(*v));
    }
    if (node.is_map() && !node.entries().empty()) {
      for (const auto& entry : node.entries()) {
        const std::string key_path = child_path(path, entry.first.text());
        context.remember(key_path, entry.first);
        const auto year = to_year_key(entry.first, context, key_path);
        auto v = value.decode(entry.second, context, key_path);
        if (!year) {
          ok = false;
          continue;
        }
        add(std::chrono::year(*year) / std::chrono::January / 1, std::move(v), entry.first, key_path);
      }
    } else if (node.is_sequence() && !node.items().empty()) {
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        const Node& item = node.items()[i];
        const std::string item_at = item_path(path, i);
        context.remember(item_at, item);
        const Node* from = item.is_map() ? item.find("from") : nullptr;
        const Node* v = item.is_map() ? item.find("value") : nullptr;
        if (from == nullptr || v == nullptr || item.entries().size() != 2) {
          context.error(item, item_at,
                        "expected a point {from: YYYY-MM-DD, value: " + value.type + "}, found " + item.describe() +
                            (item.is_map() ? " with keys " + keys_of(item) : ""));
          ok = false;
          continue;
        }
        const std::string from_path = child_path(item_at, "from");
        context.remember(from_path, *from);
        const auto date = to_date(*from, context, from_path);
        auto decoded = value.decode(*v, context, child_path(item_at, "value"));
        if (!date) {
          ok = false;
          continue;
        }
        add(*date, std::move(decoded), *from, from_path);
      }
    } else {
      context.error(node, path, "expected " + expected + ", found " + node.describe());
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
    context.path_starts.push_back({points.front().from, first_path});
    return Path(std::move(points));
  };
  spec.schema = [value] {
    const Json by_year = keyed_schema("^[0-9]{4}$", value.schema());
    Json point = typed_schema("object");
    Json properties = Json::object();
    Json date = typed_schema("string");
    date.set("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    properties.set("from", date);
    properties.set("value", value.schema());
    point.set("properties", properties);
    point.set("required", Json::Array{"from", "value"});
    point.set("additionalProperties", false);
    Json points = typed_schema("array");
    points.set("items", point);
    points.set("minItems", 1);
    Json s = Json::object();
    s.set("anyOf", Json::Array{value.schema(), by_year, points});
    return s;
  };
  return spec;
}

/// A value of `value` by time of day, the same every day, written as a single value (all day) or
/// a mapping from times of day (whole hours or "HH:MM", from 0 / "00:00", increasing) to values:
/// `{0: 0.3, 8: 1.0, "22:00": 0.3}`. Each value holds until the next time, the last until midnight.
template <typename V>
ValueSpec<models::DayProfile<V>> by_time_of_day(ValueSpec<V> value) {
  using Profile = models::DayProfile<V>;
  ValueSpec<Profile> spec;
  spec.type = value.type + " by time of day";
  spec.allowed = (value.allowed.empty() ? "" : value.allowed + "; ") +
                 "a value, or {HOUR or \"HH:MM\": value, ...} from 0; each holds until the next";
  const std::string expected = value.type + " or a mapping from times of day (0 to 23 or \"HH:MM\") to " + value.type;
  spec.decode = [value, expected](const Node& node, Context& context,
                                  const std::string& path) -> std::optional<Profile> {
    if (node.is_scalar()) {
      auto v = value.decode(node, context, path);
      if (!v) return std::nullopt;
      return Profile(std::move(*v));
    }
    if (!node.is_map() || node.entries().empty()) {
      context.error(node, path, "expected " + expected + ", found " + node.describe());
      return std::nullopt;
    }
    std::vector<typename Profile::Point> points;
    bool ok = true;
    for (const auto& entry : node.entries()) {
      const std::string key_path = child_path(path, entry.first.text());
      context.remember(key_path, entry.first);
      const auto time = to_time_of_day_key(entry.first, context, key_path);
      auto v = value.decode(entry.second, context, key_path);
      if (!time) {
        ok = false;
        continue;
      }
      if (points.empty() && *time != std::chrono::minutes{0}) {
        context.error(entry.first, key_path,
                      "the first time of day must be 0 (00:00), so that every time of day has a value; found '" +
                          entry.first.text() + "'");
        ok = false;
      } else if (!points.empty() && *time <= points.back().from) {
        context.error(entry.first, key_path,
                      "the times of day must increase: '" + entry.first.text() + "' is not after the time before");
        ok = false;
        continue;
      }
      points.push_back({*time, v ? std::move(*v) : V{}});
      ok = ok && v.has_value();
    }
    if (!ok) return std::nullopt;
    return Profile(std::move(points));
  };
  spec.schema = [value] {
    const Json by_time = keyed_schema("^([01]?[0-9]|2[0-3])(:[0-5][0-9])?$", value.schema());
    Json s = Json::object();
    s.set("anyOf", Json::Array{value.schema(), by_time});
    return s;
  };
  return spec;
}

}  // namespace truckflow::scenarios::detail
