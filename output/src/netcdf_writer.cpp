// NetcdfWriter: datasets, dimension scales and attributes as netCDF-4 lays them out.
#include "netcdf_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <optional>

#include "files.hpp"
#include "superblock.hpp"

namespace truckflow::output {

namespace {

constexpr unsigned creation_order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
constexpr std::size_t target_chunk_bytes = std::size_t{256} * 1024;
constexpr std::size_t memory_increment_bytes = std::size_t{1} << 20;
// Links and attributes stay in their object header, which is checksummed, instead of moving to
// "dense" storage in a fractal heap, whose blocks HDF5 does not checksum.
constexpr unsigned max_compact = 65535;
// Half the entries of a chunk index node (HDF5's default 32 makes ~3 KiB nodes, mostly unused:
// most variables have one chunk).
constexpr unsigned chunk_index_k = 2;

bool is_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

h5::Datatype utf8_string_type() {
  h5::Datatype type(H5Tcopy(H5T_C_S1), "copy the string type");
  h5::check_status(H5Tset_size(type, H5T_VARIABLE), "make a variable-length string type");
  h5::check_status(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8 on the string type");
  return type;
}

template <typename T>
void write_scalar_attribute(hid_t object, const std::string& name, hid_t type, const T& value) {
  h5::Dataspace space(H5Screate(H5S_SCALAR), "create a scalar dataspace");
  h5::Attribute attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                          "create attribute '" + name + "'");
  h5::check_status(H5Awrite(attribute, type, &value), "write attribute '" + name + "'");
}

void write_attributes(hid_t object, const Attributes& attributes, bool numeric) {
  // CF: a flag variable (categorical codes) has no units; every other number has them.
  const bool flags = std::any_of(attributes.integers.begin(), attributes.integers.end(),
                                 [](const auto& attribute) { return attribute.first == "flag_values"; });
  if ((numeric && !flags) || !attributes.units.empty()) write_text_attribute(object, "units", attributes.units);
  write_text_attribute(object, "long_name", attributes.long_name);
  for (const auto& [key, value] : attributes.extra) write_text_attribute(object, key, value);
  for (const auto& [key, values] : attributes.integers) {
    const hsize_t length = std::max<std::size_t>(1, values.size());
    h5::Dataspace space(H5Screate_simple(1, &length, nullptr), "create the dataspace of attribute '" + key + "'");
    h5::Attribute attribute(H5Acreate2(object, key.c_str(), H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT),
                            "create attribute '" + key + "'");
    const std::vector<std::int64_t> written = values.empty() ? std::vector<std::int64_t>{0} : values;
    h5::check_status(H5Awrite(attribute, H5T_NATIVE_INT64, written.data()), "write attribute '" + key + "'");
  }
}

}  // namespace

void write_text_attribute(hid_t object, const std::string& name, const std::string& value) {
  if (is_ascii(value)) {
    h5::Datatype type(H5Tcopy(H5T_C_S1), "copy the string type");
    h5::check_status(H5Tset_size(type, std::max<std::size_t>(1, value.size())), "size a string type");
    h5::check_status(H5Tset_strpad(type, H5T_STR_NULLTERM), "pad a string type");
    h5::Dataspace space(H5Screate(H5S_SCALAR), "create a scalar dataspace");
    h5::Attribute attribute(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                            "create attribute '" + name + "'");
    h5::check_status(H5Awrite(attribute, type, value.c_str()), "write attribute '" + name + "'");
  } else {
    const h5::Datatype type = utf8_string_type();
    const char* text = value.c_str();
    write_scalar_attribute(object, name, type, text);
  }
}

NetcdfWriter::NetcdfWriter(std::string path, std::function<void()> interruption_check)
    : path_(std::move(path)), interruption_check_(std::move(interruption_check)) {
  h5::silence_errors();
  h5::PropertyList create_list(H5Pcreate(H5P_FILE_CREATE), "make a file-creation property list");
  h5::check_status(H5Pset_link_creation_order(create_list, creation_order), "track creation order");
  h5::check_status(H5Pset_attr_creation_order(create_list, creation_order), "track attribute order");
  h5::check_status(H5Pset_link_phase_change(create_list, max_compact, max_compact), "keep the links compact");
  h5::check_status(H5Pset_attr_phase_change(create_list, max_compact, max_compact), "keep the attributes compact");
  h5::check_status(H5Pset_istore_k(create_list, chunk_index_k), "size the chunk index");
  h5::PropertyList access_list(H5Pcreate(H5P_FILE_ACCESS), "make a file-access property list");
  // The HDF5 1.8 format (superblock version 2, version 2 object headers) checksums all metadata;
  // HDF5 1.8 and later, so netCDF-C 4.x, read it.
  h5::check_status(H5Pset_libver_bounds(access_list, H5F_LIBVER_V18, H5F_LIBVER_V18), "set library bounds");
  // Built in memory and written out by close(): HDF5 then never meets a failing write. (HDF5 1.10
  // crashes at exit after a failed H5Fclose, which a full disk causes.)
  h5::check_status(H5Pset_fapl_core(access_list, memory_increment_bytes, false), "build the file in memory");
  file_ = h5::File(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, create_list, access_list), "create '" + path_ + "'");
}

