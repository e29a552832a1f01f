// Ctrl-C (SIGINT) and SIGTERM during `run` and `compare`: the first sets a flag long runs check
// between steps, so they stop cleanly and write nothing half-done; the process then ends by that
// same signal (`end_by_signal`), so a shell sees exit status 130 (Ctrl-C) or 143 (SIGTERM) and a
// script looping over runs stops too. From the first signal on, both signals have their default
// action again: a second one ends the process at once.
#pragma once

namespace truckflow::app {

/// Raised by a run that noticed the flag.
struct Cancelled {
  int signal = 0;
};

/// Installs the handlers (once). Throws std::runtime_error if that fails.
void install_cancellation_handlers();
/// Throws `Cancelled` if a signal arrived.
void throw_if_cancelled();
/// Ends the process by `signal` (its default action); returns 128 + `signal` for the caller to
/// exit with should the signal somehow not end it.
int end_by_signal(int signal);

}  // namespace truckflow::app
