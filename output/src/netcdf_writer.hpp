// Writes HDF5 files laid out as netCDF-4: coordinate variables are dimension scales attached to
// every variable that uses them, so xarray, netCDF-C (MATLAB ncread, R ncdf4), h5py and pandas all
// read named dimensions with no extra code. Internal to output/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "h5.hpp"

namespace truckflow::output {

/// CF attributes of a variable: `units` and `long_name` always; anything else (calendar,
/// standard_name, flag_meanings, ...) as extra text attributes, and integer lists (flag_values)
/// as 64-bit integer attributes.
struct Attributes {
  std::string units;
  std::string long_name;
  std::vector<std::pair<std::string, std::string>> extra = {};
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> integers = {};
};

class NetcdfWriter {
 public:
  /// Builds the file in memory; close() writes it to `path`. `interruption_check` (if any) is
  /// called before each dimension and variable is written, and may throw to abandon the file.
  explicit NetcdfWriter(std::string path, std::function<void()> interruption_check = {});

  /// A dimension with text labels (a vlen UTF-8 coordinate variable).
  void dimension(const std::string& name, const std::vector<std::string>& labels, const Attributes& attributes);
  /// A dimension with numeric coordinates (e.g. time).
  void dimension(const std::string& name, const std::vector<double>& values, const Attributes& attributes);
  /// A dimension with a length but no coordinate variable (e.g. the rows of an event table).
  void dimension(const std::string& name, std::size_t length);
  /// A dimension that grows as rows are appended (netCDF's unlimited dimension), with numeric
  /// coordinates appended by append(name, ...) like an appendable variable's.
  void unlimited_dimension(const std::string& name, const Attributes& attributes);
  /// An unlimited dimension without a coordinate variable (the rows of an event table kept as the
  /// run goes); its length is its variables' rows at close(). A file may have several.
  void unlimited_dimension(const std::string& name);

  /// A numeric variable whose first dimension is an unlimited one, filled by append(): chunked
  /// along that dimension (about 256 KiB a chunk), shuffled and deflated. Rows are kept until a
  /// chunk is full, then written, so memory holds at most one chunk a variable.
  void appendable(const std::string& name, const std::vector<std::string>& dimensions, bool integer,
                  const Attributes& attributes);
  /// Appends rows (each a value for every cell of the other dimensions) to an appendable variable
  /// or to an unlimited dimension's coordinates. Every variable along an unlimited dimension must
  /// have as many rows at close().
  void append(const std::string& name, std::span<const double> rows);
  void append(const std::string& name, std::span<const std::int64_t> rows);

  /// A variable over `dimensions` (C order; empty for a scalar), chunked, shuffled and deflated.
  void variable(const std::string& name, const std::vector<std::string>& dimensions, const std::vector<double>& data,
                const Attributes& attributes);
  void variable(const std::string& name, const std::vector<std::string>& dimensions,
                const std::vector<std::int64_t>& data, const Attributes& attributes);
  void variable(const std::string& name, const std::vector<std::string>& dimensions,
                const std::vector<std::string>& data, const Attributes& attributes);

  /// A global attribute.
  void attribute(const std::string& name, const std::string& value);
  void attribute(const std::string& name, std::int64_t value);
  void attribute(const std::string& name, double value);

  /// Finishes the file and writes it to the path given, created or truncated; throws
  /// `std::runtime_error` naming the file and the system's reason (a full disk, ...) if that fails.
  void close();

 private:
  struct Dimension {
    std::size_t length;
    h5::Dataset scale;
    bool unlimited = false;
  };
  /// A variable filled row by row along an unlimited dimension.
  struct Appendable {
    std::string along;     ///< the unlimited dimension
    h5::Dataset* dataset;  ///< owned here, or the unlimited dimension's scale
    h5::Dataset owned;
    bool integer = false;
    std::size_t row_values = 1;
    std::size_t chunk_rows = 1;
    std::size_t rows_written = 0;
    std::vector<std::int64_t> integers;  ///< rows not yet written
    std::vector<double> reals;
  };
  void append_rows(const std::string& name, const void* rows, std::size_t count, bool integer);
  void dimension_without_variable(const std::string& name, std::size_t length, bool unlimited);
  void flush(const std::string& name, Appendable& variable);
  h5::Dataset create(const std::string& name, const std::vector<std::string>& dimensions, hid_t file_type,
                     bool compress, std::size_t* chunk_rows = nullptr);
  /// Throws std::logic_error unless `count` values fill `dimensions`.
  void check_count(const std::string& name, const std::vector<std::string>& dimensions, std::size_t count) const;
  /// A numeric variable from `count` values at `data` (checked against the dimensions' sizes).
  void numeric(const std::string& name, const std::vector<std::string>& dimensions, const void* data, std::size_t count,
               hid_t file_type, hid_t memory_type, const Attributes& attributes);
  void attach(const h5::Dataset& variable, const std::vector<std::string>& dimensions);
  const Dimension& find(const std::string& dimension) const;

  std::string path_;
  std::function<void()> interruption_check_;
  h5::File file_;
  std::map<std::string, Dimension> dimensions_;
  std::map<std::string, Appendable> appendables_;
};

/// Writes `value` as a text attribute of `object`: fixed-length ASCII, or vlen UTF-8 when it is
/// not ASCII (as netCDF-C does).
void write_text_attribute(hid_t object, const std::string& name, const std::string& value);

}  // namespace truckflow::output
