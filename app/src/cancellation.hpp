// Ctrl-C (SIGINT) and SIGTERM: a flag long runs check between steps, so they stop cleanly, write
// nothing half-done, and exit with 130.
#pragma once

namespace truckflow::app {

/// Raised by a run that noticed the flag.
struct Cancelled {};

/// Installs the handlers (once).
void install_cancellation_handlers();
bool cancellation_requested() noexcept;
/// Throws `Cancelled` if the flag is set.
void throw_if_cancelled();

}  // namespace truckflow::app
