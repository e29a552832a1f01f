// How a command's failure reaches the user: why, on stderr, and the exit code (2 bad input, 1 a
// runtime failure; a cancelled run ends by its signal, 130 for Ctrl-C, 143 for SIGTERM).
#pragma once

#include <exception>

namespace truckflow::app {

/// Whether `report_failure` says why on stderr (one process of a job speaks for all, the others
/// only take the same exit code).
enum class Voice { speak, quiet };

/// Returns the exit code `failure` calls for: 2 bad input, 1 a runtime failure, 128 + the signal
/// for a cancellation. Speaking, it first prints why, and ends a cancelled process by its signal.
int report_failure(const std::exception_ptr& failure, Voice voice = Voice::speak);

}  // namespace truckflow::app
