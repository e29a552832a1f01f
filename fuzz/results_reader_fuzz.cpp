// Fuzz target: the results reader behind `truckflow inspect`, on any file content.
//
// An input is the bytes of a results file (the seeds are small run and compare files). Reading it
// must give its description or throw std::invalid_argument (not a readable results file) or
// std::runtime_error (a damaged one), each with a message: a crash, a hang, another exception or a
// sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "truckflow/output/inspect.hpp"

#include "scratch_folder.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& file() {
  static const fs::path path = scratch_folder() / "results.h5";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(file(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    (void)truckflow::output::inspect_results(file().string());
  } catch (const std::exception& error) {  // invalid_argument and runtime_error, with a message
    if (std::string(error.what()).empty()) std::abort();
  }
  return 0;
}
