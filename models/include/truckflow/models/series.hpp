// The series a world samples, declared once: each has a name (the same in code, results files and
// docs), its dimensions, units, meaning, value type and measure. The sampler, the results writers,
// the summary tables and docs/output.md all read this one catalog. Models declare their series
// next to the code that produces them (see CONTRIBUTING.md, "Adding a series").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "truckflow/engine/time.hpp"

namespace truckflow::models {

struct ScenarioDesc;

/// How a sampled value relates to time.
enum class Measure : std::uint8_t {
  level,       ///< the state at the sample's instant (a stock, a backlog, trucks in a stage)
  cumulative,  ///< the total since the start of the run, at the sample's instant
  flow,        ///< the total over the interval that ends at the sample (since the previous sample)
};
const char* to_string(Measure measure);

enum class ValueType : std::uint8_t {
  count,  ///< whole numbers (int64 in results files)
  real,   ///< real numbers (float64)
};

/// A text property of each entry of a dimension (a region's English name, a factory's region).
struct TextProperty {
  std::string name;  ///< the results variable, e.g. "region_name_en"
  std::string long_name;
  std::vector<std::string> values;  ///< one per label
};

/// A numeric property of each entry of a dimension (a truck type's price).
struct NumberProperty {
  std::string name;
  std::string units;
  std::string long_name;
  std::vector<double> values;  ///< one per label
};

/// A dimension of the sampled series: one of the scenario's lists (its ids label it) or a fixed
/// list (the stages of the chain).
struct Dimension {
  std::string name;       ///< "region", also the name of its coordinate variable
  std::string long_name;  ///< "region id"
  std::vector<std::string> labels;
  std::vector<TextProperty> text_properties = {};
  std::vector<NumberProperty> number_properties = {};
};

/// What a series is; `dimensions` come after time, in C order (the last varies fastest).
struct SeriesSpec {
  std::string name;
  std::vector<std::string> dimensions;
  std::string units;
  std::string long_name;
  Measure measure = Measure::level;
  ValueType type = ValueType::count;
};

/// Every series' values at one instant, each series a slice of `counts` or `reals`
/// (SeriesCatalog::counts and ::reals find them).
struct Sample {
  engine::Time time;
  std::vector<std::int64_t> counts;
  std::vector<double> reals;
};

/// A series' values in one sample, indexed by its dimensions.
template <typename T>
class SeriesValues {
 public:
  SeriesValues(std::span<const T> values, std::span<const std::size_t> shape) : values_(values), shape_(shape) {}
  std::span<const T> flat() const noexcept { return values_; }
  std::span<const std::size_t> shape() const noexcept { return shape_; }
  T operator()(std::size_t i) const { return values_[i]; }
  T operator()(std::size_t i, std::size_t j) const { return values_[i * shape_[1] + j]; }
  T operator()(std::size_t i, std::size_t j, std::size_t k) const {
    return values_[(i * shape_[1] + j) * shape_[2] + k];
  }
  /// The sum of every value.
  T total() const {
    T sum{};
    for (const T v : values_) sum += v;
    return sum;
  }
  /// For a 2-D series, the sum of row `i` (over the second dimension).
  T row_total(std::size_t i) const {
    T sum{};
    for (std::size_t j = 0; j < shape_[1]; ++j) sum += (*this)(i, j);
    return sum;
  }

 private:
  std::span<const T> values_;
  std::span<const std::size_t> shape_;
};

class SeriesCatalog {
 public:
  struct Entry {
    SeriesSpec spec;
    std::vector<std::size_t> shape;  ///< the size of each dimension
    std::size_t size = 0;            ///< values per sample (the product of `shape`)
    std::size_t offset = 0;          ///< where its values start in Sample::counts or ::reals
  };

  /// Adds a dimension; throws std::logic_error if one of that name exists.
  void add_dimension(Dimension dimension);
  /// Adds a series over known dimensions; throws std::logic_error on a repeated name or an
  /// unknown dimension. Returns its entry.
  const Entry& add_series(SeriesSpec spec);

  const std::vector<Dimension>& dimensions() const noexcept { return dimensions_; }
  const std::vector<Entry>& series() const noexcept { return series_; }
  /// Throws std::out_of_range naming `name` when there is no such dimension or series.
  const Dimension& dimension(std::string_view name) const;
  const Entry& find(std::string_view name) const;

  /// Values per sample, every series together.
  std::size_t values_per_sample() const noexcept { return count_values_ + real_values_; }
  /// An empty sample of the right sizes.
  Sample blank(engine::Time time) const;

  /// A series' values in `sample`; throws std::out_of_range for an unknown name and
  /// std::logic_error for a series of the other value type.
  SeriesValues<std::int64_t> counts(const Sample& sample, std::string_view name) const;
  SeriesValues<double> reals(const Sample& sample, std::string_view name) const;

  /// `raw` (flows as totals since the start) turned into what a sample reports: each flow series
  /// less its total in `previous_raw` (the whole total when there is no previous sample).
  Sample flows_since(const Sample& raw, const Sample* previous_raw) const;

 private:
  std::vector<Dimension> dimensions_;
  std::vector<Entry> series_;
  std::size_t count_values_ = 0;
  std::size_t real_values_ = 0;
};

/// The catalog of the series a world built from `description` samples (dimensions sized and
/// labelled by its lists). Needs no world: `validate` prices a run's samples with it, and
/// `truckflow schema --results` documents it (from an empty description).
SeriesCatalog series_catalog(const ScenarioDesc& description);

}  // namespace truckflow::models
