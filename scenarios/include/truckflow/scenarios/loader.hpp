// Loading a scenario: YAML (with `extends` and `--set` overrides) read strictly, checked
// completely, and turned into the models' plain description.
#pragma once

#include <cstdint>
#include <functional>
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
  /// Assigns every site's whole plan to this truck type (for `truckflow compare`): each
  /// deployment line keeps its year and count; target-fleet lines of one year are summed.
  std::optional<std::string> assign_plans_to;
  /// Called every few thousand nodes read and between the steps of loading; it may throw (e.g.
  /// when Ctrl-C was pressed) to abandon the load. The exception leaves `load_scenario` as is.
  std::function<void()> interruption_check;
};

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

struct LoadedScenario {
  models::ScenarioDesc description;
  WorkEstimate work;
  /// The scenario as simulated: `extends` merged, overrides applied, as YAML text.
  std::string resolved_yaml;
  /// Problems that do not stop the run, to show the user (e.g. plan years after the horizon).
  std::vector<Diagnostic> warnings;
};

/// Reads and checks a scenario. Throws `ScenarioError` listing every problem found (each with
/// file:line:column, key path, what was found and what was expected); nothing else escapes for
/// bad input.
LoadedScenario load_scenario(const std::string& path, const LoadOptions& options = {});

/// The JSON Schema (draft-07) of scenario files, for editors and CI.
std::string json_schema();

/// The key reference of docs/scenario.md (Markdown tables, one per kind of object).
std::string key_reference_markdown();

}  // namespace truckflow::scenarios