const NetcdfWriter::Dimension& NetcdfWriter::find(const std::string& dimension) const {
  const auto it = dimensions_.find(dimension);
  if (it == dimensions_.end()) throw std::logic_error("results file: unknown dimension '" + dimension + "'");
  return it->second;
}

h5::Dataset NetcdfWriter::create(const std::string& name, const std::vector<std::string>& dimensions, hid_t file_type,
                                 bool compress, std::size_t* chunk_rows) {
  if (interruption_check_) interruption_check_();
  std::vector<hsize_t> shape;
  for (const std::string& d : dimensions) shape.push_back(find(d).length);
  // Along the unlimited dimension a variable starts empty and grows (it can only be first).
  const bool grows = !dimensions.empty() && find(dimensions.front()).unlimited;
  std::vector<hsize_t> max_shape = shape;
  if (grows) {
    shape.front() = 0;
    max_shape.front() = H5S_UNLIMITED;
  }
  const hsize_t inner_cells =
      std::accumulate(shape.begin() + (shape.empty() ? 0 : 1), shape.end(), hsize_t{1}, std::multiplies<>());
  const hsize_t total =
      grows ? inner_cells : std::accumulate(shape.begin(), shape.end(), hsize_t{1}, std::multiplies<>());
  h5::Dataspace space(shape.empty() ? H5Screate(H5S_SCALAR)
                                    : H5Screate_simple(static_cast<int>(shape.size()), shape.data(), max_shape.data()),
                      "create the dataspace of '" + name + "'");
  h5::PropertyList create_list(H5Pcreate(H5P_DATASET_CREATE), "make a dataset-creation property list");
  h5::check_status(H5Pset_attr_creation_order(create_list, creation_order), "track attribute order");
  h5::check_status(H5Pset_attr_phase_change(create_list, max_compact, max_compact), "keep the attributes compact");
  // HDF5 filters no variable-length data, and a scalar cannot be chunked: those stay contiguous,
  // without checksums (R's ncdf4 refuses compact datasets, which the object header's checksum
  // would cover).
  if (!shape.empty() && total > 0 && H5Tis_variable_str(file_type) <= 0) {
    // Whole inner dimensions, and as many steps of the first as fit in about 256 KiB.
    std::vector<hsize_t> chunk = shape;
    const hsize_t inner = inner_cells;
    chunk[0] = grows ? std::max<hsize_t>(target_chunk_bytes / (8 * inner), 1)
                     : std::clamp<hsize_t>(target_chunk_bytes / (8 * inner), 1, shape[0]);
    if (chunk_rows != nullptr) *chunk_rows = static_cast<std::size_t>(chunk[0]);
    h5::check_status(H5Pset_chunk(create_list, static_cast<int>(chunk.size()), chunk.data()), "chunk '" + name + "'");
    if (compress) {
      h5::check_status(H5Pset_shuffle(create_list), "shuffle '" + name + "'");
      h5::check_status(H5Pset_deflate(create_list, 4), "deflate '" + name + "'");
    }
    // Last, so a damaged chunk is caught before it is inflated.
    h5::check_status(H5Pset_fletcher32(create_list), "checksum '" + name + "'");
  }
  return h5::Dataset(H5Dcreate2(file_, name.c_str(), file_type, space, H5P_DEFAULT, create_list, H5P_DEFAULT),
                     "create dataset '" + name + "'");
}

