// HDF5 error reporting: silenced, and read back for the message of an exception.
#include "h5.hpp"

namespace truckflow::output::h5 {

namespace {

herr_t first_description(unsigned /*depth*/, const H5E_error2_t* error, void* data) {
  auto& description = *static_cast<std::string*>(data);
  if (description.empty() && error->desc != nullptr) description = error->desc;
  return 0;
}

}  // namespace

void silence_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

Error failure(const std::string& what) {
  // Walked upward: the first entry is where HDF5 found the problem.
  std::string description;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_description, &description);
  return Error("HDF5 could not " + what + (description.empty() ? "" : " (" + description + ")"));
}

}  // namespace truckflow::output::h5
