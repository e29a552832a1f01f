// The report's data: the time axis thinned (levels as sampled, flows summed since the last kept
// sample), numbers to 6 significant digits, and the page's text kept from ending its script.
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "truckflow/output/atomic_file.hpp"
#include "truckflow/output/report.hpp"

namespace truckflow::output {
namespace {

using nlohmann::json;

VariableInfo over_time(std::string name, std::string measure, std::vector<double> values) {
  VariableInfo v;
  v.name = std::move(name);
  v.dimensions = {"time", "region"};
  v.shape = {values.size() / 2, 2};
  v.attributes = {{"units", std::string("trucks")}, {"truckflow_measure", measure}};
  v.numbers = std::move(values);
  return v;
}

TEST(ReportDataTest, TimeThinnedLevelsSampledFlowsSummed) {
  ResultsInfo info;
  info.kind = "run";
  info.dimensions = {{"time", 7}, {"region", 2}};
  // 7 samples, at most 3 kept: every third (0, 3, 6).
  info.variables.push_back(over_time("fleet", "level", {0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15, 6, 16}));
  info.variables.push_back(over_time("arrivals", "flow", {1, 1, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 1}));
  const json data = json::parse(report_data_json(info, {"r.h5", "truckflow report r.h5", "0"}, 3));
  EXPECT_EQ(data["source"]["time_stride"], 3);
  EXPECT_EQ(data["dimensions"]["time"], 3);
  EXPECT_EQ(data["variables"]["fleet"]["shape"], json({3, 2}));
  EXPECT_EQ(data["variables"]["fleet"]["values"], json({0, 10, 3, 13, 6, 16}));
  // Sample 0; samples 1-3; samples 4-6.
  EXPECT_EQ(data["variables"]["arrivals"]["values"], json({1, 1, 2 + 3 + 4, 0, 5 + 6 + 7, 1}));
}

TEST(ReportDataTest, TheLastSampleIsAlwaysKept) {
  ResultsInfo info;
  info.kind = "run";
  info.dimensions = {{"time", 5}, {"region", 2}};
  info.variables.push_back(over_time("fleet", "cumulative", {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}));
  const json data = json::parse(report_data_json(info, {"r.h5", "", "0"}, 2));
  EXPECT_EQ(data["source"]["time_stride"], 3);
  EXPECT_EQ(data["variables"]["fleet"]["values"], json({0, 0, 3, 3, 4, 4}));
}

TEST(ReportDataTest, NumbersRoundedNaNAsNull) {
  ResultsInfo info;
  info.kind = "run";
  VariableInfo v;
  v.name = "cost";
  v.dimensions = {"site"};
  v.shape = {3};
  v.numbers = {1234567.891, 0.1 + 0.2, std::numeric_limits<double>::quiet_NaN()};
  info.variables.push_back(v);
  const std::string text = report_data_json(info, {"r.h5", "", "0"});
  EXPECT_NE(text.find("[1234570,0.3,null]"), std::string::npos) << text;
}

TEST(ReportDataTest, ScriptCannotBeEnded) {
  const std::string page = report_html(R"({"name":"</script><script>alert(1)</script>"})");
  EXPECT_EQ(page.find("</script><script>alert(1)"), std::string::npos);
  EXPECT_NE(page.find(R"(\u003c/script>\u003cscript>alert(1)\u003c/script>)"), std::string::npos);
  EXPECT_NE(page.find(report_marker), std::string::npos);
}

}  // namespace
}  // namespace truckflow::output
