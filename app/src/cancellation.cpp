// Signal handlers that only set an atomic flag, and give the signal back its default action.
#include "cancellation.hpp"

#include <atomic>
#include <csignal>

namespace truckflow::app {

namespace {
std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");
extern "C" void on_signal(int signal) { received.store(signal); }
}  // namespace

void install_cancellation_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the next signal takes the default action: a second Ctrl-C ends the process
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void throw_if_cancelled() {
  if (const int signal = received.load(); signal != 0) throw Cancelled{signal};
}

}  // namespace truckflow::app
