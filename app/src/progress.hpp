// Progress of a long command on stderr: on a terminal, one line rewritten in place about ten
// times a second and cleared at the end; otherwise a plain log line every few seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace truckflow::app {

/// How a long command shows its progress.
struct ProgressOptions {
  bool enabled = true;          ///< false with --quiet
  double log_interval_s = 2.0;  ///< off a terminal, seconds between log lines (--progress-every)
};

class Progress {
 public:
  /// `label` starts each line (e.g. "run").
  Progress(std::string label, const ProgressOptions& options);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();

  /// `fraction` done in [0, 1]; `where` is shown as is (e.g. the simulated date); `events` so far,
  /// when counted (their rate is shown).
  void update(double fraction, const std::string& where, std::optional<std::uint64_t> events = std::nullopt);
  /// Clears the line (on a terminal).
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool terminal_;
  std::chrono::duration<double> interval_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace truckflow::app
