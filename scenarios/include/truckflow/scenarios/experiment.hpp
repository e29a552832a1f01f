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
/// factor's levels one at a time with the others as the base has them (for a tornado chart); a
/// Latin hypercube sample of `points` points; or, for a sizing search, the levels the search tries.
enum class Design { full_factorial, one_at_a_time, latin_hypercube, sizing };
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

/// Of the waits before service at a station over a run: their mean, 95th percentile or longest.
enum class WaitStatistic { mean, p95, max };
const char* to_string(WaitStatistic statistic);

struct ResponseDesc {
  std::string headline;  ///< a headline figure's name, or ""
  std::string series;    ///< a sampled series' name, or ""
  Statistic statistic = Statistic::final;
  std::string station;  ///< a station's id, or "": the waits before service there, reduced by `wait`
  std::string factory;  ///< a factory's id, or "": the waits for an assembly line there, reduced by `wait`
  WaitStatistic wait = WaitStatistic::p95;
  SourceLocation where;
  /// The response's name: the headline figure's, "SERIES_STATISTIC", "STATION_wait_WAIT_minutes"
  /// or "FACTORY_line_wait_WAIT_minutes".
  std::string name() const;
};

/// A search for the fewest servers at a station (or assembly lines at a factory) that keep its wait
/// (a statistic of a run's waits, averaged over the replications) at most a bound. The search
/// assumes the wait does not grow with servers: it tries the most servers, then halves the
/// interval left (bisection).
struct SizingDesc {
  std::string station;  ///< the station's id, or ""
  std::string factory;  ///< the factory's id, or ""
  std::int64_t from = 1, to = 1;
  WaitStatistic wait = WaitStatistic::p95;
  double at_most_minutes = 0.0;
  std::string servers_key;  ///< the scenario key of its servers (stations[ID].chargers, factories[ID].lines, ...)
  SourceLocation where;
};

/// The levels a sizing search tries, one after the other, given whether each met the bound.
class SizingSearch {
 public:
  explicit SizingSearch(const SizingDesc& sizing) : low_(sizing.from), high_(sizing.to) {}
  /// The next level to try, or nothing when the search is over.
  std::optional<std::int64_t> next() const;
  /// Whether the level `next()` gave met the bound.
  void record(bool met);
  /// The fewest servers found to meet the bound, or nothing if even the most did not.
  std::optional<std::int64_t> answer() const { return answer_; }

 private:
  std::int64_t low_, high_;  // the levels still in question
  bool tried_most_ = false;
  std::optional<std::int64_t> answer_;
  bool over_ = false;
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
  std::optional<SizingDesc> sizing;  ///< with design `sizing`: one factor, its servers, from..to
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
