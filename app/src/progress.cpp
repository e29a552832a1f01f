// Progress lines: rate, percentage, time left.
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace truckflow::app {

namespace {

bool stderr_is_terminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) == 1 && term != nullptr && std::strcmp(term, "dumb") != 0;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
  } else if (seconds < 3600) {
    const long whole = static_cast<long>(seconds);
    std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", whole / 60, whole % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f h", seconds / 3600);
  }
  return buffer;
}

}  // namespace

Progress::Progress(std::string label, const ProgressOptions& options)
    : label_(std::move(label)),
      enabled_(options.enabled),
      terminal_(stderr_is_terminal()),
      interval_(terminal_ ? 0.1 : options.log_interval_s),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(double fraction, const std::string& where, std::optional<std::uint64_t> events) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < interval_) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double left = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  char rate[48] = "";
  if (events) {
    std::snprintf(rate, sizeof rate, "  %.2f M events/s",
                  elapsed > 0 ? static_cast<double>(*events) / elapsed / 1e6 : 0.0);
  }
  char line[256];
  std::snprintf(line, sizeof line, "%s %s  %5.1f%%%s  about %s left", label_.c_str(), where.c_str(), 100.0 * fraction,
                rate, format_seconds(left).c_str());
  if (terminal_) {
    std::fprintf(stderr, "\r\x1b[K%s", line);
  } else {
    std::fprintf(stderr, "%s\n", line);
  }
  std::fflush(stderr);
  shown_ = true;
}

void Progress::finish() {
  if (enabled_ && terminal_ && shown_) {
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
  }
  shown_ = false;
}

}  // namespace truckflow::app
