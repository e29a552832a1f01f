// Signal handlers that only set an atomic flag.
#include "cancellation.hpp"

#include <atomic>
#include <csignal>

namespace truckflow::app {

namespace {
std::atomic<bool> requested{false};
extern "C" void on_signal(int /*signal*/) { requested.store(true); }
}  // namespace

void install_cancellation_handlers() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}

bool cancellation_requested() noexcept { return requested.load(); }

void throw_if_cancelled() {
  if (requested.load()) throw Cancelled{};
}

}  // namespace truckflow::app
