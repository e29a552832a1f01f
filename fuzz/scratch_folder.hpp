// A private temporary folder for one fuzzing process: the targets write each input there as the
// file the code under test reads.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

inline const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path path = [] {
    std::string name = (std::filesystem::temp_directory_path() / "truckflow-fuzz-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) std::abort();
    return std::filesystem::path(name);
  }();
  return path;
}
