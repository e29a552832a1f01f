// A small RAII layer over the HDF5 C API: handles that close themselves, and checks that turn
// HDF5 failures into exceptions naming what was being done. Internal to output/.
#pragma once

#include <hdf5.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace truckflow::output::h5 {

/// Raised when an HDF5 call fails.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Stops HDF5 from printing its error stack (truckflow reports errors itself). Idempotent.
void silence_errors();

/// "HDF5 could not <what>", with the first problem HDF5 found in parentheses when it recorded one
/// (e.g. "incorrect metadata checksum after all read attempts"). Call right after the failed call.
Error failure(const std::string& what);

inline hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw failure(what);
  return id;
}
inline void check_status(herr_t status, const std::string& what) {
  if (status < 0) throw failure(what);
}

template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() noexcept = default;
  /// Takes ownership of `id`; throws `Error` naming `what` if the call that made it failed.
  Handle(hid_t id, const std::string& what) : id_(check(id, what)) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t get() const noexcept { return id_; }
  operator hid_t() const noexcept { return id_; }  // NOLINT(google-explicit-constructor): reads like the C API
  /// Closes now, reporting failure (a file's close is where buffered data is written).
  void close(const std::string& what) {
    if (id_ >= 0) check_status(Close(std::exchange(id_, H5I_INVALID_HID)), what);
  }

 private:
  void reset() noexcept {
    if (id_ >= 0) Close(std::exchange(id_, H5I_INVALID_HID));
  }
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropertyList = Handle<H5Pclose>;

}  // namespace truckflow::output::h5
