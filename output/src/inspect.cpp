// inspect_results: walking a results file in creation order, with each variable's dimensions read
// from its attached dimension scales.
#include "truckflow/output/inspect.hpp"

#include <hdf5_hl.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "files.hpp"
#include "h5.hpp"

namespace truckflow::output {

namespace {

/// A text attribute of `object` (fixed-length or variable-length), or "" if absent.
std::string text_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return "";
  h5::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  h5::Datatype type(H5Aget_type(attribute), "read an attribute type");
  if (H5Tget_class(type) != H5T_STRING) return "";
  if (H5Tis_variable_str(type) > 0) {
    char* value = nullptr;
    h5::Datatype memory(H5Tcopy(type), "copy a string type");
    h5::check_status(H5Aread(attribute, memory, &value), std::string("read attribute ") + name);
    std::string text = value != nullptr ? value : "";
    H5free_memory(value);
    return text;
  }
  std::string text(H5Tget_size(type), '\0');
  h5::check_status(H5Aread(attribute, type, text.data()), std::string("read attribute ") + name);
  return text.substr(0, text.find('\0'));
}

std::string numeric_attribute(hid_t attribute, hid_t type) {
  char buffer[64];
  if (H5Tget_class(type) == H5T_INTEGER) {
    long long value = 0;
    h5::check_status(H5Aread(attribute, H5T_NATIVE_LLONG, &value), "read an attribute");
    std::snprintf(buffer, sizeof buffer, "%lld", value);
  } else {
    double value = 0;
    h5::check_status(H5Aread(attribute, H5T_NATIVE_DOUBLE, &value), "read an attribute");
    std::snprintf(buffer, sizeof buffer, "%g", value);
  }
  return buffer;
}

herr_t collect_attribute(hid_t object, const char* name, const H5A_info_t* /*info*/, void* data) {
  auto& attributes = *static_cast<std::vector<std::pair<std::string, std::string>>*>(data);
  h5::Attribute attribute(H5Aopen(object, name, H5P_DEFAULT), "open an attribute");
  h5::Datatype type(H5Aget_type(attribute), "read an attribute type");
  attributes.emplace_back(
      name, H5Tget_class(type) == H5T_STRING ? text_attribute(object, name) : numeric_attribute(attribute, type));
  return 0;
}

herr_t collect_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t scale_name(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  char name[256];
  const ssize_t length = H5Iget_name(scale, name, sizeof name);
  *static_cast<std::string*>(data) = length > 0 ? std::string(name + 1) : "";  // drop the leading '/'
  return 1;                                                                    // the first scale is the dimension
}

std::vector<double> read_doubles(hid_t dataset, std::size_t count) {
  std::vector<double> values(count);
  if (count > 0) {
    h5::check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), "read values");
  }
  return values;
}

std::vector<std::string> read_strings(hid_t dataset, std::size_t count) {
  h5::Datatype type(H5Dget_type(dataset), "read a dataset type");
  std::vector<char*> pointers(count, nullptr);
  if (count > 0) h5::check_status(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read text");
  std::vector<std::string> values;
  for (char* p : pointers) {
    values.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return values;
}

}  // namespace

ResultsInfo inspect_results(const std::string& path) {
  h5::silence_errors();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw std::invalid_argument("'" + path + "' does not exist");
  // Before HDF5 opens it: reading a FIFO would wait for a writer forever.
  detail::require_regular_file(path, "'" + path + "' ");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    throw std::invalid_argument("'" + path + "' is not an HDF5 file (or cannot be read)");
  }
  h5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open '" + path + "'");
  ResultsInfo info;
  info.kind = text_attribute(file, "truckflow_kind");
  if (info.kind != "run" && info.kind != "compare") {
    throw std::invalid_argument("'" + path +
                                "' is an HDF5 file but not truckflow results (no truckflow_kind attribute)");
  }
  hsize_t index = 0;
  h5::check_status(H5Aiterate2(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_attribute, &info.attributes),
                   "read the global attributes");

  std::vector<std::string> names;
  h5::check_status(H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect_name, &names), "list variables");
  for (const std::string& name : names) {
    h5::Dataset dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open '" + name + "'");
    h5::Dataspace space(H5Dget_space(dataset), "read the shape of '" + name + "'");
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> shape(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, shape.data(), nullptr);
    const bool is_scale = H5DSis_scale(dataset) > 0;
    if (is_scale) {
      info.dimensions.emplace_back(name, static_cast<std::size_t>(shape.at(0)));
      // A dimension without a coordinate variable is not a variable.
      if (text_attribute(dataset, "NAME").rfind("This is a netCDF dimension", 0) == 0) continue;
    }
    VariableInfo variable{name,    {}, {}, text_attribute(dataset, "units"), text_attribute(dataset, "long_name"),
                          is_scale};
    for (int axis = 0; axis < rank; ++axis) {
      variable.shape.push_back(static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]));
      std::string dimension = is_scale ? name : "";
      if (!is_scale) H5DSiterate_scales(dataset, static_cast<unsigned>(axis), nullptr, scale_name, &dimension);
      variable.dimensions.push_back(dimension);
    }
    if (name == "truck_type" && info.kind == "compare") info.runs = read_strings(dataset, shape.at(0));
    if (name.rfind("headline_", 0) == 0) {
      std::size_t count = 1;
      for (const hsize_t n : shape) count *= n;
      info.headline.push_back({name.substr(9), variable.units, variable.long_name, read_doubles(dataset, count)});
    }
    info.variables.push_back(std::move(variable));
  }
  return info;
}

}  // namespace truckflow::output
