// Experiment files: reading them strictly, the designs' points, the replications' seeds, a
// point's scenario, and the generated schema and key reference.
#include "truckflow/scenarios/experiment.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace truckflow::scenarios {
namespace {

const std::string root = TRUCKFLOW_SOURCE_DIR;

std::string read(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

/// An experiment file over the tiny operations scenario with `body` after its name and scenario.
std::string experiment_file(const std::string& name, const std::string& body) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << "name: test\nscenario: " << root << "/scenarios/tiny/operations.yaml\n" << body;
  return path;
}

const std::string responses = "responses:\n  - headline: trucks_delivered\n";

std::vector<std::string> messages(const std::string& path) {
  try {
    (void)load_experiment(path);
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) out.push_back(to_string(d));
    return out;
  }
  return {};
}

TEST(ExperimentTest, FullFactorialEveryCombinationTheLastFactorFastest) {
  const ExperimentDesc e = load_experiment(experiment_file(
      "ff.yaml",
      "factors:\n  - {key: a, levels: [1, 2]}\n  - {key: b, range: {from: 10, to: 30, step: 10}}\n" + responses));
  EXPECT_EQ(e.factors[1].levels, (std::vector<std::string>{"10", "20", "30"}));
  const std::vector<PointDesc> points = experiment_points(e);
  ASSERT_EQ(points.size(), 6U);
  EXPECT_EQ(*points[0].levels[0], "1");
  EXPECT_EQ(*points[0].levels[1], "10");
  EXPECT_EQ(*points[1].levels[1], "20");
  EXPECT_EQ(*points[3].levels[0], "2");
  EXPECT_EQ(*points[5].levels[1], "30");
}

TEST(ExperimentTest, OneAtATimeTheBaseThenEachFactorAlone) {
  const ExperimentDesc e = load_experiment(experiment_file(
      "oat.yaml",
      "design: one_at_a_time\nfactors:\n  - {key: a, levels: [1, 2]}\n  - {key: b, levels: [x, y, z]}\n" + responses));
  const std::vector<PointDesc> points = experiment_points(e);
  ASSERT_EQ(points.size(), 1U + 2U + 3U);
  EXPECT_FALSE(points[0].levels[0] || points[0].levels[1]) << "the base";
  EXPECT_EQ(*points[2].levels[0], "2");
  EXPECT_FALSE(points[2].levels[1]);
  EXPECT_EQ(*points[5].levels[1], "z");
  EXPECT_FALSE(points[5].levels[0]);
}

TEST(ExperimentTest, LatinHypercubeOneDrawInEachStratumOfEachFactor) {
  const ExperimentDesc e = load_experiment(experiment_file(
      "lhs.yaml",
      "design: latin_hypercube\npoints: 50\nseed: 3\nfactors:\n  - {key: a, uniform: {low: 0, high: 100}}\n"
      "  - {key: b, uniform: {low: -1, high: 1}}\n" +
          responses));
  const std::vector<PointDesc> points = experiment_points(e);
  ASSERT_EQ(points.size(), 50U);
  for (std::size_t f = 0; f < 2; ++f) {
    const double low = f == 0 ? 0.0 : -1.0;
    const double width = f == 0 ? 100.0 : 2.0;
    std::set<int> strata;
    for (const PointDesc& p : points) strata.insert(static_cast<int>((std::stod(*p.levels[f]) - low) / width * 50.0));
    EXPECT_EQ(strata.size(), 50U) << "factor " << f << ": each of the 50 strata drawn once";
  }
  const std::vector<PointDesc> again = experiment_points(e);
  EXPECT_EQ(*again[7].levels[1], *points[7].levels[1]) << "the same seed, the same sample";
}

TEST(ExperimentTest, ReplicationSeedsDifferAndDependOnlyOnTheSeedAndReplication) {
  const ExperimentDesc e =
      load_experiment(experiment_file("s.yaml", "seed: 5\nfactors:\n  - {key: a, levels: [1]}\n" + responses));
  std::set<std::uint64_t> seeds;
  for (std::int64_t r = 0; r < 1000; ++r) seeds.insert(replication_seed(e, r));
  EXPECT_EQ(seeds.size(), 1000U);
  ExperimentDesc other = e;
  other.seed = 6;
  EXPECT_NE(replication_seed(other, 0), replication_seed(e, 0));
  EXPECT_EQ(replication_seed(e, 3), replication_seed(load_experiment(experiment_file("s2.yaml",
                                                                                     "seed: 5\nfactors:\n"
                                                                                     "  - {key: b, levels: "
                                                                                     "[2]}\n" +
                                                                                         responses)),
                                                     3));
}

TEST(ExperimentTest, APointsScenarioHasItsLevels) {
  const ExperimentDesc e =
      load_experiment(experiment_file("pt.yaml",
                                      "overrides: ['simulation.horizon_years=1']\nfactors:\n"
                                      "  - {key: 'stations[quarry_depot].chargers', levels: [3]}\n" +
                                          responses));
  const LoadedScenario s = load_point_scenario(e, experiment_points(e)[0]);
  EXPECT_EQ(s.description.simulation.horizon_years, 1);
  const auto depot = std::find_if(s.description.stations.begin(), s.description.stations.end(),
                                  [](const auto& x) { return x.id == "quarry_depot"; });
  ASSERT_NE(depot, s.description.stations.end());
  EXPECT_EQ(depot->servers, 3);
}

