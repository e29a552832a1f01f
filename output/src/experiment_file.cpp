// An experiment's summaries and its results file.
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "truckflow/output/experiment.hpp"

#include "netcdf_writer.hpp"

namespace truckflow::output {

Summary summarize(std::span<const double> values) {
  Summary s;
  s.count = values.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (values.empty()) return {0, nan, nan, nan};
  double sum = 0.0;
  for (const double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.count);
  if (s.count < 2) {
    s.sd = s.half_width = nan;
    return s;
  }
  double squares = 0.0;
  for (const double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / static_cast<double>(s.count - 1));
  const boost::math::students_t t(static_cast<double>(s.count - 1));
  s.half_width = boost::math::quantile(t, 0.975) * s.sd / std::sqrt(static_cast<double>(s.count));
  return s;
}

void write_experiment_results(const std::string& path, const ExperimentResults& r, const std::string& experiment_yaml,
                              const Provenance& provenance, const std::function<void()>& interruption_check) {
  NetcdfWriter nc(path, interruption_check);
  const std::size_t points = r.points();
  const std::size_t replications = r.replications();
  std::vector<double> point_numbers(points);
  for (std::size_t p = 0; p < points; ++p) point_numbers[p] = static_cast<double>(p);
  nc.dimension("point", point_numbers, {"", "a point of the design: one setting of the factors"});
  std::vector<double> replication_numbers(replications);
  for (std::size_t i = 0; i < replications; ++i) replication_numbers[i] = static_cast<double>(i);
  nc.dimension("replication", replication_numbers,
               {"", "a replication: the same random streams at every point (common random numbers)"});
  nc.dimension("factor", r.factors, {"", "a scenario key the experiment varies"});
  std::vector<std::int64_t> seeds(r.seeds.begin(), r.seeds.end());
  nc.variable("replication_seed", {"replication"}, seeds, {"1", "the scenario's simulation.seed in the replication"});
  std::vector<std::string> level_text;
  std::vector<double> level_number;
  for (const auto& levels : r.levels) {
    for (const auto& level : levels) {
      level_text.push_back(level.value_or(""));
      char* end = nullptr;
      const double value = level ? std::strtod(level->c_str(), &end) : 0.0;
      level_number.push_back(level && end != level->c_str() && *end == '\0' ? value
                                                                            : std::numeric_limits<double>::quiet_NaN());
    }
  }
  std::vector<std::int64_t> counts(r.counts.begin(), r.counts.end());
  nc.variable("point_replications", {"point"}, counts,
              {"1", "replications run at the point (the values past them are NaN)"});
  nc.variable("point_level", {"point", "factor"}, level_text,
              {"", "each factor's level at the point, as written (empty: as the base scenario has it)"});
  nc.variable("point_value", {"point", "factor"}, level_number,
              {"", "each factor's level at the point as a number (NaN: not a number, or as the base has it)"});
  for (const ExperimentResults::Response& response : r.responses) {
    const std::string name = "response_" + response.name;
    nc.variable(name, {"point", "replication"}, response.values, {response.units, response.long_name});
    std::vector<double> mean, sd, low, high;
    for (std::size_t p = 0; p < points; ++p) {
      const Summary s = summarize(r.replications_at(response, p));
      mean.push_back(s.mean);
      sd.push_back(s.sd);
      low.push_back(s.mean - s.half_width);
      high.push_back(s.mean + s.half_width);
    }
    nc.variable(name + "_mean", {"point"}, mean, {response.units, "mean over the replications: " + response.long_name});
    nc.variable(name + "_sd", {"point"}, sd, {response.units, "standard deviation over the replications (n - 1)"});
    nc.variable(name + "_ci95_low", {"point"}, low,
                {response.units, "lower end of the 95% confidence interval of the mean (Student t)"});
    nc.variable(name + "_ci95_high", {"point"}, high,
                {response.units, "upper end of the 95% confidence interval of the mean (Student t)"});
  }
  if (r.sizing) {
    std::vector<std::int64_t> met(r.sizing->met.begin(), r.sizing->met.end());
    nc.variable("point_meets_bound", {"point"}, met,
                {"1",
                 "1 where the mean over the replications of the bounded wait (the first response) is at most "
                 "sizing_bound_minutes, else 0"});
    nc.variable(
        "sizing_fewest_servers", {}, std::vector<std::int64_t>{r.sizing->answer.value_or(-1)},
        {"servers", "the fewest " + r.sizing->key + " found to meet the bound (-1: not even the most searched did)"});
    nc.variable("sizing_bound_minutes", {}, std::vector<double>{r.sizing->at_most_minutes},
                {"min", "the most the bounded wait may be"});
    nc.attribute("sizing_key", r.sizing->key);
  }
  nc.attribute("Conventions", "CF-1.8");
  nc.attribute("title", "truckflow experiment: " + r.name);
  nc.attribute("source", "truckflow " + provenance.truckflow_version + " (git " + provenance.git_revision + ")");
  nc.attribute("history", provenance.command_line);
  nc.attribute("truckflow_kind", "experiment");
  nc.attribute("truckflow_version", provenance.truckflow_version);
  nc.attribute("truckflow_git_revision", provenance.git_revision);
  nc.attribute("command_line", provenance.command_line);
  nc.attribute("experiment_name", r.name);
  nc.attribute("design", r.design);
  nc.attribute("scenario_file", provenance.scenario_file);
  nc.variable("experiment_yaml", {}, std::vector<std::string>{experiment_yaml}, {"", "the experiment file, as read"});
  nc.variable("scenario_yaml", {}, std::vector<std::string>{provenance.scenario_yaml},
              {"", "the base scenario (extends merged, the experiment's overrides applied), YAML"});
  nc.close();
}

}  // namespace truckflow::output
