// Signal handlers that only record the first signal and give both signals back their default action.
#include "cancellation.hpp"

#include <atomic>
#include <csignal>
#include <cstring>
#include <stdexcept>

namespace truckflow::app {

namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");

void set_action(int signal, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // interrupted writes and reads resume instead of failing with EINTR
  if (sigaction(signal, &action, nullptr) != 0) {
    throw std::runtime_error(std::string("cannot install a handler for ") + strsignal(signal));
  }
}

extern "C" void on_signal(int signal) {
  int none = 0;
  received.compare_exchange_strong(none, signal);  // the first signal decides the exit status
  // sigaction is async-signal-safe; from now on both signals end the process.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(SIGINT, &default_action, nullptr);
  sigaction(SIGTERM, &default_action, nullptr);
}

}  // namespace

void install_cancellation_handlers() {
  set_action(SIGINT, on_signal);
  set_action(SIGTERM, on_signal);
}

void throw_if_cancelled() {
  if (const int signal = received.load(); signal != 0) throw Cancelled{signal};
}

int end_by_signal(int signal) {
  std::signal(signal, SIG_DFL);
  std::raise(signal);
  return 128 + signal;
}

}  // namespace truckflow::app
