// NetcdfWriter against its reader: dimensions as scales, each variable's dimensions in order,
// units and long names, UTF-8 text, creation order.
#include "netcdf_writer.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#include "truckflow/output/inspect.hpp"

namespace truckflow::output {
namespace {

class NetcdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ =
        (std::filesystem::temp_directory_path() /
         ("truckflow_netcdf_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".h5"))
            .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_;
};

TEST_F(NetcdfWriterTest, WritesWhatTheReaderFinds) {
  {
    NetcdfWriter nc(path_);
    nc.dimension("time", std::vector<double>{0.0, 24.0, 48.0},
                 {"hours since 2026-01-01 00:00:00", "simulated time", {}});
    nc.dimension("region", std::vector<std::string>{"chengdu", "panzhihua"}, {"", "region id", {}});
    nc.dimension("event", 4);
    nc.variable("region_name_zh", {"region"}, std::vector<std::string>{"成都", "攀枝花"}, {"", "name", {}});
    nc.variable("fleet_trucks", {"time", "region"}, std::vector<std::int64_t>{1, 2, 3, 4, 5, 6},
                {"trucks", "fleet", {}});
    nc.variable("event_time", {"event"}, std::vector<double>{1, 2, 3, 4},
                {"hours since 2026-01-01 00:00:00", "when", {}});
    nc.variable("headline_cost_cny", {}, std::vector<double>{1.5e6}, {"CNY", "cost", {}});
    nc.attribute("truckflow_kind", std::string("run"));
    nc.attribute("scenario_name", std::string("四川 scenario"));
    nc.attribute("random_seed", std::int64_t{42});
    nc.close();
  }
  const ResultsInfo info = inspect_results(path_);
  EXPECT_EQ(info.kind, "run");
  EXPECT_EQ(info.dimensions,
            (std::vector<std::pair<std::string, std::size_t>>{{"time", 3}, {"region", 2}, {"event", 4}}));
  std::vector<std::string> names;
  for (const VariableInfo& v : info.variables) names.push_back(v.name);
  EXPECT_EQ(names, (std::vector<std::string>{"time", "region", "region_name_zh", "fleet_trucks", "event_time",
                                             "headline_cost_cny"}))
      << "creation order, and no variable for the coordinate-less dimension 'event'";
  const VariableInfo& fleet = info.variables[3];
  EXPECT_EQ(fleet.dimensions, (std::vector<std::string>{"time", "region"}));
  EXPECT_EQ(fleet.shape, (std::vector<std::size_t>{3, 2}));
  EXPECT_EQ(fleet.units, "trucks");
  EXPECT_EQ(fleet.long_name, "fleet");
  EXPECT_FALSE(fleet.is_coordinate);
  EXPECT_TRUE(info.variables[0].is_coordinate);
  EXPECT_EQ(info.variables[4].dimensions, std::vector<std::string>{"event"});
  ASSERT_EQ(info.headline.size(), 1U);
  EXPECT_EQ(info.headline[0].name, "cost_cny");
  EXPECT_EQ(info.headline[0].values, std::vector<double>{1.5e6});
  EXPECT_EQ(info.attributes.at(1), (std::pair<std::string, std::string>{"scenario_name", "四川 scenario"}));
  EXPECT_EQ(info.attributes.at(2), (std::pair<std::string, std::string>{"random_seed", "42"}));
}

TEST_F(NetcdfWriterTest, TwoUnlimitedDimensionsGrowApart) {
  {
    NetcdfWriter nc(path_);
    nc.unlimited_dimension("time", {"hours since 2026-01-01 00:00:00", "simulated time", {}});
    nc.unlimited_dimension("visit");
    nc.appendable("visit_station", {"visit"}, true, {"", "station", {}});
    nc.appendable("visit_cost_cny", {"visit"}, false, {"CNY", "cost", {}});
    nc.append("time", std::vector<double>{0.0});
    nc.append("time", std::vector<double>{24.0});
    nc.append("visit_station", std::vector<std::int64_t>{0, 1, 1});  // several rows at once
    nc.append("visit_cost_cny", std::vector<double>{1.0, 2.0, 3.0});
    nc.append("visit_station", std::vector<std::int64_t>{2});
    nc.append("visit_cost_cny", std::vector<double>{4.0});
    nc.attribute("truckflow_kind", std::string("run"));
    nc.close();
  }
  const ResultsInfo info = inspect_results(path_);
  EXPECT_EQ(info.dimensions, (std::vector<std::pair<std::string, std::size_t>>{{"time", 2}, {"visit", 4}}));
  ASSERT_EQ(info.variables.size(), 3U) << "time and the two columns; no variable for 'visit'";
  EXPECT_EQ(info.variables[1].name, "visit_station");
  EXPECT_EQ(info.variables[1].shape, std::vector<std::size_t>{4});
  EXPECT_EQ(info.variables[2].dimensions, std::vector<std::string>{"visit"});
}

TEST_F(NetcdfWriterTest, ColumnsOfAnUnlimitedDimensionMustHaveAsManyRows) {
  NetcdfWriter nc(path_);
  nc.unlimited_dimension("visit");
  nc.appendable("a", {"visit"}, true, {"", "a", {}});
  nc.appendable("b", {"visit"}, true, {"", "b", {}});
  nc.append("a", std::vector<std::int64_t>{1, 2});
  nc.append("b", std::vector<std::int64_t>{1});
  EXPECT_THROW(nc.close(), std::logic_error);
}

TEST_F(NetcdfWriterTest, ShapeMismatchesAndUnknownDimensionsAreCaught) {
  NetcdfWriter nc(path_);
  nc.dimension("region", std::vector<std::string>{"a"}, {"", "region id", {}});
  EXPECT_THROW(nc.variable("x", {"nowhere"}, std::vector<double>{1}, {"1", "x", {}}), std::logic_error);
  EXPECT_THROW(nc.variable("y", {"region"}, std::vector<double>{1, 2}, {"1", "y", {}}), std::logic_error)
      << "two values for one cell";
  EXPECT_THROW(nc.variable("z", {"region"}, std::vector<std::string>{}, {"", "z", {}}), std::logic_error)
      << "no text for one cell";
}

TEST_F(NetcdfWriterTest, InspectRefusesOtherFiles) {
  { std::ofstream(path_) << "not HDF5"; }
  EXPECT_THROW((void)inspect_results(path_), std::invalid_argument);
  {
    NetcdfWriter nc(path_);  // HDF5, but not truckflow's
    nc.close();
  }
  try {
    (void)inspect_results(path_);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not truckflow results"), std::string::npos);
  }
}

}  // namespace
}  // namespace truckflow::output