void NetcdfWriter::attach(const h5::Dataset& variable, const std::vector<std::string>& dimensions) {
  for (std::size_t axis = 0; axis < dimensions.size(); ++axis) {
    h5::check_status(H5DSattach_scale(variable, find(dimensions[axis]).scale, static_cast<unsigned>(axis)),
                     "attach dimension '" + dimensions[axis] + "'");
  }
}

void NetcdfWriter::dimension(const std::string& name, const std::vector<std::string>& labels,
                             const Attributes& attributes) {
  dimensions_.emplace(name, Dimension{labels.size(), {}});
  variable(name, {name}, labels, attributes);
  Dimension& dimension = dimensions_.at(name);
  dimension.scale = h5::Dataset(H5Dopen2(file_, name.c_str(), H5P_DEFAULT), "reopen '" + name + "'");
  h5::check_status(H5DSset_scale(dimension.scale, name.c_str()), "make '" + name + "' a dimension scale");
}

void NetcdfWriter::dimension(const std::string& name, const std::vector<double>& values, const Attributes& attributes) {
  dimensions_.emplace(name, Dimension{values.size(), {}});
  h5::Dataset dataset = create(name, {name}, H5T_IEEE_F64LE, false);
  if (!values.empty()) {
    h5::check_status(H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     "write '" + name + "'");
  }
  write_attributes(dataset, attributes, true);
  h5::check_status(H5DSset_scale(dataset, name.c_str()), "make '" + name + "' a dimension scale");
  dimensions_.at(name).scale = std::move(dataset);
}

void NetcdfWriter::dimension(const std::string& name, std::size_t length) {
  dimension_without_variable(name, length, false);
}

void NetcdfWriter::unlimited_dimension(const std::string& name) { dimension_without_variable(name, 0, true); }

void NetcdfWriter::dimension_without_variable(const std::string& name, std::size_t length, bool unlimited) {
  dimensions_.emplace(name, Dimension{length, {}, unlimited});
  h5::Dataset dataset = create(name, {name}, H5T_STD_I32LE, false);
  // netCDF-C's marker for a dimension without a coordinate variable (readers hide the dataset).
  char marker[80];
  std::snprintf(marker, sizeof marker, "This is a netCDF dimension but not a netCDF variable.%10zu", length);
  h5::check_status(H5DSset_scale(dataset, marker), "make '" + name + "' a dimension scale");
  dimensions_.at(name).scale = std::move(dataset);
}

void NetcdfWriter::unlimited_dimension(const std::string& name, const Attributes& attributes) {
  dimensions_.emplace(name, Dimension{0, {}, true});
  std::size_t chunk_rows = 1;
  // Compressed: its chunks are sized for the longest runs, so a short run leaves most of one empty.
  h5::Dataset dataset = create(name, {name}, H5T_IEEE_F64LE, true, &chunk_rows);
  write_attributes(dataset, attributes, true);
  h5::check_status(H5DSset_scale(dataset, name.c_str()), "make '" + name + "' a dimension scale");
  Dimension& dimension = dimensions_.at(name);
  dimension.scale = std::move(dataset);
  Appendable& coordinate = appendables_[name];
  coordinate.along = name;
  coordinate.dataset = &dimension.scale;
  coordinate.chunk_rows = chunk_rows;
}

