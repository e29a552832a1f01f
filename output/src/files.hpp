// Checks on paths shared by the writing and the reading side of results files. Internal to output/.
#pragma once

#include <string>

namespace truckflow::output::detail {

/// Throws `std::invalid_argument(refusal + "is not a regular file")` unless `path` is a regular
/// file (symbolic links followed). Checked before a file is opened, so that a FIFO or a device is
/// refused instead of blocking the read.
void require_regular_file(const std::string& path, const std::string& refusal);

}  // namespace truckflow::output::detail