TEST(ExperimentTest, ALevelThatMakesABadScenarioIsReportedAtItsFactor) {
  const std::string path = experiment_file(
      "bad_level.yaml", "factors:\n  - {key: 'stations[quarry_depot].chargers', levels: [2, -1]}\n" + responses);
  const ExperimentDesc e = load_experiment(path);
  try {
    (void)load_point_scenario(e, experiment_points(e)[1]);
    FAIL() << "a negative number of chargers was accepted";
  } catch (const ScenarioError& error) {
    const std::string text = to_string(error.diagnostics().front());
    EXPECT_EQ(text.rfind(path + ":4:5: error: ", 0), 0U) << text;
    EXPECT_NE(text.find("at level -1 of stations[quarry_depot].chargers"), std::string::npos) << text;
  }
}

TEST(ExperimentTest, BadFilesAreReportedWithLocations) {
  const std::string both =
      experiment_file("both.yaml", "factors:\n  - {key: a, levels: [1], range: {from: 1, to: 2}}\n" + responses);
  EXPECT_EQ(messages(both), (std::vector<std::string>{both + ":4:5: error: factors[0]: give exactly one of levels, "
                                                             "range and uniform"}));
  const std::string uniform =
      experiment_file("uniform.yaml", "factors:\n  - {key: a, uniform: {low: 1, high: 2}}\n" + responses);
  EXPECT_EQ(messages(uniform),
            (std::vector<std::string>{uniform + ":4:23: error: factors[0].uniform: a factor drawn uniformly needs "
                                                "design: latin_hypercube"}));
  const std::string typo =
      experiment_file("typo.yaml", "desing: full_factorial\nfactors:\n  - {key: a, levels: [1]}\n" + responses);
  ASSERT_EQ(messages(typo).size(), 1U);
  EXPECT_NE(messages(typo)[0].find("unknown key 'desing'"), std::string::npos) << messages(typo)[0];
  const std::string sequential =
      experiment_file("sequential.yaml", "factors:\n  - {key: a, levels: [1]}\n" + responses +
                                             "sequential: {response: trucks_delivred, max_replications: 10}\n");
  EXPECT_EQ(messages(sequential),
            (std::vector<std::string>{
                sequential + ":7:24: error: sequential.response: 'trucks_delivred' is not one of the responses "
                             "('trucks_delivered') (did you mean 'trucks_delivered'?)",
                sequential + ":1:1: error: replications: a sequential experiment starts each point with at least 2 "
                             "replications"}));
  const std::string too_many = experiment_file(
      "many.yaml", "replications: 10000\nfactors:\n  - {key: a, range: {from: 1, to: 20}}\n" + responses);
  ASSERT_EQ(messages(too_many).size(), 1U);
  EXPECT_NE(messages(too_many)[0].find("more than 100000 runs"), std::string::npos) << messages(too_many)[0];
}

/// The levels a search over from..to tries when the fewest that meet the bound is `fewest`
/// (beyond `to`: none does), and its answer.
std::pair<std::vector<std::int64_t>, std::optional<std::int64_t>> search(std::int64_t from, std::int64_t to,
                                                                         std::int64_t fewest) {
  SizingDesc sizing;
  sizing.from = from;
  sizing.to = to;
  SizingSearch s(sizing);
  std::vector<std::int64_t> tried;
  while (const std::optional<std::int64_t> level = s.next()) {
    tried.push_back(*level);
    s.record(*level >= fewest);
  }
  return {tried, s.answer()};
}

TEST(SizingSearchTest, BisectionFindsTheFewestThatMeetTheBound) {
  // Every answer in 1..12, and none: the answer is right and no level is tried twice.
  for (std::int64_t fewest = 1; fewest <= 13; ++fewest) {
    const auto [tried, answer] = search(1, 12, fewest);
    EXPECT_EQ(tried.front(), 12);
    EXPECT_EQ(std::set<std::int64_t>(tried.begin(), tried.end()).size(), tried.size()) << fewest;
    if (fewest > 12) {
      EXPECT_EQ(tried.size(), 1U);
      EXPECT_FALSE(answer);
    } else {
      EXPECT_EQ(answer, fewest);
      EXPECT_LE(tried.size(), 5U) << fewest;  // 1 + ceil(log2(12))
    }
  }
  EXPECT_EQ(search(1, 12, 5).first, (std::vector<std::int64_t>{12, 6, 3, 5, 4}));
  EXPECT_EQ(search(7, 7, 7).first, (std::vector<std::int64_t>{7}));
}

