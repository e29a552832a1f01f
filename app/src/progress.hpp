// Progress of a long command on stderr: on a terminal, one line rewritten in place about ten
// times a second and cleared at the end; otherwise a plain log line every few seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace truckflow::app {

class Progress {
 public:
  /// `label` starts each line (e.g. "run"); nothing is printed when `enabled` is false.
  Progress(std::string label, bool enabled);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();

  /// `fraction` done in [0, 1]; `where` is shown as is (e.g. the simulated date); `events` so far.
  void update(double fraction, const std::string& where, std::uint64_t events);
  /// Clears the line (on a terminal).
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool terminal_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace truckflow::app