void NetcdfWriter::appendable(const std::string& name, const std::vector<std::string>& dimensions, bool integer,
                              const Attributes& attributes) {
  if (dimensions.empty() || !find(dimensions.front()).unlimited) {
    throw std::logic_error("results file: '" + name + "' must start with an unlimited dimension");
  }
  std::size_t chunk_rows = 1;
  h5::Dataset dataset = create(name, dimensions, integer ? H5T_STD_I64LE : H5T_IEEE_F64LE, true, &chunk_rows);
  write_attributes(dataset, attributes, true);
  attach(dataset, dimensions);
  Appendable& variable = appendables_[name];
  variable.along = dimensions.front();
  variable.owned = std::move(dataset);
  variable.dataset = &variable.owned;
  variable.integer = integer;
  variable.chunk_rows = chunk_rows;
  variable.row_values = 1;
  for (std::size_t d = 1; d < dimensions.size(); ++d) variable.row_values *= find(dimensions[d]).length;
}

void NetcdfWriter::append(const std::string& name, std::span<const double> rows) {
  append_rows(name, rows.data(), rows.size(), false);
}

void NetcdfWriter::append(const std::string& name, std::span<const std::int64_t> rows) {
  append_rows(name, rows.data(), rows.size(), true);
}

void NetcdfWriter::append_rows(const std::string& name, const void* rows, std::size_t count, bool integer) {
  const auto it = appendables_.find(name);
  if (it == appendables_.end()) throw std::logic_error("results file: '" + name + "' is not appendable");
  Appendable& v = it->second;
  if (v.integer != integer || count % v.row_values != 0) {
    throw std::logic_error("results file: rows of " + std::to_string(count) + " values for '" + name + "'");
  }
  if (integer) {
    const auto* values = static_cast<const std::int64_t*>(rows);
    v.integers.insert(v.integers.end(), values, values + count);
  } else {
    const auto* values = static_cast<const double*>(rows);
    v.reals.insert(v.reals.end(), values, values + count);
  }
  if ((integer ? v.integers.size() : v.reals.size()) >= v.chunk_rows * v.row_values) flush(name, v);
}

void NetcdfWriter::flush(const std::string& name, Appendable& v) {
  const std::size_t rows = (v.integer ? v.integers.size() : v.reals.size()) / v.row_values;
  if (rows == 0) return;
  if (name == v.along) dimensions_.at(name).length = v.rows_written + rows;
  const hid_t dataset = *v.dataset;
  h5::Dataspace current(H5Dget_space(dataset), "read the shape of '" + name + "'");
  const int rank = H5Sget_simple_extent_ndims(current);
  if (rank < 1) throw h5::failure("read the shape of '" + name + "'");
  std::vector<hsize_t> shape(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(current, shape.data(), nullptr);
  shape.front() = v.rows_written + rows;
  h5::check_status(H5Dset_extent(dataset, shape.data()), "extend '" + name + "'");
  h5::Dataspace file_space(H5Dget_space(dataset), "read the shape of '" + name + "'");
  std::vector<hsize_t> start(shape.size(), 0);
  std::vector<hsize_t> block = shape;
  start.front() = v.rows_written;
  block.front() = rows;
  h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, block.data(), nullptr),
                   "select rows of '" + name + "'");
  h5::Dataspace memory_space(H5Screate_simple(static_cast<int>(block.size()), block.data(), nullptr),
                             "make the rows' dataspace of '" + name + "'");
  if (v.integer) {
    h5::check_status(H5Dwrite(dataset, H5T_NATIVE_INT64, memory_space, file_space, H5P_DEFAULT, v.integers.data()),
                     "write rows of '" + name + "'");
    v.integers.clear();
  } else {
    h5::check_status(H5Dwrite(dataset, H5T_NATIVE_DOUBLE, memory_space, file_space, H5P_DEFAULT, v.reals.data()),
                     "write rows of '" + name + "'");
    v.reals.clear();
  }
  v.rows_written += rows;
}

void NetcdfWriter::check_count(const std::string& name, const std::vector<std::string>& dimensions,
                               std::size_t count) const {
  std::size_t expected = 1;
  for (const std::string& d : dimensions) expected *= find(d).length;
  if (count != expected) {
    throw std::logic_error("results file: '" + name + "' has " + std::to_string(count) + " values for " +
                           std::to_string(expected) + " cells");
  }
}

