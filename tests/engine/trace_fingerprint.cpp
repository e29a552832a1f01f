// Prints the trace fingerprint of the fixed model (fingerprint_model.hpp) under the pinned seed,
// for the check across processes (compare_fingerprints.cmake).
#include <cstdio>

#include "fingerprint_model.hpp"

int main() {
  std::printf("%s\n", truckflow::engine::testing::trace_fingerprint(20261130).c_str());
  return 0;
}
