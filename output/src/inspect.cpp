// inspect_results: checking a results file's format, then walking it in creation order, reading
// every value (so HDF5 verifies every checksum), with each variable's dimensions read from the
// dimension scales attached to it.
#include "truckflow/output/inspect.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "files.hpp"
#include "global_heap.hpp"
#include "h5.hpp"

namespace truckflow::output {

namespace {

bool has_attribute(hid_t object, const char* name) {
  return h5::check(H5Aexists(object, name), std::string("look for attribute ") + name) > 0;
}

/// Whether `text` is UTF-8 (the writer writes nothing else; a byte changed inside a text can make it
/// not, and printing it would garble a terminal).
bool is_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80           ? 1
                               : (lead >> 5) == 0x6  ? 2
                               : (lead >> 4) == 0xE  ? 3
                               : (lead >> 3) == 0x1E ? 4
                                                     : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += length;
  }
  return true;
}

/// A text attribute as stored (fixed-length or variable-length), or "" if absent.
std::string raw_text_attribute(hid_t object, const char* name) {
  if (!has_attribute(object, name)) return "";
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

/// A text attribute of `object` (fixed-length or variable-length), or "" if absent; throws
/// detail::Damaged for one that is not UTF-8.
std::string text_attribute(hid_t object, const char* name) {
  std::string text = raw_text_attribute(object, name);
  if (!is_utf8(text)) throw detail::Damaged(std::string("its attribute '") + name + "' is not UTF-8 text");
  return text;
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

herr_t collect_attribute_name(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t collect_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

/// One entry of a dimension scale's REFERENCE_LIST: a variable it is attached to, and the axis.
struct ScaleReference {
  hobj_ref_t variable;  ///< the variable's object address
  int axis;
};

/// The variables a dimension scale is attached to, from its REFERENCE_LIST attribute: object
/// addresses kept in the scale's object header, under its checksum. (H5DSiterate_scales reads each
/// variable's DIMENSION_LIST instead, kept in the global heap, which HDF5 does not checksum: a
/// damaged one crashed it.)
std::vector<ScaleReference> references_to(hid_t scale, const std::string& name) {
  if (!has_attribute(scale, "REFERENCE_LIST")) return {};
  h5::Attribute attribute(H5Aopen(scale, "REFERENCE_LIST", H5P_DEFAULT), "open the attachments of '" + name + "'");
  h5::Dataspace space(H5Aget_space(attribute), "read the number of attachments of '" + name + "'");
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  h5::Datatype type(H5Tcreate(H5T_COMPOUND, sizeof(ScaleReference)), "make a reference type");
  h5::check_status(H5Tinsert(type, "dataset", HOFFSET(ScaleReference, variable), H5T_STD_REF_OBJ),
                   "make a reference type");
  h5::check_status(H5Tinsert(type, "dimension", HOFFSET(ScaleReference, axis), H5T_NATIVE_INT),
                   "make a reference type");
  std::vector<ScaleReference> references(static_cast<std::size_t>(std::max<hssize_t>(count, 0)));
  if (!references.empty()) {
    h5::check_status(H5Aread(attribute, type, references.data()), "read the attachments of '" + name + "'");
  }
  return references;
}

/// Throws `detail::Damaged` if a chunk of `dataset` is marked as stored without some of its
/// filters (HDF5 then skips them, Fletcher-32 included, and copies a whole chunk's worth of bytes
/// from the smaller stored chunk), or if it claims to lie past the end of the file, to be far
/// larger than a chunk can compress to (HDF5 allocates what the index says: a damaged size once
/// asked for 4 GiB) or smaller than the smallest chunk written (a value and its 4-byte checksum:
/// HDF5's Fletcher-32 filter reads far past a shorter one). The chunk index of the HDF5 1.8 format
/// has no checksum.
void check_chunks(hid_t dataset, const std::string& name, std::uintmax_t file_bytes) {
  h5::PropertyList create_list(H5Dget_create_plist(dataset), "read how '" + name + "' is stored");
  if (H5Pget_layout(create_list) != H5D_CHUNKED) return;
  std::vector<hsize_t> chunk_shape(32);
  const int rank = H5Pget_chunk(create_list, static_cast<int>(chunk_shape.size()), chunk_shape.data());
  if (rank < 0) throw detail::Damaged("the chunks of '" + name + "' have no shape");
  h5::Datatype type(H5Dget_type(dataset), "read the type of '" + name + "'");
  std::uintmax_t chunk_bytes = H5Tget_size(type);
  for (int axis = 0; axis < rank; ++axis) chunk_bytes *= chunk_shape[static_cast<std::size_t>(axis)];
  const std::uintmax_t largest_stored = 2 * chunk_bytes + 1024;  // deflate of incompressible data, checksum
  h5::Dataspace space(H5Dget_space(dataset), "read the shape of '" + name + "'");
  hsize_t chunks = 0;
  h5::check_status(H5Dget_num_chunks(dataset, space, &chunks), "count the chunks of '" + name + "'");
  for (hsize_t chunk = 0; chunk < chunks; ++chunk) {
    unsigned skipped_filters = 0;
    haddr_t address = 0;
    hsize_t stored = 0;
    h5::check_status(H5Dget_chunk_info(dataset, space, chunk, nullptr, &skipped_filters, &address, &stored),
                     "read where chunk " + std::to_string(chunk) + " of '" + name + "' is");
    const std::string which = "chunk " + std::to_string(chunk) + " of '" + name + "'";
    if (skipped_filters != 0) throw detail::Damaged(which + " is marked as not filtered");
    constexpr hsize_t smallest_stored = 8;
    if (stored < smallest_stored || stored > largest_stored || address > file_bytes || stored > file_bytes - address) {
      throw detail::Damaged(which + " claims " + std::to_string(stored) + " bytes at byte " + std::to_string(address) +
                            " of a " + std::to_string(file_bytes) + "-byte file");
    }
  }
}

std::vector<double> read_doubles(hid_t dataset, std::size_t count, const std::string& name) {
  std::vector<double> values(count);
  if (count > 0) {
    h5::check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     "read '" + name + "'");
  }
  return values;
}

std::vector<std::string> read_strings(hid_t dataset, std::size_t count, const std::string& name) {
  h5::Datatype type(H5Dget_type(dataset), "read the type of '" + name + "'");
  std::vector<char*> pointers(count, nullptr);
  if (count > 0) {
    h5::check_status(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read '" + name + "'");
  }
  std::vector<std::string> values;
  for (char* p : pointers) {
    values.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return values;
}

/// Throws `std::invalid_argument` unless `path` is an HDF5 file whose superblock is of a version
/// with checksums (2 or 3: HDF5 1.8's format and later), as truckflow writes them. Returns the
/// superblock's offset.
std::uintmax_t check_format(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  const std::optional<std::uintmax_t> offset =
      file && !error ? detail::hdf5_signature_offset(file, size) : std::nullopt;
  if (!offset) throw std::invalid_argument("'" + path + "' is not an HDF5 file (or cannot be read)");
  char byte = 0;
  if (!file.seekg(static_cast<std::streamoff>(*offset + 8)) || !file.get(byte)) {
    throw std::invalid_argument("'" + path + "' is damaged: it ends inside its HDF5 superblock");
  }
  const int version = static_cast<unsigned char>(byte);
  if (version < 2) {
    throw std::invalid_argument("'" + path + "' has no checksums (HDF5 superblock version " + std::to_string(version) +
                                "): it was written by an older truckflow or another program, and damage to it "
                                "could go unnoticed (run the scenario again to write it with checksums)");
  }
  if (version > 3) {
    throw std::invalid_argument("'" + path + "' is damaged or from a newer HDF5: its superblock version is " +
                                std::to_string(version) + " (truckflow reads 2 and 3)");
  }
  // The sizes of addresses and lengths, which the checks of the global heap assume.
  char sizes[2] = {};
  if (!file.read(sizes, 2))
    throw std::invalid_argument("'" + path + "' is damaged: it ends inside its HDF5 superblock");
  if (sizes[0] != 8 || sizes[1] != 8) {
    throw std::invalid_argument("'" + path + "' is an HDF5 file but not truckflow results (" +
                                std::to_string(sizes[0]) + "-byte addresses, " + std::to_string(sizes[1]) +
                                "-byte lengths; truckflow writes 8 and 8)");
  }
  return *offset;
}

std::vector<char> read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) throw std::invalid_argument("'" + path + "' cannot be read");
  return bytes;
}

/// The attributes of a variable but HDF5's and netCDF's own bookkeeping: text, or numbers.
std::vector<std::pair<std::string, AttributeValue>> variable_attributes(hid_t dataset, const std::string& variable) {
  std::vector<std::string> names;
  hsize_t index = 0;
  h5::check_status(H5Aiterate2(dataset, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_attribute_name, &names),
                   "list the attributes of '" + variable + "'");
  std::vector<std::pair<std::string, AttributeValue>> out;
  for (const std::string& name : names) {
    if (name == "DIMENSION_LIST" || name == "REFERENCE_LIST" || name == "CLASS" || name == "NAME" ||
        name.rfind("_Netcdf4", 0) == 0) {
      continue;
    }
    h5::Attribute attribute(H5Aopen(dataset, name.c_str(), H5P_DEFAULT), "open attribute " + name);
    h5::Datatype type(H5Aget_type(attribute), "read the type of attribute " + name);
    const H5T_class_t kind = H5Tget_class(type);
    if (kind == H5T_STRING) {
      out.emplace_back(name, text_attribute(dataset, name.c_str()));
    } else if (kind == H5T_INTEGER || kind == H5T_FLOAT) {
      h5::Dataspace space(H5Aget_space(attribute), "read the size of attribute " + name);
      const hssize_t count = H5Sget_simple_extent_npoints(space);
      std::vector<double> values(static_cast<std::size_t>(std::max<hssize_t>(count, 0)));
      if (!values.empty()) {
        h5::check_status(H5Aread(attribute, H5T_NATIVE_DOUBLE, values.data()), "read attribute " + name);
      }
      out.emplace_back(name, std::move(values));
    }
  }
  return out;
}

struct Dataset {
  std::string name;
  haddr_t address;
  bool is_scale;
};

/// What inspect_results returns. Reads every value of every variable, so that HDF5 verifies every
/// chunk's checksum; text only after `heaps` has checked the references to it.
ResultsInfo read_results(const std::string& path, const detail::GlobalHeaps& heaps, std::uintmax_t file_bytes,
                         Keep keep, const std::vector<std::string>& skip) {
  h5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open '" + path + "'");
  ResultsInfo info;
  info.kind = text_attribute(file, "truckflow_kind");
  if (info.kind != "run" && info.kind != "compare" && info.kind != "experiment") {
    throw std::invalid_argument(
        "'" + path + "' is an HDF5 file but not truckflow results (" +
        (info.kind.empty() ? std::string("no truckflow_kind attribute") : "truckflow_kind is '" + info.kind + "'") +
        ")");
  }
  std::vector<std::string> attribute_names;
  hsize_t index = 0;
  h5::check_status(H5Aiterate2(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_attribute_name, &attribute_names),
                   "list the global attributes");
  for (const std::string& name : attribute_names) {
    h5::Attribute attribute(H5Aopen(file, name.c_str(), H5P_DEFAULT), "open attribute " + name);
    h5::Datatype type(H5Aget_type(attribute), "read the type of attribute " + name);
    info.attributes.emplace_back(name, H5Tget_class(type) == H5T_STRING ? text_attribute(file, name.c_str())
                                                                        : numeric_attribute(attribute, type));
  }

  std::vector<std::string> names;
  h5::check_status(H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect_name, &names), "list variables");
  std::map<haddr_t, std::size_t> variable_at;  // object address -> index in info.variables
  std::vector<std::pair<std::string, std::vector<ScaleReference>>> scales;
  bool runs_by_rules = false;
  std::set<haddr_t> skipped;  // object addresses of variables along a skipped dimension
  for (const std::string& name : names) {
    h5::Dataset dataset(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "open '" + name + "'");
    h5::Dataspace space(H5Dget_space(dataset), "read the shape of '" + name + "'");
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> shape(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, shape.data(), nullptr);
    // Deflate packs at most about 1,000 to 1: a shape that needs more than that of the file is
    // damage (a header is checksummed, but a declared size is never trusted with the memory).
    const std::uintmax_t most_values = (file_bytes + (std::uintmax_t{1} << 20)) * 1100 / sizeof(double);
    std::size_t count = 1;
    for (const hsize_t n : shape) {
      if (n != 0 && count > most_values / n) {
        throw detail::Damaged("'" + name + "' declares more values than a " + std::to_string(file_bytes) +
                              "-byte file can hold");
      }
      count *= static_cast<std::size_t>(n);
    }
    h5::Datatype type(H5Dget_type(dataset), "read the type of '" + name + "'");
    const bool is_text = H5Tget_class(type) == H5T_STRING;
    if (const haddr_t offset = H5Dget_offset(dataset); is_text && offset != HADDR_UNDEF) {
      heaps.check_references(offset, count, name);
    }
    // Every value, so that every checksum is verified; the headline figures and compared types are kept.
    std::vector<std::string> text = is_text ? read_strings(dataset, count, name) : std::vector<std::string>{};
    if (!is_text) check_chunks(dataset, name, file_bytes);
    std::vector<double> numbers = is_text ? std::vector<double>{} : read_doubles(dataset, count, name);

    H5O_info_t object{};
    h5::check_status(H5Oget_info2(dataset, &object, H5O_INFO_BASIC), "read the address of '" + name + "'");
    const bool is_scale = h5::check(H5DSis_scale(dataset), "read whether '" + name + "' is a dimension") > 0;
    if (is_scale) {
      info.dimensions.emplace_back(name, static_cast<std::size_t>(shape.at(0)));
      scales.emplace_back(name, references_to(dataset, name));
      // The variables along a skipped dimension (written after it) are not kept.
      if (std::find(skip.begin(), skip.end(), name) != skip.end()) {
        for (const ScaleReference& reference : scales.back().second) skipped.insert(reference.variable);
      }
      // A dimension without a coordinate variable is not a variable.
      if (text_attribute(dataset, "NAME").rfind("This is a netCDF dimension", 0) == 0) continue;
    }
    VariableInfo variable{name,    {}, {}, text_attribute(dataset, "units"), text_attribute(dataset, "long_name"),
                          is_scale};
    if (keep == Keep::values && skipped.count(object.addr) == 0) {
      variable.attributes = variable_attributes(dataset, name);
      variable.numbers = std::move(numbers);
      variable.text = std::move(text);
    }
    for (const hsize_t n : shape) variable.shape.push_back(static_cast<std::size_t>(n));
    variable.dimensions.assign(shape.size(), is_scale ? name : "");
    // A comparison's runs are along rule_set, or else truck_type.
    const std::vector<std::string>& labels = variable.text.empty() ? text : variable.text;
    if (info.kind == "compare" && (name == "rule_set" || (name == "truck_type" && !runs_by_rules))) {
      for (const std::string& label : labels) {
        if (!is_utf8(label)) throw detail::Damaged("a label of '" + name + "' is not UTF-8 text");
      }
      info.runs = labels;
      runs_by_rules = name == "rule_set";
    }
    if (name.rfind("headline_", 0) == 0) {
      info.headline.push_back(
          {name.substr(9), variable.units, variable.long_name, variable.numbers.empty() ? numbers : variable.numbers});
    }
    variable_at[object.addr] = info.variables.size();
    info.variables.push_back(std::move(variable));
  }
  for (const auto& [scale, references] : scales) {
    for (const ScaleReference& reference : references) {
      const auto it = variable_at.find(reference.variable);
      if (it == variable_at.end()) continue;  // attached to a coordinate-less dimension's dataset
      std::vector<std::string>& dimensions = info.variables[it->second].dimensions;
      if (reference.axis < 0 || static_cast<std::size_t>(reference.axis) >= dimensions.size()) {
        throw std::invalid_argument("'" + path + "' is damaged: dimension '" + scale + "' is attached to axis " +
                                    std::to_string(reference.axis) + " of '" + info.variables[it->second].name +
                                    "', which has " + std::to_string(dimensions.size()));
      }
      dimensions[static_cast<std::size_t>(reference.axis)] = scale;
    }
  }
  return info;
}

}  // namespace

ResultsInfo inspect_results(const std::string& path, Keep keep, const std::vector<std::string>& skip) {
  h5::silence_errors();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) throw std::invalid_argument("'" + path + "' does not exist");
  // Before HDF5 opens it: reading a FIFO would wait for a writer forever.
  detail::require_regular_file(path, "'" + path + "' ");
  const std::uintmax_t superblock = check_format(path);
  const std::vector<char> bytes = read_bytes(path);
  try {
    const detail::GlobalHeaps heaps(bytes, superblock);
    return read_results(path, heaps, bytes.size(), keep, skip);
  } catch (const detail::Damaged& e) {
    throw std::invalid_argument("'" + path + "' is damaged: " + e.what());
  } catch (const h5::Error& e) {
    // Every checksum held when the file was written: any failure to read it now is damage.
    throw std::invalid_argument("'" + path + "' is damaged: " + e.what());
  }
}

}  // namespace truckflow::output
