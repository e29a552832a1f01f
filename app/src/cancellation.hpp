// Ctrl-C (SIGINT) and SIGTERM: the first sets a flag long runs check between steps, so they stop
// cleanly and write nothing half-done; the process then exits with 128 + the signal (130 for
// Ctrl-C, 143 for SIGTERM). A second signal ends the process at once, as if never handled.
#pragma once

namespace truckflow::app {

/// Raised by a run that noticed the flag.
struct Cancelled {
  int signal = 0;
  /// 128 + the signal, as a shell reports a process the signal ended.
  int exit_code() const noexcept { return 128 + signal; }
};

/// Installs the handlers (once).
void install_cancellation_handlers();
/// Throws `Cancelled` if a signal arrived.
void throw_if_cancelled();

}  // namespace truckflow::app
