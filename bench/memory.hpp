// Memory figures of this process for the benchmarks, from /proc/self/status.
#pragma once

#include <fstream>
#include <string>

namespace truckflow::bench {

/// Resident set size (or its peak, with `field` = "VmHWM:") of this process, in bytes.
inline long long resident_bytes(const char* field = "VmRSS:") {
  std::ifstream status("/proc/self/status");
  std::string key;
  long long kilobytes = 0;
  while (status >> key) {
    if (key == field) {
      status >> kilobytes;
      return kilobytes * 1024;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

/// Starts the peak (VmHWM) again from the current resident set (Linux: /proc/self/clear_refs).
inline void reset_peak_resident() { std::ofstream("/proc/self/clear_refs") << "5"; }

}  // namespace truckflow::bench
