// Fuzz target: the scenario loader (reading, extends, --set, decoding, validation) on any input.
//
// An input is a scenario file's text. Lines starting "#set " in it are also passed as --set
// assignments ("#set simulation.seed=3"), and text after a line "#=== base.yaml" is written to
// base.yaml beside the file, for `extends: base.yaml`. Whatever the input, load_scenario must
// return a description or throw ScenarioError with at least one located problem: any other
// exception, a crash, a hang or a sanitizer report is a finding. A scenario that loads must also
// build a World (what validates, runs), and its resolved YAML must load again.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "truckflow/models/world.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "scratch_folder.hpp"

namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view separator = "\n#=== base.yaml\n";
  const std::size_t cut = input.find(separator);
  const std::string_view scenario = input.substr(0, cut);
  write(scratch_folder() / "base.yaml", cut == std::string_view::npos ? "" : input.substr(cut + separator.size()));
  write(scratch_folder() / "scenario.yaml", scenario);

  truckflow::scenarios::LoadOptions options;
  for (std::size_t start = 0; start < scenario.size();) {
    const std::size_t end = std::min(scenario.find('\n', start), scenario.size());
    if (const std::string_view line = scenario.substr(start, end - start); line.starts_with("#set ")) {
      options.overrides.emplace_back(line.substr(5));
    }
    start = end + 1;
  }
  truckflow::scenarios::LoadedScenario loaded;
  try {
    loaded = truckflow::scenarios::load_scenario((scratch_folder() / "scenario.yaml").string(), options);
  } catch (const truckflow::scenarios::ScenarioError& error) {
    // Bad input, reported with locations: the expected outcome for most inputs.
    if (error.diagnostics().empty()) std::abort();
    return 0;
  }
  // (A World places its first component orders as it is built: up to a million, fine for a run but
  // beyond the fuzzer's memory limit under AddressSanitizer, so only the smaller ones are built.)
  if (loaded.work.component_orders <= 100'000) {
    const truckflow::models::World world(loaded.description);
  }
  write(scratch_folder() / "resolved.yaml", loaded.resolved_yaml);
  (void)truckflow::scenarios::load_scenario((scratch_folder() / "resolved.yaml").string());
  return 0;
}