TEST(SizingSearchTest, ASizingFileMakesOneFactorOfTheStationsServers) {
  const ExperimentDesc e =
      load_experiment(experiment_file("sizing.yaml",
                                      "overrides: ['stations[quarry_depot].expansions=[]']\n"
                                      "sizing: {station: quarry_depot, from: 2, to: 5, at_most_minutes: 10}\n"));
  EXPECT_EQ(e.design, Design::sizing);
  ASSERT_EQ(e.factors.size(), 1U);
  EXPECT_EQ(e.factors[0].key, "stations[quarry_depot].chargers");
  EXPECT_EQ(e.factors[0].levels, (std::vector<std::string>{"2", "3", "4", "5"}));
  ASSERT_EQ(e.responses.size(), 1U);
  EXPECT_EQ(e.responses[0].name(), "quarry_depot_wait_p95_minutes");
  EXPECT_EQ(experiment_points(e).size(), 4U);
}

TEST(SizingSearchTest, WhatASearchCannotSizeIsReportedWithLocations) {
  const std::string grows = experiment_file("grows.yaml",
                                            "overrides: ['stations[quarry_depot].trucks_per_server=5']\n"
                                            "sizing: {station: quarry_depot, from: 1, to: 5, at_most_minutes: 10}\n");
  ASSERT_EQ(messages(grows).size(), 1U);
  EXPECT_NE(messages(grows)[0].find(":4:9: error: sizing.station: station 'quarry_depot' grows over the run"),
            std::string::npos)
      << messages(grows)[0];
  const std::string with_factors =
      experiment_file("factors.yaml",
                      "sizing: {station: quarry_depot, from: 1, to: 5, at_most_minutes: 10}\n"
                      "design: one_at_a_time\n");
  EXPECT_EQ(messages(with_factors),
            (std::vector<std::string>{with_factors + ":4:9: error: design: a sizing search makes its own levels: give "
                                                     "no design"}));
  const std::string repeated = experiment_file("repeated.yaml",
                                               "sizing: {station: quarry_depot, from: 1, to: 5, at_most_minutes: 10}\n"
                                               "responses:\n  - {station: quarry_depot, wait: p95}\n");
  ASSERT_EQ(messages(repeated).size(), 1U);
  EXPECT_NE(messages(repeated)[0].find("responses[0]: the sizing search already reports quarry_depot_wait_p95_minutes"),
            std::string::npos)
      << messages(repeated)[0];
  const std::string twice =
      experiment_file("twice.yaml",
                      "factors:\n  - {key: a, levels: [1]}\nresponses:\n  - {station: s}\n  - {station: s, wait: p95}\n"
                      "  - {station: s, statistic: mean}\n");
  EXPECT_EQ(messages(twice),
            (std::vector<std::string>{
                twice + ":7:5: error: responses[1]: the same response as responses[0] (s_wait_p95_minutes)",
                twice + ":8:29: error: responses[2].statistic: statistic is for a series (a station's or factory's "
                        "waits take wait)",
                twice + ":8:5: error: responses[2]: the same response as responses[0] (s_wait_p95_minutes)"}));
  const std::string stray_wait =
      experiment_file("wait.yaml", "factors:\n  - {key: a, levels: [1]}\nresponses:\n  - {headline: x, wait: p95}\n");
  ASSERT_EQ(messages(stray_wait).size(), 1U);
  EXPECT_NE(messages(stray_wait)[0].find("responses[0].wait: wait is for a station's or factory's waits"),
            std::string::npos)
      << messages(stray_wait)[0];
}

TEST(ExperimentTest, TheShippedSchemaAndKeyReferenceAreTheGeneratedOnes) {
  EXPECT_EQ(read(root + "/scenarios/schema/experiment.schema.json"), experiment_json_schema())
      << "regenerate it: make docs";
  const std::string docs = read(root + "/docs/experiment.md");
  const std::string begin = "<!-- key reference: generated by `truckflow schema --experiment --markdown` -->\n";
  const std::size_t from = docs.find(begin);
  const std::size_t to = docs.find("<!-- end of key reference -->");
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  EXPECT_EQ(docs.substr(from + begin.size(), to - from - begin.size()), experiment_key_reference_markdown())
      << "regenerate the key reference in docs/experiment.md (make docs)";
}

TEST(ExperimentTest, TheShippedExperimentsLoad) {
  const ExperimentDesc e = load_experiment(root + "/scenarios/experiments/tiny_chargers.yaml");
  EXPECT_EQ(experiment_points(e).size(), 6U);
  EXPECT_EQ(load_point_scenario(e, experiment_points(e)[5]).description.name, "Two regions, with operations");
  for (const char* file : {"tiny_one_at_a_time.yaml", "tiny_sizing.yaml", "sichuan_swap_and_hydrogen.yaml"}) {
    const ExperimentDesc shipped = load_experiment(root + "/scenarios/experiments/" + file);
    EXPECT_NO_THROW((void)load_point_scenario(shipped, experiment_points(shipped).back())) << file;
  }
  EXPECT_NO_THROW((void)load_experiment(root + "/bench/experiments/sichuan_40_runs.yaml"));
}

}  // namespace
}  // namespace truckflow::scenarios
