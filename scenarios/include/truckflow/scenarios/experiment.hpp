// An experiment file: a base scenario, factors (scenario keys and their levels), a design that
// makes points of them, replications with common random numbers, and the responses to summarise.
// Read as strictly as a scenario (errors with file:line:column); the points' scenarios are
// checked by load_experiment_points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/scenarios/diagnostics.hpp"
#include "truckflow/scenarios/loader.hpp"

namespace truckflow::scenarios {

/// How the factors' levels make the points: every combination; the base scenario and then each
/// factor's levels one at a time with the others as the base has them (for a tornado chart); or
/// a Latin hypercube sample of `points` points.
enum class Design { full_factorial, one_at_a_time, latin_hypercube };
const char* to_string(Design design);

struct RangeDesc {
  double from = 0.0;
  double to = 0.0;
  double step = 1.0;
};

struct IntervalDesc {
  double low = 0.0;
  double high = 0.0;
};

struct FactorDesc {
  std::string key;                      ///< a scenario key path, as --set takes it
  std::vector<std::string> levels;      ///< YAML text of each level (a range is expanded)
  std::optional<RangeDesc> range;       ///< from, to, step: levels from..to
  std::optional<IntervalDesc> uniform;  ///< sampled uniformly (Latin hypercube only)
  SourceLocation where;                 ///< of the factor, for errors in its points
};

enum class Statistic { final, mean, max, min };
const char* to_string(Statistic statistic);

struct ResponseDesc {
  std::string headline;  ///< a headline figure's name, or ""
  std::string series;    ///< a sampled series' name, or ""
  Statistic statistic = Statistic::final;
  SourceLocation where;
  /// The response's name: the headline figure's, or "SERIES_STATISTIC".
  std::string name() const;
};

/// Replications added to a point, one at a time, until the 95% confidence interval of a response's
/// mean is narrow enough: its half-width at most `relative_half_width` of the mean's magnitude.
struct SequentialDesc {
  std::string response;  ///< a response's name (ResponseDesc::name)
  double relative_half_width = 0.02;
  std::int64_t max_replications = 100;
  SourceLocation where;
};

struct ExperimentDesc {
  std::string name;
  std::string description;
  std::string scenario;                ///< the base scenario's path, relative to the experiment file as written
  std::string scenario_path;           ///< ... as the process can open it
  std::vector<std::string> overrides;  ///< "key=value" applied to every run before the factors
  std::vector<FactorDesc> factors;
  Design design = Design::full_factorial;
  std::int64_t points = 0;        ///< Latin hypercube: how many
  std::int64_t replications = 1;  ///< of each point (with `sequential`: to start with)
  std::uint64_t seed = 0;         ///< replication r of every point runs with the seed derived from (seed, r)
  std::vector<ResponseDesc> responses;
  std::optional<SequentialDesc> sequential;
  /// The most replications a point may run.
  std::int64_t most_replications() const { return sequential ? sequential->max_replications : replications; }
};

/// One point of an experiment: each factor's level (YAML text), in the factors' order; nothing
/// for a factor left as the base scenario has it (one factor at a time).
struct PointDesc {
  std::vector<std::optional<std::string>> levels;
};

/// The most runs (points times replications) one experiment may have.
inline constexpr std::int64_t max_experiment_runs = 100'000;

/// Reads and checks an experiment file. Throws `ScenarioError` listing every problem.
ExperimentDesc load_experiment(const std::string& path);
/// The experiment's points, as its design makes them (a Latin hypercube from its seed).
std::vector<PointDesc> experiment_points(const ExperimentDesc& experiment);
/// The seed replication `r` of every point runs with (common random numbers across points).
std::uint64_t replication_seed(const ExperimentDesc& experiment, std::int64_t replication);
/// The scenario of `point`: the base with the experiment's overrides and the point's levels. Its
/// problems are located at the factor that set the key.
LoadedScenario load_point_scenario(const ExperimentDesc& experiment, const PointDesc& point);

/// The JSON Schema of experiment files, and the key reference of docs/experiment.md.
std::string experiment_json_schema();
std::string experiment_key_reference_markdown();

}  // namespace truckflow::scenarios
