// A fixed model that uses every kind of wait, and the fingerprint (64-bit FNV-1a) of its event
// trace: the same seed must give the same fingerprint in every run, process and build.
#pragma once

#include <cstdint>
#include <string>

namespace truckflow::engine::testing {

/// "<fingerprint in hex> <events> events" for a 30-day run of the model under `seed`.
std::string trace_fingerprint(std::uint64_t seed);

}  // namespace truckflow::engine::testing
