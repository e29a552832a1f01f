// truckflow experiment: every point of an experiment's design, each replicated with the same random
// streams at every point, run in parallel; each response summarised per point; a table and a file.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <span>
#include <sstream>
#include <thread>
#include <tuple>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/experiment.hpp"
#include "truckflow/output/run_record.hpp"
#include "truckflow/scenarios/experiment.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "experiment_runs.hpp"
#include "failure_report.hpp"
#include "headline_table.hpp"
#include "inputs.hpp"
#include "ranks.hpp"
#include "simulate.hpp"
#include "text_table.hpp"

namespace truckflow::app {

namespace {

/// A series response's reduction over time, sample by sample: the series summed over its other
/// dimensions, then its last, mean, largest or smallest value.
class SeriesReduction : public models::Observer {
 public:
  SeriesReduction(const models::SeriesCatalog& catalog, const scenarios::ResponseDesc& response)
      : entry_(catalog.find(response.series)), statistic_(response.statistic) {}
  void on_sample(const models::Sample& sample) override {
    double total = 0.0;
    for (std::size_t i = 0; i < entry_.size; ++i) {
      total += entry_.spec.type == models::ValueType::count ? static_cast<double>(sample.counts[entry_.offset + i])
                                                            : sample.reals[entry_.offset + i];
    }
    last_ = total;
    sum_ += total;
    max_ = std::max(max_, total);
    min_ = std::min(min_, total);
    ++samples_;
  }
  double value() const {
    switch (statistic_) {
      case scenarios::Statistic::final:
        return last_;
      case scenarios::Statistic::mean:
        return sum_ / static_cast<double>(samples_);
      case scenarios::Statistic::max:
        return max_;
      case scenarios::Statistic::min:
        return min_;
    }
    return std::numeric_limits<double>::quiet_NaN();
  }

 private:
  models::SeriesCatalog::Entry entry_;
  scenarios::Statistic statistic_;
  double last_ = 0.0, sum_ = 0.0;
  double max_ = -std::numeric_limits<double>::infinity(), min_ = std::numeric_limits<double>::infinity();
  std::size_t samples_ = 0;
};

/// Throws ScenarioError at each response that names no headline figure, series or station of
/// `scenario`.
void check_responses(const scenarios::ExperimentDesc& e, const models::ScenarioDesc& scenario) {
  std::vector<std::string> figures;
  for (const output::HeadlineFigure& f : output::headline_definitions()) figures.push_back(f.name);
  std::vector<std::string> series;
  const models::SeriesCatalog catalog = models::series_catalog(scenario);
  for (const auto& entry : catalog.series()) series.push_back(entry.spec.name);
  std::vector<std::string> stations;
  for (const models::StationDesc& station : scenario.stations) stations.push_back(station.id);
  std::vector<std::string> factories;
  for (const models::FactoryDesc& factory : scenario.factories) factories.push_back(factory.id);
  std::vector<scenarios::Diagnostic> problems;
  const std::size_t added = e.sizing ? 1 : 0;  // the sizing search's own response, checked with it
  for (std::size_t i = added; i < e.responses.size(); ++i) {
    const scenarios::ResponseDesc& r = e.responses[i];
    const auto [key, what, name, known, where] =
        !r.headline.empty()  ? std::tuple("headline", "headline figure", r.headline, &figures, " (docs/output.md)")
        : !r.series.empty()  ? std::tuple("series", "series", r.series, &series, " (docs/output.md)")
        : !r.station.empty() ? std::tuple("station", "station", r.station, &stations, " in the scenario")
                             : std::tuple("factory", "factory", r.factory, &factories, " in the scenario");
    if (std::find(known->begin(), known->end(), name) != known->end()) continue;
    problems.push_back(
        {r.where, "responses[" + std::to_string(i - added) + "]." + key,
         "no " + std::string(what) + " is named '" + name + "'" + where + scenarios::did_you_mean(name, *known)});
  }
  if (!problems.empty()) throw scenarios::ScenarioError(std::move(problems));
}

/// Whether `values` (a point's replications of the sequential response) are enough: their mean's
/// 95% confidence interval is at most the share `relative` of the mean's magnitude wide each way.
bool narrow_enough(const std::vector<double>& values, double relative) {
  const output::Summary s = output::summarize(values);
  return s.half_width <= relative * std::fabs(s.mean);
}

std::string file_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// Each point's scenario, loaded the first time a thread needs it (a sizing search tries few of
/// the levels it could).
class PointScenarios {
 public:
  PointScenarios(const scenarios::ExperimentDesc& e, const std::vector<scenarios::PointDesc>& points)
      : e_(e), points_(points), loaded_(points.size()) {}
  const scenarios::LoadedScenario& at(std::size_t point) {
    std::lock_guard lock(mutex_);
    if (!loaded_.at(point)) {
      loaded_[point] = std::make_unique<scenarios::LoadedScenario>(scenarios::load_point_scenario(e_, points_[point]));
    }
    return *loaded_[point];
  }

