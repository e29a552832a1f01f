// truckflow experiment: every point of an experiment's design, each replicated with the same random
// streams at every point, run in parallel; each response summarised per point; a table and a file.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <thread>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/experiment.hpp"
#include "truckflow/output/run_record.hpp"
#include "truckflow/scenarios/experiment.hpp"

#include "build_info.hpp"
#include "cancellation.hpp"
#include "commands.hpp"
#include "headline_table.hpp"
#include "inputs.hpp"
#include "progress.hpp"
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

/// Throws ScenarioError at each response that names no headline figure or series.
void check_responses(const scenarios::ExperimentDesc& e, const models::SeriesCatalog& catalog) {
  std::vector<std::string> figures;
  for (const output::HeadlineFigure& f : output::headline_definitions()) figures.push_back(f.name);
  std::vector<std::string> series;
  for (const auto& entry : catalog.series()) series.push_back(entry.spec.name);
  std::vector<scenarios::Diagnostic> problems;
  for (std::size_t i = 0; i < e.responses.size(); ++i) {
    const scenarios::ResponseDesc& r = e.responses[i];
    const bool headline = !r.headline.empty();
    const std::string& name = headline ? r.headline : r.series;
    const std::vector<std::string>& known = headline ? figures : series;
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    problems.push_back({r.where, "responses[" + std::to_string(i) + "]." + (headline ? "headline" : "series"),
                        "no " + std::string(headline ? "headline figure" : "series") + " is named '" + name +
                            "' (docs/output.md lists them)"});
  }
  if (!problems.empty()) throw scenarios::ScenarioError(std::move(problems));
}

struct Run {
  std::size_t point = 0;
  std::int64_t replication = 0;
  std::vector<double> responses;
  std::atomic<double> fraction{0.0};
  std::exception_ptr error;
  std::atomic<bool> finished{false};
};

