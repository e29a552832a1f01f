// Loading a scenario: YAML (with `extends` and `--set` overrides) read strictly, checked
// completely, and turned into the models' plain description.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/scenarios/diagnostics.hpp"

namespace truckflow::scenarios {

struct LoadOptions {
  /// "key.path=value" assignments applied after `extends`, in order (e.g.
  /// "suppliers[catl_yibin].capacity_units_per_day=0"); values are read as YAML.
  std::vector<std::string> overrides;
  /// Replaces simulation.seed: the text of `truckflow --seed`, read exactly as the override
  /// "simulation.seed=TEXT" is (a whole number from 0 to 9.2e18 in decimal; "010" is 10, "0x10"
  /// and "" are errors), its problems located at "--seed TEXT".
  std::optional<std::string> seed;
  /// Keeps where every key came from in LoadedScenario::origins, for check_derived.
  bool keep_origins = false;
  /// Called every few thousand nodes read and between the steps of loading; it may throw (e.g.
  /// when Ctrl-C was pressed) to abandon the load. The exception leaves `load_scenario` as is.
  std::function<void()> interruption_check;
};

/// The most trucks one plan line may order (deployment or target).
inline constexpr std::int64_t max_plan_line_trucks = 1'000'000;

/// What a run of a scenario may cost, as estimated when it is validated (upper bounds; the
/// limits are in docs/scenario.md, "What a run may cost").
struct WorkEstimate {
  std::int64_t trucks = 0;            ///< trucks the plans order within the horizon
  std::int64_t component_orders = 0;  ///< orders the plants' component stocks may place
  std::int64_t sampled_values = 0;    ///< values the samples may hold
  std::int64_t supplier_days = 0;     ///< suppliers times days simulated: a production event each
};

/// The most one run may cost: `validate` refuses a scenario whose estimate goes over one of these
/// (a truck takes about 2 KB while simulated, a component order about 600 bytes, a sampled value 8
/// bytes; a supplier-day is an event, some 10^7 of them a second).
struct WorkLimits {
  static constexpr std::int64_t trucks = 1'000'000;
  static constexpr std::int64_t component_orders = 1'000'000;
  static constexpr std::int64_t sampled_values = 50'000'000;
  static constexpr std::int64_t supplier_days = 50'000'000;
};

/// Where the keys of a loaded scenario came from, and the references they make (opaque).
struct KeyOrigins;

struct LoadedScenario {
  models::ScenarioDesc description;
  WorkEstimate work;
  /// The scenario as simulated: `extends` merged, overrides applied, as YAML text.
  std::string resolved_yaml;
  /// Problems that do not stop the run, to show the user (e.g. plan years after the horizon).
  std::vector<Diagnostic> warnings;
  /// Set when loaded with LoadOptions::keep_origins.
  std::shared_ptr<const KeyOrigins> origins;
};

/// Reads and checks a scenario. Throws `ScenarioError` listing every problem found (each with
/// file:line:column, key path, what was found and what was expected); nothing else escapes for
/// bad input.
LoadedScenario load_scenario(const std::string& path, const LoadOptions& options = {});

/// A problem found in a description derived from a loaded one, at a key path of the description.
struct DerivedNote {
  std::string path;
  std::string message;
  bool error = false;
  std::string kind;  ///< Diagnostic::kind
};

/// Checks `derived`, a description made from `origin`'s (which was loaded with keep_origins) by
/// changing values of keys it has (e.g. models::assign_whole_plan), as load_scenario checks a
/// scenario: every problem, and each of `notes`, is located where its key is in origin's files.
/// Throws `ScenarioError` on any error; else returns `derived` loaded: its work estimate, origin's
/// resolved YAML, and its warnings (the notes' and the checks').
LoadedScenario check_derived(const LoadedScenario& origin, models::ScenarioDesc derived,
                             const std::vector<DerivedNote>& notes);

/// The JSON Schema (draft-07) of scenario files, for editors and CI.
std::string json_schema();

/// The key reference of docs/scenario.md (Markdown tables, one per kind of object).
std::string key_reference_markdown();

}  // namespace truckflow::scenarios