 private:
  const scenarios::ExperimentDesc& e_;
  const std::vector<scenarios::PointDesc>& points_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<scenarios::LoadedScenario>> loaded_;
};

/// A station's wait statistic in minutes, from a run's waits there.
double wait_minutes(const output::WaitSummary& waits, scenarios::WaitStatistic statistic) {
  switch (statistic) {
    case scenarios::WaitStatistic::mean:
      return 60.0 * waits.mean_hours;
    case scenarios::WaitStatistic::p95:
      return 60.0 * waits.p95_hours;
    case scenarios::WaitStatistic::max:
      return 60.0 * waits.max_hours;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

int experiment_command(const ExperimentArguments& args, const std::string& command_line) {
  Ranks ranks;
  const bool root = ranks.rank() == 0;
  // Every rank reads and checks the experiment; they go on only if all could. The lowest rank
  // that could not reports why; the others end with their own exit code, quietly.
  scenarios::ExperimentDesc e;
  std::vector<scenarios::PointDesc> points;
  std::unique_ptr<PointScenarios> scenarios_at;
  std::exception_ptr failed;
  try {
    e = scenarios::load_experiment(args.file);
    if (root && args.output) check_output_path(*args.output);
    points = scenarios::experiment_points(e);
    scenarios_at = std::make_unique<PointScenarios>(e, points);
    // Checked before anything runs: every point's scenario (a sizing search: its fewest and most servers).
    for (std::size_t p = 0; p < points.size(); ++p) {
      if (!e.sizing || p == 0 || p + 1 == points.size()) scenarios_at->at(p);
    }
    check_responses(e, scenarios_at->at(0).description);
  } catch (...) {
    failed = std::current_exception();
  }
  if (const std::optional<int> first = ranks.first_failed(failed != nullptr)) {
    // The reporting rank prints before any rank leaves: mpirun ends the whole job as soon as one
    // rank exits with an error, which could cut the report short.
    const Voice voice = ranks.rank() == *first ? Voice::speak : Voice::quiet;
    const int code = failed != nullptr ? report_failure(failed, voice) : exit_failure;
    ranks.barrier();
    return code;
  }
  // A sizing search's warnings are those of its most servers: its fewest may well be overloaded.
  if (root) print_warnings(scenarios_at->at(e.sizing ? points.size() - 1 : 0).warnings);

  // One run: the point's scenario with the replication's seed, its responses kept in order.
  const auto simulate_point = [&](std::size_t point, std::int64_t replication,
                                  const std::function<void(double)>& progress) {
    models::ScenarioDesc scenario = scenarios_at->at(point).description;
    scenario.simulation.seed = scenarios::replication_seed(e, replication);
    models::World world(scenario);
    output::RunTotals totals(world.series());
    world.add_observer(totals);
    std::vector<std::unique_ptr<SeriesReduction>> reductions;
    for (const scenarios::ResponseDesc& response : e.responses) {
      if (response.series.empty()) continue;
      reductions.push_back(std::make_unique<SeriesReduction>(world.series(), response));
      world.add_observer(*reductions.back());
    }
    simulate(world, progress);
    const std::vector<output::HeadlineFigure> figures = output::headline_figures(scenario, totals);
    std::vector<double> responses;
    std::size_t reduction = 0;
    for (const scenarios::ResponseDesc& response : e.responses) {
      if (!response.series.empty()) {
        responses.push_back(reductions[reduction++]->value());
      } else if (!response.station.empty()) {
        const auto station = std::find_if(scenario.stations.begin(), scenario.stations.end(),
                                          [&](const auto& s) { return s.id == response.station; });
        const auto index = static_cast<std::size_t>(station - scenario.stations.begin());
        responses.push_back(wait_minutes(totals.station_waits().by_station(index), response.wait));
      } else if (!response.factory.empty()) {
        const auto factory = std::find_if(scenario.factories.begin(), scenario.factories.end(),
                                          [&](const auto& f) { return f.id == response.factory; });
        const auto index = static_cast<std::size_t>(factory - scenario.factories.begin());
        responses.push_back(wait_minutes(totals.line_waits(index), response.wait));
      } else {
        const auto figure =
            std::find_if(figures.begin(), figures.end(), [&](const auto& f) { return f.name == response.headline; });
        responses.push_back(figure->value);
      }
    }
    return responses;
  };
  // A failure names its run, so that `truckflow run` with its settings and seed can repeat it.
  const auto simulate_one = [&](std::size_t point, std::int64_t replication,
                                const std::function<void(double)>& progress) {
    try {
      return simulate_point(point, replication, progress);
    } catch (const std::exception& error) {
      std::string settings;
      for (const std::string& override : e.overrides) settings += " --set '" + override + "'";
      for (std::size_t f = 0; f < e.factors.size(); ++f) {
        if (points[point].levels[f]) settings += " --set '" + e.factors[f].key + "=" + *points[point].levels[f] + "'";
      }
      throw std::runtime_error("the run of replication " + std::to_string(replication) + " at" +
                               (settings.empty() ? " the base scenario" : settings) + " (--seed " +
                               std::to_string(scenarios::replication_seed(e, replication)) +
                               ") failed: " + error.what());
    }
  };
  // Under an MPI launcher a rank is a process per core, so each runs one run at a time by default.
  const unsigned jobs = args.jobs != 0 ? args.jobs : ranks.launched() ? 1U : std::thread::hardware_concurrency();
  ExperimentRuns spread(ranks, jobs, simulate_one);
  if (!root) {
    spread.serve();
    return exit_ok;
  }

  // values[point][replication][response], for the points run, in `tried` order. Every point runs
  // `replications`; a sequential experiment then adds one replication at a time to each point not
  // yet narrow enough, in rounds; a sizing search runs one level after another. What runs depends
  // only on the results, never on the threads or ranks.
  std::vector<std::vector<std::vector<double>>> values(points.size());
  std::vector<std::size_t> tried;
  const auto run_round = [&](const std::vector<std::pair<std::size_t, std::int64_t>>& wanted,
                             const std::string& label) {
    std::vector<std::unique_ptr<ExperimentRun>> runs;
    for (const auto& [point, replication] : wanted) {
      runs.push_back(std::make_unique<ExperimentRun>());
      runs.back()->point = point;
      runs.back()->replication = replication;
    }
    spread.run(runs, args.progress, label);
    for (const auto& run : runs) values[run->point].push_back(run->responses);
  };
  std::optional<output::ExperimentSizing> sizing;
  if (e.sizing) {
    sizing.emplace();
    sizing->key = e.sizing->servers_key;
    sizing->at_most_minutes = e.sizing->at_most_minutes;
    scenarios::SizingSearch search(*e.sizing);
    while (const std::optional<std::int64_t> level = search.next()) {
      const auto point = static_cast<std::size_t>(*level - e.sizing->from);
      std::vector<std::pair<std::size_t, std::int64_t>> wanted;
      for (std::int64_t r = 0; r < e.replications; ++r) wanted.emplace_back(point, r);
      run_round(wanted, std::to_string(*level) + " servers");
      tried.push_back(point);
      std::vector<double> waits;
      for (const auto& replication : values[point]) waits.push_back(replication[0]);
      const bool met = output::summarize(waits).mean <= e.sizing->at_most_minutes;  // NaN (no visits) never meets
      sizing->met.push_back(met);
      search.record(met);
    }
    sizing->answer = search.answer();
  } else {
    for (std::size_t p = 0; p < points.size(); ++p) tried.push_back(p);
    std::size_t sequential_response = 0;
    if (e.sequential) {
      while (e.responses[sequential_response].name() != e.sequential->response) ++sequential_response;
    }
    for (std::size_t round = 0;; ++round) {
      std::vector<std::pair<std::size_t, std::int64_t>> wanted;
      for (std::size_t p = 0; p < points.size(); ++p) {
        std::int64_t more = e.replications;
        if (round > 0) {
          std::vector<double> so_far;
          for (const auto& replication : values[p]) so_far.push_back(replication[sequential_response]);
          const bool done = static_cast<std::int64_t>(so_far.size()) >= e.sequential->max_replications ||
                            narrow_enough(so_far, e.sequential->relative_half_width);
          more = done ? 0 : 1;
        }
        for (std::int64_t r = 0; r < more; ++r) wanted.emplace_back(p, static_cast<std::int64_t>(values[p].size()) + r);
      }
      if (wanted.empty()) break;
      run_round(wanted, round == 0 ? "replications" : "round " + std::to_string(round + 1));
      if (!e.sequential) break;
    }
  }
  std::size_t replications = 0;
  for (const std::size_t p : tried) replications = std::max(replications, values[p].size());

  // The results, by point (as tried) and replication.
  output::ExperimentResults results;
  results.name = e.name;
  results.design = scenarios::to_string(e.design);
  results.sizing = sizing;
  for (const scenarios::FactorDesc& factor : e.factors) results.factors.push_back(factor.key);
  for (const std::size_t p : tried) results.levels.push_back(points[p].levels);
  for (std::size_t r = 0; r < replications; ++r) {
    results.seeds.push_back(scenarios::replication_seed(e, static_cast<std::int64_t>(r)));
  }
  for (const std::size_t p : tried) results.counts.push_back(values[p].size());
  const models::ScenarioDesc& base = scenarios_at->at(0).description;
  const models::SeriesCatalog catalog = models::series_catalog(base);
  const std::vector<output::HeadlineFigure> definitions = output::headline_definitions();
  for (std::size_t k = 0; k < e.responses.size(); ++k) {
    const scenarios::ResponseDesc& response = e.responses[k];
    output::ExperimentResults::Response out;
    out.name = response.name();
    if (!response.headline.empty()) {
      const auto figure = std::find_if(definitions.begin(), definitions.end(),
                                       [&](const auto& f) { return f.name == response.headline; });
      out.units = figure->units;
      out.long_name = figure->long_name;
    } else if (!response.station.empty() || !response.factory.empty()) {
      static const std::map<scenarios::WaitStatistic, std::string> what{
          {scenarios::WaitStatistic::mean, "mean"},
          {scenarios::WaitStatistic::p95, "95th percentile (to the minute)"},
          {scenarios::WaitStatistic::max, "longest"}};
      out.units = "min";
      out.long_name = what.at(response.wait) +
                      (response.station.empty() ? " of the waits for an assembly line at factory " + response.factory +
                                                      " over the run (NaN when no truck left the wait)"
                                                : " of the waits before service at station " + response.station +
                                                      " over the run (NaN without visits)");
    } else {
      const models::SeriesSpec& spec = catalog.find(response.series).spec;
      out.units = spec.units;
      out.long_name = std::string(scenarios::to_string(response.statistic)) + " over time of " + spec.long_name +
                      ", summed over " + (spec.dimensions.empty() ? "nothing" : "its dimensions");
    }
    for (const std::size_t p : tried) {
      for (std::size_t r = 0; r < replications; ++r) {
        out.values.push_back(r < values[p].size() ? values[p][r][k] : std::numeric_limits<double>::quiet_NaN());
      }
    }
    results.responses.push_back(std::move(out));
  }

  // The table: a row per point, its levels, and each response's mean ± half-width.
  std::vector<std::string> names{"point"};
  std::vector<std::string> units{""};
  for (const scenarios::FactorDesc& factor : e.factors) {
    names.push_back(factor.key);
    units.emplace_back("");
  }
  for (const auto& response : results.responses) {
    names.push_back(response.name);
    units.push_back("mean +/- 95% [" + response.units + "]");
  }
  if (sizing) {
    names.emplace_back("meets");
    units.push_back("<= " + fixed(sizing->at_most_minutes, 1) + " min");
  }
  Table table(names, units, 1 + e.factors.size());
  for (std::size_t p = 0; p < results.points(); ++p) {
    std::vector<std::string> row{std::to_string(p)};
    for (const auto& level : results.levels[p]) row.push_back(level.value_or("(base)"));
    for (const auto& response : results.responses) {
      const output::Summary s = output::summarize(results.replications_at(response, p));
      row.push_back(format_figure(s.mean, response.units) +
                    (std::isnan(s.half_width) ? "" : " +/- " + format_figure(s.half_width, response.units)));
    }
    if (sizing) row.emplace_back(sizing->met[p] ? "yes" : "no");
    table.add(row);
  }
  std::cout << "Experiment: " << e.name << " (" << results.design << ", " << results.points()
            << (results.points() == 1 ? " point, " : " points, ");
  if (e.sequential) {
    std::size_t fewest = replications;
    for (const std::size_t count : results.counts) fewest = std::min(fewest, count);
    std::cout << fewest << " to " << replications << " replications each until the 95% interval of "
              << e.sequential->response << " was within " << fixed(100.0 * e.sequential->relative_half_width, 1)
              << "% of its mean (at most " << e.sequential->max_replications << ")";
  } else {
    std::cout << replications << " replications each";
  }
  std::cout << ", the same random streams at every point"
            << (ranks.size() > 1 ? ", on " + std::to_string(ranks.size()) + " ranks" : "") << ")\n\n";
  table.print(std::cout, sizing ? "Levels tried, in the order tried (mean over the replications +/- the half-width of "
                                  "its 95% confidence interval, Student t)"
                                : "Responses by point (mean over the replications +/- the half-width of its 95% "
                                  "confidence interval, Student t)");
  if (sizing) {
    const bool lines = e.sizing->station.empty();
    static const std::map<scenarios::WaitStatistic, std::string> statistic{
        {scenarios::WaitStatistic::mean, "wait"},
        {scenarios::WaitStatistic::p95, "95th percentile of the wait"},
        {scenarios::WaitStatistic::max, "longest wait"}};
    const std::string bound = "the mean over the replications of the " + statistic.at(e.sizing->wait) +
                              (lines ? " for a line at " + e.sizing->factory : " at " + e.sizing->station) +
                              " at most " + fixed(e.sizing->at_most_minutes, 1) + " min";
    const std::string servers = lines ? "lines" : "servers";
    if (sizing->answer) {
      std::cout << "\nFewest " << servers << " (" << e.sizing->servers_key << ") that keep " << bound << ": "
                << *sizing->answer << "\n";
    } else {
      std::cout << "\nNo level up to " << e.sizing->to << " " << servers << " (" << e.sizing->servers_key << ") keeps "
                << bound << "\n";
    }
    const std::span<const double> first = results.responses.front().values;
    if (std::any_of(first.begin(), first.end(), [](double v) { return std::isnan(v); })) {
      std::cout << "Some runs had no "
                << (lines ? "truck waiting for a line at " + e.sizing->factory : "visit at " + e.sizing->station)
                << ": they have no wait (NaN), and a level with such a run does not meet the bound.\n";
    }
  }

  if (args.output) {
    output::AtomicFile file(*args.output);
    file.write_and_publish([&](const std::string& temporary_path) {
      output::write_experiment_results(
          temporary_path, results, file_text(args.file),
          {command_line, e.scenario_path, scenarios_at->at(0).resolved_yaml, version, git_revision},
          throw_if_cancelled);
      throw_if_cancelled();
    });
    std::cerr << "Results written to " << *args.output << " (" << std::filesystem::file_size(*args.output) / 1024
              << " KiB)\n";
  } else {
    print_no_results_file();
  }
  return exit_ok;
}

}  // namespace truckflow::app
