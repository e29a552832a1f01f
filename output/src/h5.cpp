// HDF5 error reporting setup.
#include "h5.hpp"

namespace truckflow::output::h5 {

void silence_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace truckflow::output::h5
