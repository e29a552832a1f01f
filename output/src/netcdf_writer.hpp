// Writes HDF5 files laid out as netCDF-4: coordinate variables are dimension scales attached to
// every variable that uses them, so xarray, netCDF-C (MATLAB ncread, R ncdf4), h5py and pandas all
// read named dimensions with no extra code. Internal to output/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "h5.hpp"

namespace truckflow::output {

/// CF attributes of a variable: `units` and `long_name` always; anything else (calendar,
/// standard_name, flag_meanings, ...) as extra text attributes.
struct Attributes {
  std::string units;
  std::string long_name;
  std::vector<std::pair<std::string, std::string>> extra;
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
  };
  h5::Dataset create(const std::string& name, const std::vector<std::string>& dimensions, hid_t file_type,
                     bool compress);
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
};

/// Writes `value` as a text attribute of `object`: fixed-length ASCII, or vlen UTF-8 when it is
/// not ASCII (as netCDF-C does).
void write_text_attribute(hid_t object, const std::string& name, const std::string& value);

}  // namespace truckflow::output
