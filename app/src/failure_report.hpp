// How a command's failure reaches the user: why, on stderr, and the exit code (2 bad input, 1 a
// runtime failure; a cancelled run ends by its signal, 130 for Ctrl-C, 143 for SIGTERM).
#pragma once

#include <exception>

namespace truckflow::app {

/// Prints why `failure` ended the command and returns the exit code it calls for (for a
/// cancellation, the process ends by its signal first).
int report_failure(const std::exception_ptr& failure);

}  // namespace truckflow::app