void NetcdfWriter::numeric(const std::string& name, const std::vector<std::string>& dimensions, const void* data,
                           std::size_t count, hid_t file_type, hid_t memory_type, const Attributes& attributes) {
  check_count(name, dimensions, count);
  h5::Dataset dataset = create(name, dimensions, file_type, true);
  if (count > 0) {
    h5::check_status(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write '" + name + "'");
  }
  write_attributes(dataset, attributes, true);
  attach(dataset, dimensions);
}

void NetcdfWriter::variable(const std::string& name, const std::vector<std::string>& dimensions,
                            const std::vector<double>& data, const Attributes& attributes) {
  numeric(name, dimensions, data.data(), data.size(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, attributes);
}

void NetcdfWriter::variable(const std::string& name, const std::vector<std::string>& dimensions,
                            const std::vector<std::int64_t>& data, const Attributes& attributes) {
  numeric(name, dimensions, data.data(), data.size(), H5T_STD_I64LE, H5T_NATIVE_INT64, attributes);
}

void NetcdfWriter::variable(const std::string& name, const std::vector<std::string>& dimensions,
                            const std::vector<std::string>& data, const Attributes& attributes) {
  check_count(name, dimensions, data.size());
  const h5::Datatype type = utf8_string_type();
  h5::Dataset dataset = create(name, dimensions, type, false);
  std::vector<const char*> pointers;
  pointers.reserve(data.size());
  for (const std::string& text : data) pointers.push_back(text.c_str());
  if (!pointers.empty()) {
    h5::check_status(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "write '" + name + "'");
  }
  write_attributes(dataset, attributes, false);
  // A dimension's own coordinate variable is attached by making it a scale, not here.
  if (!(dimensions.size() == 1 && dimensions.front() == name)) attach(dataset, dimensions);
}

void NetcdfWriter::attribute(const std::string& name, const std::string& value) {
  write_text_attribute(file_, name, value);
}
void NetcdfWriter::attribute(const std::string& name, std::int64_t value) {
  write_scalar_attribute(file_, name, H5T_NATIVE_INT64, value);
}
void NetcdfWriter::attribute(const std::string& name, double value) {
  write_scalar_attribute(file_, name, H5T_NATIVE_DOUBLE, value);
}

void NetcdfWriter::close() {
  for (auto& [name, variable] : appendables_) flush(name, variable);
  for (auto& [name, dimension] : dimensions_) {
    if (!dimension.unlimited) continue;
    // Its coordinates' rows, or (a dimension without them) its first variable's.
    const auto coordinate = appendables_.find(name);
    std::optional<std::size_t> rows;
    if (coordinate != appendables_.end()) rows = coordinate->second.rows_written;
    for (const auto& [variable_name, variable] : appendables_) {
      if (variable.along != name) continue;
      if (!rows) rows = variable.rows_written;
      if (variable.rows_written != *rows) {
        throw std::logic_error("results file: '" + variable_name + "' has " + std::to_string(variable.rows_written) +
                               " rows along '" + name + "', which has " + std::to_string(*rows));
      }
    }
    if (coordinate == appendables_.end() && rows.value_or(0) > 0) {
      const hsize_t length = *rows;
      h5::check_status(H5Dset_extent(dimension.scale, &length), "extend '" + name + "'");
    }
  }
  appendables_.clear();
  dimensions_.clear();
  h5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "finish the results file");
  const ssize_t size = H5Fget_file_image(file_, nullptr, 0);
  if (size < 0) throw h5::Error("HDF5 could not measure the results file");
  std::vector<char> image(static_cast<std::size_t>(size));
  if (H5Fget_file_image(file_, image.data(), image.size()) != size) {
    throw h5::Error("HDF5 could not copy the results file");
  }
  file_.close("close the results file");
  detail::reseal_superblock(image);
  detail::write_file(path_, {image.data(), image.size()});
}

}  // namespace truckflow::output
