// SeriesCatalog: dimensions and series, where each series' values sit in a sample.
#include "truckflow/models/series.hpp"

#include <algorithm>
#include <stdexcept>

namespace truckflow::models {

const char* to_string(Measure measure) {
  switch (measure) {
    case Measure::level:
      return "level";
    case Measure::cumulative:
      return "cumulative";
    case Measure::flow:
      return "flow";
  }
  return "?";
}

void SeriesCatalog::add_dimension(Dimension dimension) {
  const auto same = [&](const Dimension& d) { return d.name == dimension.name; };
  if (std::any_of(dimensions_.begin(), dimensions_.end(), same)) {
    throw std::logic_error("series catalog: dimension '" + dimension.name + "' declared twice");
  }
  for (const TextProperty& p : dimension.text_properties) {
    if (p.values.size() != dimension.labels.size()) {
      throw std::logic_error("series catalog: property '" + p.name + "' does not fit its dimension");
    }
  }
  for (const NumberProperty& p : dimension.number_properties) {
    if (p.values.size() != dimension.labels.size()) {
      throw std::logic_error("series catalog: property '" + p.name + "' does not fit its dimension");
    }
  }
  dimensions_.push_back(std::move(dimension));
}

const SeriesCatalog::Entry& SeriesCatalog::add_series(SeriesSpec spec) {
  const auto same = [&](const Entry& e) { return e.spec.name == spec.name; };
  if (std::any_of(series_.begin(), series_.end(), same)) {
    throw std::logic_error("series catalog: series '" + spec.name + "' declared twice");
  }
  Entry entry;
  entry.size = 1;
  for (const std::string& name : spec.dimensions) {
    const std::size_t length = dimension(name).labels.size();
    entry.shape.push_back(length);
    entry.size *= length;
  }
  std::size_t& used = spec.type == ValueType::count ? count_values_ : real_values_;
  entry.offset = used;
  used += entry.size;
  entry.spec = std::move(spec);
  series_.push_back(std::move(entry));
  return series_.back();
}

const Dimension& SeriesCatalog::dimension(std::string_view name) const {
  for (const Dimension& d : dimensions_) {
    if (d.name == name) return d;
  }
  throw std::out_of_range("series catalog: no dimension '" + std::string(name) + "'");
}

const SeriesCatalog::Entry& SeriesCatalog::find(std::string_view name) const {
  for (const Entry& e : series_) {
    if (e.spec.name == name) return e;
  }
  throw std::out_of_range("series catalog: no series '" + std::string(name) + "'");
}

Sample SeriesCatalog::blank(engine::Time time) const {
  return {time, std::vector<std::int64_t>(count_values_, 0), std::vector<double>(real_values_, 0.0)};
}

namespace {

template <typename T>
SeriesValues<T> values_of(const SeriesCatalog::Entry& e, const std::vector<T>& all, ValueType type) {
  if (e.spec.type != type) {
    throw std::logic_error("series catalog: series '" + e.spec.name + "' holds " +
                           (e.spec.type == ValueType::count ? "counts" : "real numbers"));
  }
  if (e.offset + e.size > all.size()) throw std::logic_error("series catalog: a sample of another catalog");
  return {std::span<const T>(all).subspan(e.offset, e.size), e.shape};
}

}  // namespace

SeriesValues<std::int64_t> SeriesCatalog::counts(const Sample& sample, std::string_view name) const {
  return values_of(find(name), sample.counts, ValueType::count);
}

SeriesValues<double> SeriesCatalog::reals(const Sample& sample, std::string_view name) const {
  return values_of(find(name), sample.reals, ValueType::real);
}

Sample SeriesCatalog::flows_since(const Sample& raw, const Sample* previous_raw) const {
  Sample out = raw;
  if (previous_raw == nullptr) return out;
  for (const Entry& e : series_) {
    if (e.spec.measure != Measure::flow) continue;
    for (std::size_t i = e.offset; i < e.offset + e.size; ++i) {
      if (e.spec.type == ValueType::count) {
        out.counts[i] -= previous_raw->counts[i];
      } else {
        out.reals[i] -= previous_raw->reals[i];
      }
    }
  }
  return out;
}

}  // namespace truckflow::models