/// Runs every one of `runs` with `one`, on up to `jobs` threads (0: one per core), showing
/// progress; rethrows the first failure in run order. Each run keeps its own results, so they do
/// not depend on how many run at once.
void run_all(std::vector<std::unique_ptr<Run>>& runs, unsigned jobs_wanted, const ProgressOptions& options,
             const std::string& label, const std::function<void(Run&)>& one) {
  const unsigned jobs =
      std::max(1U, std::min<unsigned>(jobs_wanted != 0 ? jobs_wanted : std::thread::hardware_concurrency(),
                                      static_cast<unsigned>(runs.size())));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < runs.size(); i = next++) {
      Run& run = *runs[i];
      try {
        one(run);
        run.fraction = 1.0;
      } catch (...) {
        run.error = std::current_exception();
      }
      run.finished = true;
    }
  };
  std::vector<std::thread> workers;
  for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);
  {
    Progress progress("experiment", options);
    for (;;) {
      double done = 0.0;
      std::size_t finished = 0;
      for (const auto& run : runs) {
        done += run->fraction;
        finished += run->finished ? 1 : 0;
      }
      if (finished == runs.size()) break;
      progress.update(done / static_cast<double>(runs.size()),
                      label + ": " + std::to_string(finished) + "/" + std::to_string(runs.size()) + " runs", 0);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  for (std::thread& worker : workers) worker.join();
  for (const auto& run : runs) {
    if (run->error) std::rethrow_exception(run->error);
  }
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

}  // namespace

int experiment_command(const ExperimentArguments& args, const std::string& command_line) {
  const scenarios::ExperimentDesc e = scenarios::load_experiment(args.file);
  if (args.output) check_output_path(*args.output);
  const std::vector<scenarios::PointDesc> points = scenarios::experiment_points(e);
  // Every point's scenario is loaded (and so checked) before anything runs.
  std::vector<scenarios::LoadedScenario> scenarios_at;
  for (const scenarios::PointDesc& point : points) scenarios_at.push_back(scenarios::load_point_scenario(e, point));
  print_warnings(scenarios_at.front().warnings);
  check_responses(e, models::series_catalog(scenarios_at.front().description));

  // One run: the point's scenario with the replication's seed, its responses kept in order.
  const auto simulate_one = [&](Run& run) {
    models::ScenarioDesc scenario = scenarios_at[run.point].description;
    scenario.simulation.seed = scenarios::replication_seed(e, run.replication);
    models::World world(scenario);
    output::RunTotals totals(world.series());
    world.add_observer(totals);
    std::vector<std::unique_ptr<SeriesReduction>> reductions;
    for (const scenarios::ResponseDesc& response : e.responses) {
      if (response.series.empty()) continue;
      reductions.push_back(std::make_unique<SeriesReduction>(world.series(), response));
      world.add_observer(*reductions.back());
    }
    simulate(world, [&](double fraction) { run.fraction = fraction; });
    const std::vector<output::HeadlineFigure> figures = output::headline_figures(scenario, totals);
    std::size_t reduction = 0;
    for (const scenarios::ResponseDesc& response : e.responses) {
      if (!response.series.empty()) {
        run.responses.push_back(reductions[reduction++]->value());
        continue;
      }
      const auto figure =
          std::find_if(figures.begin(), figures.end(), [&](const auto& f) { return f.name == response.headline; });
      run.responses.push_back(figure->value);
    }
  };
  // values[point][replication][response]. Every point runs `replications`; a sequential
  // experiment then adds one replication at a time to each point not yet narrow enough, in rounds,
  // so what runs depends only on the results, not on the threads.
  std::vector<std::vector<std::vector<double>>> values(points.size());
  std::size_t sequential_response = 0;
  if (e.sequential) {
    while (e.responses[sequential_response].name() != e.sequential->response) ++sequential_response;
  }
  for (std::size_t round = 0;; ++round) {
    std::vector<std::unique_ptr<Run>> runs;
    for (std::size_t p = 0; p < points.size(); ++p) {
      std::int64_t wanted = e.replications;
      if (round > 0) {
        std::vector<double> so_far;
        for (const auto& replication : values[p]) so_far.push_back(replication[sequential_response]);
        const bool done = static_cast<std::int64_t>(so_far.size()) >= e.sequential->max_replications ||
                          narrow_enough(so_far, e.sequential->relative_half_width);
        wanted = done ? 0 : 1;
      }
      for (std::int64_t r = 0; r < wanted; ++r) {
        runs.push_back(std::make_unique<Run>());
        runs.back()->point = p;
        runs.back()->replication = static_cast<std::int64_t>(values[p].size()) + r;
      }
    }
    if (runs.empty()) break;
    run_all(runs, args.jobs, args.progress, round == 0 ? "replications" : "round " + std::to_string(round + 1),
            simulate_one);
    for (const auto& run : runs) values[run->point].push_back(run->responses);
    if (!e.sequential) break;
  }
  std::size_t replications = 0;
  for (const auto& point : values) replications = std::max(replications, point.size());

  // The results, by point and replication.
  output::ExperimentResults results;
  results.name = e.name;
  results.design = scenarios::to_string(e.design);
  for (const scenarios::FactorDesc& factor : e.factors) results.factors.push_back(factor.key);
  for (const scenarios::PointDesc& point : points) results.levels.push_back(point.levels);
  for (std::size_t r = 0; r < replications; ++r) {
    results.seeds.push_back(scenarios::replication_seed(e, static_cast<std::int64_t>(r)));
  }
  for (const auto& point : values) results.counts.push_back(point.size());
  const models::SeriesCatalog catalog = models::series_catalog(scenarios_at.front().description);
  const std::vector<output::HeadlineFigure> definitions = output::headline_definitions();
  for (std::size_t k = 0; k < e.responses.size(); ++k) {
    const scenarios::ResponseDesc& response = e.responses[k];
    output::ExperimentResults::Response out;
    out.name = response.name();
    if (response.series.empty()) {
      const auto figure = std::find_if(definitions.begin(), definitions.end(),
                                       [&](const auto& f) { return f.name == response.headline; });
      out.units = figure->units;
      out.long_name = figure->long_name;
    } else {
      const models::SeriesSpec& spec = catalog.find(response.series).spec;
      out.units = spec.units;
      out.long_name = std::string(scenarios::to_string(response.statistic)) + " over time of " + spec.long_name +
                      ", summed over " + (spec.dimensions.empty() ? "nothing" : "its dimensions");
    }
    for (const auto& point : values) {
      for (std::size_t r = 0; r < replications; ++r) {
        out.values.push_back(r < point.size() ? point[r][k] : std::numeric_limits<double>::quiet_NaN());
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
  Table table(names, units, 1 + e.factors.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::vector<std::string> row{std::to_string(p)};
    for (const auto& level : points[p].levels) row.push_back(level.value_or("(base)"));
    for (const auto& response : results.responses) {
      const output::Summary s = output::summarize(results.replications_at(response, p));
      row.push_back(format_figure(s.mean, response.units) +
                    (std::isnan(s.half_width) ? "" : " +/- " + format_figure(s.half_width, response.units)));
    }
    table.add(row);
  }
  std::cout << "Experiment: " << e.name << " (" << results.design << ", " << points.size() << " points, ";
  if (e.sequential) {
    std::size_t fewest = replications;
    for (const std::size_t count : results.counts) fewest = std::min(fewest, count);
    std::cout << fewest << " to " << replications << " replications each until the 95% interval of "
              << e.sequential->response << " was within " << fixed(100.0 * e.sequential->relative_half_width, 1)
              << "% of its mean (at most " << e.sequential->max_replications << ")";
  } else {
    std::cout << replications << " replications each";
  }
  std::cout << ", the same random streams at every point)\n\n";
  table.print(std::cout,
              "Responses by point (mean over the replications +/- the half-width of its 95% confidence "
              "interval, Student t)");

  if (args.output) {
    output::AtomicFile file(*args.output);
    file.write_and_publish([&](const std::string& temporary_path) {
      output::write_experiment_results(
          temporary_path, results, file_text(args.file),
          {command_line, e.scenario_path, scenarios_at.front().resolved_yaml, version, git_revision},
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
