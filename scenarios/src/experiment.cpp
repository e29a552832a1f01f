// Experiment files: their spec, reading them, the designs' points, and each point's scenario.
#include "truckflow/scenarios/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "compose.hpp"
#include "context.hpp"
#include "scalars.hpp"
#include "spec.hpp"

namespace truckflow::scenarios {

const char* to_string(Design design) {
  switch (design) {
    case Design::full_factorial:
      return "full_factorial";
    case Design::one_at_a_time:
      return "one_at_a_time";
    case Design::latin_hypercube:
      return "latin_hypercube";
    case Design::sizing:
      return "sizing";
  }
  return "?";
}

const char* to_string(WaitStatistic statistic) {
  switch (statistic) {
    case WaitStatistic::mean:
      return "mean";
    case WaitStatistic::p95:
      return "p95";
    case WaitStatistic::max:
      return "max";
  }
  return "?";
}

const char* to_string(Statistic statistic) {
  switch (statistic) {
    case Statistic::final:
      return "final";
    case Statistic::mean:
      return "mean";
    case Statistic::max:
      return "max";
    case Statistic::min:
      return "min";
  }
  return "?";
}

std::string ResponseDesc::name() const {
  if (!headline.empty()) return headline;
  if (!station.empty()) return station + "_wait_" + to_string(wait) + "_minutes";
  if (!factory.empty()) return factory + "_line_wait_" + to_string(wait) + "_minutes";
  return series + "_" + to_string(statistic);
}

std::optional<std::int64_t> SizingSearch::next() const {
  if (over_) return std::nullopt;
  if (!tried_most_) return high_;
  if (low_ >= high_) return std::nullopt;
  return low_ + (high_ - low_) / 2;
}

void SizingSearch::record(bool met) {
  const std::optional<std::int64_t> level = next();
  if (!level) throw std::logic_error("SizingSearch::record: the search is over");
  if (!tried_most_) {
    tried_most_ = true;
    if (met) {
      answer_ = *level;
    } else {
      over_ = true;  // not even the most servers meet the bound
    }
    return;
  }
  if (met) {
    high_ = *level;
    answer_ = *level;
  } else {
    low_ = *level + 1;
  }
}

namespace detail {
namespace {

template <typename T>
Field<T> wait_choice(std::string key, WaitStatistic T::*member, std::string meaning) {
  return choice(std::move(key), member,
                {{"mean", WaitStatistic::mean}, {"p95", WaitStatistic::p95}, {"max", WaitStatistic::max}},
                std::move(meaning), Need::optional);
}

/// A list of scalar values kept as their YAML text (a factor's levels), at least one, at most 1,000.
template <typename T>
Field<T> values(std::string key, std::vector<std::string> T::*member, std::string meaning) {
  KeyDoc doc{std::move(key), "list of values",   "", "1 to 1,000 numbers, texts or true/false", "",
             false,          std::move(meaning), ""};
  auto decode = [member](const Node& node, T& out, Context& context, const std::string& path) {
    if (!node.is_sequence() || node.items().empty() || node.items().size() > 1000) {
      context.error(node, path, "expected a list of 1 to 1,000 values, found " + node.describe());
      return;
    }
    for (std::size_t i = 0; i < node.items().size(); ++i) {
      const Node& item = node.items()[i];
      context.remember(item_path(path, i), item);
      if (auto text = to_text(item, context, item_path(path, i))) (out.*member).push_back(std::move(*text));
    }
  };
  auto schema = [](SchemaFor) {
    Json item = Json::object();
    item.set("type", Json::Array{"number", "string", "boolean"});
    Json s = typed_schema("array");
    s.set("items", item);
    s.set("minItems", 1);
    s.set("maxItems", 1000);
    return s;
  };
  return {std::move(doc), decode, schema};
}

const ObjectSpec<RangeDesc>& range_spec() {
  static const auto spec = [] {
    ObjectSpec<RangeDesc> s("range", "Evenly spaced levels of a number: from, from + step, ... up to `to`.");
    s.add(number("from", &RangeDesc::from, Range{}, "", "the first level"));
    s.add(number("to", &RangeDesc::to, Range{}, "", "the last level (reached when it is from plus whole steps)"));
    s.add(number("step", &RangeDesc::step, Range{0.0, std::nullopt, true}, "", "between levels (above 0)",
                 Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<IntervalDesc>& interval_spec() {
  static const auto spec = [] {
    ObjectSpec<IntervalDesc> s("interval", "A number drawn uniformly between low and high (Latin hypercube).");
    s.add(number("low", &IntervalDesc::low, Range{}, "", "the lowest value"));
    s.add(number("high", &IntervalDesc::high, Range{}, "", "the highest value"));
    return s;
  }();
  return spec;
}

const ObjectSpec<FactorDesc>& factor_spec() {
  static const auto spec = [] {
    ObjectSpec<FactorDesc> s("factor",
                             "A scenario key the experiment varies, and its levels (one of levels, range "
                             "or uniform).");
    s.add(text("key", &FactorDesc::key,
               "a key path of the scenario, as `--set` takes it (e.g. energy_sources[pangang_h2].price_cny_per_unit)",
               Need::required));
    s.add(values("levels", &FactorDesc::levels, "the values the key takes"));
    s.add(optional_object("range", &FactorDesc::range, range_spec(), "levels of a number, evenly spaced"));
    s.add(optional_object("uniform", &FactorDesc::uniform, interval_spec(),
                          "a number drawn between low and high (design latin_hypercube only)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<ResponseDesc>& response_spec() {
  static const auto spec = [] {
    ObjectSpec<ResponseDesc> s("response",
                               "What each run gives that the experiment summarises: a headline figure, or "
                               "a sampled series summed over its other dimensions and reduced over time.");
    s.add(text("headline", &ResponseDesc::headline,
               "a headline figure's name (docs/output.md, \"Headline figures\"), e.g. trucks_delivered"));
    s.add(text("series", &ResponseDesc::series, "a sampled series' name (docs/output.md), e.g. station_queue_trucks"));
    s.add(choice(
        "statistic", &ResponseDesc::statistic,
        {{"final", Statistic::final}, {"mean", Statistic::mean}, {"max", Statistic::max}, {"min", Statistic::min}},
        "of a series over time: its value at the end, mean, largest or smallest sample", Need::optional));
    s.add(text("station", &ResponseDesc::station, "a station's id: the waits before service there, in minutes"));
    s.add(text("factory", &ResponseDesc::factory,
               "a factory's id: the waits of its trucks for an assembly line (components gathered), in minutes"));
    s.add(wait_choice("wait", &ResponseDesc::wait,
                      "of a station's or factory's waits over a run: their mean, 95th percentile (to the minute) or "
                      "longest (default p95)"));
    return s;
  }();
  return spec;
}

const ObjectSpec<SizingDesc>& sizing_spec() {
  static const auto spec = [] {
    ObjectSpec<SizingDesc> s("sizing",
                             "A search for the fewest servers at a station (or assembly lines at a factory) that keep "
                             "its wait at most a bound, each level tried run `replications` times; give station or "
                             "factory.");
    s.add(text("station", &SizingDesc::station,
               "the station's id (its chargers, swap lanes, dispensers or nozzles are searched; it must not "
               "grow by expansions or trucks_per_server; its wait: before service)"));
    s.add(text("factory", &SizingDesc::factory,
               "the factory's id (its lines are searched; its wait: a truck's, components gathered, for a line)"));
    s.add(integer("from", &SizingDesc::from, Range{1.0, static_cast<double>(models::max_station_servers)}, "servers",
                  "the fewest servers (or lines) searched"));
    s.add(integer("to", &SizingDesc::to, Range{1.0, static_cast<double>(models::max_station_servers)}, "servers",
                  "the most servers (or lines) searched"));
    s.add(wait_choice("wait", &SizingDesc::wait,
                      "the statistic of a run's waits bounded: mean, 95th percentile (default) or longest"));
    s.add(number("at_most_minutes", &SizingDesc::at_most_minutes, Range{0.0, 1e7}, "min",
                 "the bound: a level meets it when its replications' mean of the statistic is at most this",
                 Need::required));
    return s;
  }();
  return spec;
}

const ObjectSpec<SequentialDesc>& sequential_spec() {
  static const auto spec = [] {
    ObjectSpec<SequentialDesc> s("sequential",
                                 "Replications added to each point, one at a time, until the 95% "
                                 "confidence interval of a response's mean is narrow enough.");
    s.add(text("response", &SequentialDesc::response,
               "a response's name: the headline figure's, or SERIES_STATISTIC (e.g. station_queue_trucks_max)",
               Need::required));
    s.add(number("relative_half_width", &SequentialDesc::relative_half_width, Range{0.0, 1.0, true}, "",
                 "the most the interval's half-width may be, as a share of the mean's magnitude", Need::optional));
    s.add(integer("max_replications", &SequentialDesc::max_replications, Range{2.0, 10000.0}, "",
                  "the most replications a point runs, narrow enough or not", Need::optional));
    return s;
  }();
  return spec;
}

const ObjectSpec<ExperimentDesc>& experiment_spec() {
  static const auto spec = [] {
    ObjectSpec<ExperimentDesc> s("experiment", "A truckflow experiment: what-ifs over a base scenario, replicated.");
    s.add(text("name", &ExperimentDesc::name, "name of the experiment", Need::required));
    s.add(text("description", &ExperimentDesc::description, "what the experiment asks"));
    s.add(text("scenario", &ExperimentDesc::scenario, "the base scenario file, relative to this file", Need::required));
    s.add(values("overrides", &ExperimentDesc::overrides,
                 "`key=value` assignments applied to every run before the factors, as `--set` takes them"));
    s.add(list("factors", &ExperimentDesc::factors, factor_spec(), "the keys varied (all but a sizing search)",
               Need::optional, 1, 20));
    s.add(choice("design", &ExperimentDesc::design,
                 {{"full_factorial", Design::full_factorial},
                  {"one_at_a_time", Design::one_at_a_time},
                  {"latin_hypercube", Design::latin_hypercube}},
                 "every combination of the levels; the base and each factor's levels one at a time (a tornado); or a "
                 "Latin hypercube sample of `points` points",
                 Need::optional));
    s.add(integer("points", &ExperimentDesc::points, Range{0.0, 100000.0}, "",
                  "how many points a Latin hypercube samples", Need::optional));
    s.add(integer("replications", &ExperimentDesc::replications, Range{1.0, 10000.0}, "",
                  "runs of each point, each with its own random streams, the same at every point (common random "
                  "numbers)",
                  Need::optional));
    s.add(integer("seed", &ExperimentDesc::seed, Range{0.0, 9.2e18}, "",
                  "from which each replication's seed is derived (default 0)", Need::optional));
    s.add(list("responses", &ExperimentDesc::responses, response_spec(),
               "what to summarise (a sizing search adds the wait it bounds first)", Need::optional, 1, 100));
    s.add(optional_object("sequential", &ExperimentDesc::sequential, sequential_spec(),
                          "replicate each point until a response's confidence interval is narrow enough (then "
                          "`replications`, at least 2, is where each point starts)"));
    s.add(optional_object("sizing", &ExperimentDesc::sizing, sizing_spec(),
                          "instead of factors and a design: search for the fewest servers at a station that keep its "
                          "wait at most a bound"));
    return s;
  }();
  return spec;
}

/// `value` as YAML text that reads back as the same number.
std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

/// Checks what the spec cannot: one kind of levels per factor, a range that makes levels, the
/// design's needs, the runs' count. Expands ranges into levels.
void check(ExperimentDesc& e, Context& context) {
  for (std::size_t f = 0; f < e.factors.size(); ++f) {
    FactorDesc& factor = e.factors[f];
    const std::string path = item_path("factors", f);
    factor.where = context.where(path);
    const int kinds = (factor.levels.empty() ? 0 : 1) + (factor.range ? 1 : 0) + (factor.uniform ? 1 : 0);
    if (kinds != 1) {
      context.error_at(path, "give exactly one of levels, range and uniform");
      continue;
    }
    if (factor.range) {
      const RangeDesc& r = *factor.range;
      const double count = std::floor((r.to - r.from) / r.step + 1e-9) + 1.0;
      if (r.to < r.from || count > 1000.0) {
        context.error_at(child_path(path, "range"), "expected from <= to and at most 1,000 levels");
        continue;
      }
      for (int i = 0; i < static_cast<int>(count); ++i) factor.levels.push_back(number_text(r.from + i * r.step));
    }
    if (factor.uniform) {
      if (e.design != Design::latin_hypercube) {
        context.error_at(child_path(path, "uniform"), "a factor drawn uniformly needs design: latin_hypercube");
      } else if (!(factor.uniform->low < factor.uniform->high)) {
        context.error_at(child_path(path, "uniform"), "expected low < high");
      }
    }
  }
  for (std::size_t r = 0; r < e.responses.size(); ++r) {
    ResponseDesc& response = e.responses[r];
    const std::string path = item_path("responses", r);
    response.where = context.where(path);
    const int kinds = (response.headline.empty() ? 0 : 1) + (response.series.empty() ? 0 : 1) +
                      (response.station.empty() ? 0 : 1) + (response.factory.empty() ? 0 : 1);
    if (kinds != 1) context.error_at(path, "give exactly one of headline, series, station and factory");
    if (response.station.empty() && response.factory.empty() &&
        context.locations().count(child_path(path, "wait")) != 0) {
      context.error_at(child_path(path, "wait"), "wait is for a station's or factory's waits: give one");
    }
    if (response.series.empty() && context.locations().count(child_path(path, "statistic")) != 0) {
      context.error_at(child_path(path, "statistic"),
                       "statistic is for a series (a station's or factory's waits take wait)");
    }
    if (kinds == 1) {
      for (std::size_t before = 0; before < r; ++before) {
        if (e.responses[before].name() == response.name()) {
          context.error_at(path,
                           "the same response as responses[" + std::to_string(before) + "] (" + response.name() + ")");
          break;
        }
      }
    }
  }
  if (e.sizing) {
    SizingDesc& sizing = *e.sizing;
    sizing.where = context.where("sizing");
    for (const char* key : {"factors", "design", "points", "sequential"}) {
      if (context.locations().count(key) != 0) {
        context.error_at(key, std::string("a sizing search makes its own levels: give no ") + key);
      }
    }
    if (sizing.station.empty() == sizing.factory.empty()) {
      context.error_at("sizing", "give exactly one of station and factory");
    }
    if (sizing.to < sizing.from) context.error_at("sizing.to", "expected at least from");
    if (sizing.to - sizing.from >= 1000) context.error_at("sizing.to", "expected at most 1,000 levels from `from`");
    e.design = Design::sizing;
    ResponseDesc bounded;
    bounded.station = sizing.station;
    bounded.factory = sizing.factory;
    bounded.wait = sizing.wait;
    bounded.where = sizing.where;
    e.responses.insert(e.responses.begin(), bounded);
    for (std::size_t r = 1; r < e.responses.size(); ++r) {
      if (e.responses[r].name() == bounded.name()) {
        context.error_at(item_path("responses", r - 1), "the sizing search already reports " + bounded.name());
      }
    }
  } else {
    if (e.factors.empty()) context.error_at("factors", "expected the factors (or a sizing search)");
    if (e.responses.empty()) context.error_at("responses", "expected the responses to summarise");
  }
  if (e.sequential) {
    SequentialDesc& sequential = *e.sequential;
    sequential.where = context.where("sequential");
    const bool known = std::any_of(e.responses.begin(), e.responses.end(),
                                   [&](const ResponseDesc& r) { return r.name() == sequential.response; });
    if (!known) {
      std::vector<std::string> names;
      for (const ResponseDesc& r : e.responses) names.push_back(r.name());
      context.error_at("sequential.response", "'" + sequential.response + "' is not one of the responses (" +
                                                  quoted_list(names) + ")" + did_you_mean(sequential.response, names));
    }
    if (e.replications < 2) {
      context.error_at("replications", "a sequential experiment starts each point with at least 2 replications");
    }
    if (sequential.max_replications < e.replications) {
      context.error_at("sequential.max_replications",
                       "expected at least `replications` (" + std::to_string(e.replications) + ")");
    }
  }
  if (e.design == Design::latin_hypercube && e.points < 1) {
    context.error_at("design", "a Latin hypercube needs points (at least 1)");
  }
  if (e.design != Design::latin_hypercube && e.points != 0) {
    context.error_at("points", "points is for design: latin_hypercube (the other designs make their own)");
  }
  if (context.error_count() == 0) {
    const double points = static_cast<double>(experiment_points(e).size());
    if (points * static_cast<double>(e.most_replications()) > static_cast<double>(max_experiment_runs)) {
      context.error_at(e.sequential ? "sequential.max_replications" : "replications",
                       "the experiment could make " + number_text(points) + " points of " +
                           std::to_string(e.most_replications()) + " replications: more than " +
                           std::to_string(max_experiment_runs) + " runs");
    }
  }
}

}  // namespace

/// The sizing search's factor: the key of its station's servers (by the station's kind, read from
/// the base scenario) or its factory's lines, from..to. Throws ScenarioError at the sizing's
/// station or factory when the scenario has none of that id, or the station grows over the run.
void search_servers(ExperimentDesc& e) {
  SizingDesc& sizing = *e.sizing;
  LoadOptions options;
  options.overrides = e.overrides;
  const LoadedScenario base = load_scenario(e.scenario_path, options);
  const bool station = !sizing.station.empty();
  const std::string& id = station ? sizing.station : sizing.factory;
  const auto fail = [&](std::string message) {
    throw ScenarioError({Diagnostic{sizing.where, station ? "sizing.station" : "sizing.factory", std::move(message)}});
  };
  std::vector<std::string> ids;
  if (station) {
    for (const models::StationDesc& s : base.description.stations) ids.push_back(s.id);
  } else {
    for (const models::FactoryDesc& f : base.description.factories) ids.push_back(f.id);
  }
  const auto found = std::find(ids.begin(), ids.end(), id);
  if (found == ids.end()) {
    fail("the scenario has no " + std::string(station ? "station" : "factory") + " '" + id + "'" +
         (ids.empty() ? std::string(" (it has none)") : did_you_mean(id, ids)));
  }
  if (!station) {
    sizing.servers_key = "factories[" + id + "].lines";
  } else {
    const models::StationDesc& s = base.description.stations[static_cast<std::size_t>(found - ids.begin())];
    std::vector<std::string> growth;
    if (!s.expansions.empty()) growth.push_back("'stations[" + id + "].expansions=[]'");
    if (s.trucks_per_server > 0.0) growth.push_back("'stations[" + id + "].trucks_per_server=0'");
    if (!growth.empty()) {
      fail("station '" + id + "' grows over the run (" +
           (s.expansions.empty()        ? "trucks_per_server"
            : s.trucks_per_server > 0.0 ? "expansions and trucks_per_server"
                                        : "expansions") +
           "), so no one number of servers is searched; stop it in overrides: " + growth.front() +
           (growth.size() > 1 ? " and " + growth.back() : std::string()));
    }
    const char* servers = "nozzles";
    switch (s.kind) {
      case models::StationKind::charging:
        servers = "chargers";
        break;
      case models::StationKind::swap:
        servers = "lanes";
        break;
      case models::StationKind::hydrogen:
        servers = "dispensers";
        break;
      case models::StationKind::methanol:
      case models::StationKind::diesel:
        break;
    }
    sizing.servers_key = "stations[" + id + "]." + servers;
  }
  for (std::size_t o = 0; o < e.overrides.size(); ++o) {
    if (e.overrides[o].starts_with(sizing.servers_key + "=")) {
      throw ScenarioError({Diagnostic{sizing.where, "overrides[" + std::to_string(o) + "]",
                                      "sets " + sizing.servers_key + ", which the sizing search varies"}});
    }
  }
  FactorDesc factor;
  factor.key = sizing.servers_key;
  for (std::int64_t level = sizing.from; level <= sizing.to; ++level) factor.levels.push_back(std::to_string(level));
  factor.where = sizing.where;
  e.factors = {std::move(factor)};
}

}  // namespace detail

ExperimentDesc load_experiment(const std::string& path) {
  std::vector<Diagnostic> diagnostics;
  std::vector<Diagnostic> warnings;
  detail::Node root = detail::compose(path, detail::experiment_spec(), {}, diagnostics, {});
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  ExperimentDesc experiment;
  detail::Context context(diagnostics, warnings);
  if (root.is_null()) {
    diagnostics.push_back({SourceLocation{path, 1, 1}, "",
                           "the experiment is empty; expected a mapping with keys "
                           "such as name, scenario, factors, responses"});
  } else {
    detail::experiment_spec().decode(root, experiment, context, "");
    if (diagnostics.empty()) detail::check(experiment, context);
  }
  if (!diagnostics.empty()) throw ScenarioError(std::move(diagnostics));
  experiment.scenario_path = (std::filesystem::path(path).parent_path() / experiment.scenario).lexically_normal();
  if (experiment.sizing) detail::search_servers(experiment);
  return experiment;
}

std::vector<PointDesc> experiment_points(const ExperimentDesc& e) {
  std::vector<PointDesc> points;
  const std::size_t n = e.factors.size();
  switch (e.design) {
    case Design::sizing:  // every level the search may try, one factor
    case Design::full_factorial: {
      std::vector<std::size_t> at(n, 0);  // an odometer over the levels, the last factor fastest
      for (;;) {
        PointDesc point;
        for (std::size_t f = 0; f < n; ++f) point.levels.emplace_back(e.factors[f].levels[at[f]]);
        points.push_back(std::move(point));
        std::size_t f = n;
        while (f > 0 && ++at[f - 1] == e.factors[f - 1].levels.size()) at[--f] = 0;
        if (f == 0) break;
      }
      break;
    }
    case Design::one_at_a_time: {
      points.push_back({std::vector<std::optional<std::string>>(n)});  // the base
      for (std::size_t f = 0; f < n; ++f) {
        for (const std::string& level : e.factors[f].levels) {
          PointDesc point{std::vector<std::optional<std::string>>(n)};
          point.levels[f] = level;
          points.push_back(std::move(point));
        }
      }
      break;
    }
    case Design::latin_hypercube: {
      // Each factor's range cut into `points` strata, one draw in each, the strata shuffled
      // independently per factor; levels given as a list are picked by the drawn fraction.
      const auto count = static_cast<std::size_t>(e.points);
      std::mt19937_64 random(e.seed ^ 0x9e3779b97f4a7c15ULL);
      std::uniform_real_distribution<double> unit(0.0, 1.0);
      points.assign(count, PointDesc{std::vector<std::optional<std::string>>(n)});
      for (std::size_t f = 0; f < n; ++f) {
        std::vector<std::size_t> strata(count);
        for (std::size_t i = 0; i < count; ++i) strata[i] = i;
        std::shuffle(strata.begin(), strata.end(), random);
        for (std::size_t i = 0; i < count; ++i) {
          const double u = (static_cast<double>(strata[i]) + unit(random)) / static_cast<double>(count);
          const FactorDesc& factor = e.factors[f];
          if (factor.uniform) {
            points[i].levels[f] =
                detail::number_text(factor.uniform->low + u * (factor.uniform->high - factor.uniform->low));
          } else {
            const auto k = std::min(factor.levels.size() - 1, static_cast<std::size_t>(u * factor.levels.size()));
            points[i].levels[f] = factor.levels[k];
          }
        }
      }
      break;
    }
  }
  return points;
}

std::uint64_t replication_seed(const ExperimentDesc& e, std::int64_t replication) {
  // SplitMix64 of (seed, replication): well-spread seeds for neighbouring replications.
  std::uint64_t z = e.seed + 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(replication + 1);
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return (z ^ (z >> 31U)) & 0x7fffffffffffffffULL;  // a seed the scenario format takes
}

LoadedScenario load_point_scenario(const ExperimentDesc& e, const PointDesc& point) {
  LoadOptions options;
  options.overrides = e.overrides;
  for (std::size_t f = 0; f < e.factors.size(); ++f) {
    if (point.levels[f]) options.overrides.push_back(e.factors[f].key + "=" + *point.levels[f]);
  }
  try {
    return load_scenario(e.scenario_path, options);
  } catch (const ScenarioError& error) {
    // A problem an assignment made is located at its factor (or the overrides), with the level.
    std::vector<Diagnostic> located;
    for (Diagnostic d : error.diagnostics()) {
      for (std::size_t f = 0; f < e.factors.size(); ++f) {
        if (point.levels[f] && d.location.file == "--set " + e.factors[f].key + "=" + *point.levels[f]) {
          d.message = "at level " + *point.levels[f] + " of " + e.factors[f].key + ": " + d.message;
          d.location = e.factors[f].where;
        }
      }
      located.push_back(std::move(d));
    }
    throw ScenarioError(std::move(located));
  }
}

std::string experiment_json_schema() {
  detail::Json document = detail::experiment_spec().schema(detail::SchemaFor::complete_file);
  document.set("$schema", "http://json-schema.org/draft-07/schema#");
  document.set("title", "truckflow experiment");
  document.set("description", detail::experiment_spec().meaning());
  return document.dump();
}

std::string experiment_key_reference_markdown() { return detail::key_reference(detail::experiment_spec()); }

}  // namespace truckflow::scenarios
