// The world on tiny scenarios whose results were worked out by hand (see the comments at the top
// of each file in scenarios/tiny/), and the conservation laws.
#include "truckflow/models/world.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "truckflow/scenarios/loader.hpp"

#include "chain.hpp"

namespace truckflow::models {
namespace {

using engine::days;
using engine::hours;
using engine::Time;

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/";

class Recorder : public Observer {
 public:
  void on_event(const DomainEvent& event) override {
    if (const auto* delivered = std::get_if<TruckDelivered>(&event)) deliveries.push_back(*delivered);
  }
  void on_sample(const Sample& sample) override { samples.push_back(sample); }
  void on_year_end(std::int64_t year, const Sample& state) override { year_ends.emplace_back(year, state); }
  std::vector<Sample> samples;
  std::vector<TruckDelivered> deliveries;
  std::vector<std::pair<std::int64_t, Sample>> year_ends;
};

struct Simulated {
  explicit Simulated(const std::string& file, std::vector<std::string> overrides = {})
      : world(scenarios::load_scenario(tiny + file, {.overrides = std::move(overrides)}).description) {
    world.add_observer(recorder);
    world.run();
  }
  /// A count series' values in `sample`.
  SeriesValues<std::int64_t> operator()(const Sample& sample, std::string_view series) const {
    return world.series().counts(sample, series);
  }
  /// Its values at the end of the run.
  SeriesValues<std::int64_t> at_end(std::string_view series) const { return (*this)(recorder.samples.back(), series); }
  World world;
  Recorder recorder;
};

Time at(engine::Duration d) { return Time::zero() + d; }

TEST(WorldTest, TwoRegionsHandComputed) {
  Simulated run("two_regions.yaml");
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 4U);
  // Orders every 365 / 4 = 91.25 days; each is built 10 h later from stock and delivered 2 h after.
  for (std::size_t i = 0; i < 4; ++i) {
    const engine::Duration ordered = hours(2190) * static_cast<std::int64_t>(i);  // 91.25 d = 2190 h
    EXPECT_EQ(d[i].ordered_at, at(ordered)) << i;
    EXPECT_EQ(d[i].built_at, at(ordered + hours(10))) << i;
    EXPECT_EQ(d[i].at, at(ordered + hours(12))) << i;
    EXPECT_EQ(d[i].truck_id, static_cast<std::int64_t>(i + 1));
    EXPECT_FALSE(d[i].upfitter.has_value());
  }
  // The supplier started with 4 kits, shipped 2 at day 0 and 2 at day 182.5, and made kits until its
  // stock reached the 100-unit limit: 4 + 100 made = 4 shipped + 100 in stock.
  EXPECT_EQ(run.at_end("supplier_shipped_units")(0), 4);
  EXPECT_EQ(run.at_end("supplier_stock_units")(0), 100);
  EXPECT_EQ(run.at_end("supplier_output_units")(0), 100);
  EXPECT_EQ(run.at_end("supplier_stockouts_orders")(0), 0);
  EXPECT_EQ(run.at_end("region_fleet_trucks")(1, 0), 4) << "region b, the quarry's";
  EXPECT_EQ(run.at_end("region_fleet_trucks")(0, 0), 0);
  EXPECT_TRUE(run.world.conservation_violations().empty());
}

TEST(WorldTest, AYearEndHoldsThatYearAndNothingOfTheNext) {
  // 4 trucks a year for two years, the first of each year ordered at midnight on 1 January.
  Simulated run("two_regions.yaml", {"simulation.horizon_years=2",
                                     "sites[quarry].deployment=[{year: 2026, truck_type: truck, trucks: 4}, "
                                     "{year: 2027, truck_type: truck, trucks: 4}]"});
  const auto& ends = run.recorder.year_ends;
  ASSERT_EQ(ends.size(), 2U);
  EXPECT_EQ(ends[0].first, 2026);
  EXPECT_EQ(ends[0].second.time, at(days(365)));
  EXPECT_EQ(run(ends[0].second, "region_trucks_ordered")(1, 0), 4) << "not the 2027 order placed at that very instant";
  EXPECT_EQ(run(ends[0].second, "region_fleet_trucks")(1, 0), 4);
  const Sample& new_year_sample = run.recorder.samples.at(365);
  EXPECT_EQ(new_year_sample.time, at(days(365)));
  EXPECT_EQ(run(new_year_sample, "region_trucks_ordered")(1, 0), 5) << "the sample at that instant sees it";
  EXPECT_EQ(ends[1].first, 2027);
  EXPECT_EQ(ends[1].second.time, run.world.end_time());
  EXPECT_EQ(ends[1].second.counts, run.recorder.samples.back().counts) << "the run's end";
  EXPECT_EQ(run(ends[1].second, "region_trucks_ordered")(1, 0), 8);
}

TEST(WorldTest, YearEndsFollowTheCalendarFromAMidYearStart) {
  Simulated run("two_regions.yaml", {"simulation.start_date=2026-07-01", "simulation.horizon_years=2",
                                     "sites[quarry].deployment[0].year=2027"});
  const auto& ends = run.recorder.year_ends;
  ASSERT_EQ(ends.size(), 3U) << "half of 2026, 2027, half of 2028";
  EXPECT_EQ(ends[0].first, 2026);
  EXPECT_EQ(ends[0].second.time, at(days(184))) << "1 July to 1 January";
  EXPECT_EQ(run(ends[0].second, "region_trucks_ordered")(1, 0), 0);
  EXPECT_EQ(ends[1].first, 2027);
  EXPECT_EQ(run(ends[1].second, "region_trucks_ordered")(1, 0), 4);
  EXPECT_EQ(ends[2].first, 2028);
  EXPECT_EQ(ends[2].second.time, run.world.end_time());
}

TEST(WorldTest, SamplesAreDailyFromTimeZeroToTheEnd) {
  Simulated run("two_regions.yaml");
  const auto& samples = run.recorder.samples;
  ASSERT_EQ(samples.size(), 365U + 1U) << "days 0..364, and the final sample at the end";
  EXPECT_EQ(samples.front().time, Time::zero());
  EXPECT_EQ(samples[1].time, at(days(1)));
  EXPECT_EQ(samples.back().time, at(days(365)));
  EXPECT_EQ(samples.back().time, run.world.end_time());
  // Day 0's sample sees the first order (placed at time zero, before the sample).
  EXPECT_EQ(run(samples.front(), "factory_trucks_ordered")(0, 0), 1);
  EXPECT_EQ(run(samples.front(), "factory_backlog_trucks")(0, 0), 1);
  EXPECT_EQ(run(samples[1], "factory_trucks_built")(0, 0), 1);
}

// validate prices a run's samples with series_catalog(description).values_per_sample(): it must
// count what a sample holds, and the world must sample what that catalog says.
TEST(WorldTest, TheCatalogOfADescriptionIsWhatItsWorldSamples) {
  for (const char* file : {"two_regions.yaml", "upfit.yaml"}) {
    Simulated run(file);
    const SeriesCatalog catalog = series_catalog(run.world.description());
    const Sample& s = run.recorder.samples.back();
    EXPECT_EQ(catalog.values_per_sample(), s.counts.size() + s.reals.size()) << file;
    ASSERT_EQ(catalog.series().size(), run.world.series().series().size());
    for (std::size_t i = 0; i < catalog.series().size(); ++i) {
      EXPECT_EQ(catalog.series()[i].spec.name, run.world.series().series()[i].spec.name);
      EXPECT_EQ(catalog.series()[i].shape, run.world.series().series()[i].shape);
    }
    EXPECT_EQ(run.at_end("site_trucks_delivered").flat().size(), run.world.description().sites.size());
  }
}

TEST(WorldTest, ASlowSupplierHoldsTheFirstTruckBack) {
  Simulated run("slow_supplier.yaml");
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d[0].built_at, at(hours(36)));
  EXPECT_EQ(d[0].at, at(hours(38)));
  EXPECT_EQ(d[1].built_at, at(hours(4380 + 10)));  // ordered at day 182.5 = 4380 h
  EXPECT_EQ(run.at_end("supplier_stockouts_orders")(0), 2) << "both opening orders found an empty stock";
}

TEST(WorldTest, ADisruptionDelaysProductionByItsLength) {
  Simulated run("slow_supplier.yaml",
                {"suppliers[kit_maker].disruptions=[{start_date: 2026-01-01, end_date: 2026-01-10}]"});
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 2U);
  // No kit is made on days 1 to 10; the first comes at the end of 11 January (t = 11 d).
  EXPECT_EQ(d[0].built_at, at(days(11) + hours(12)));
  EXPECT_EQ(d[0].at, at(hours(38) + days(10)));
  EXPECT_EQ(d[1].built_at, at(hours(4380 + 10))) << "stock has recovered by the second order";
}

TEST(WorldTest, AHalfCapacityWindowHalvesOutput) {
  Simulated run(
      "slow_supplier.yaml",
      {"suppliers[kit_maker].disruptions=[{start_date: 2026-01-01, end_date: 2026-01-04, capacity_factor: 0.5}]"});
  // Half a kit a day for four days: whole kits at the ends of day 2 and day 4.
  EXPECT_EQ(run.recorder.deliveries[0].built_at, at(days(2) + hours(12)));
}

TEST(WorldTest, UpfitHandComputed) {
  Simulated run("upfit.yaml");
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 4U);
  EXPECT_EQ(d[0].built_at, at(hours(10)));
  EXPECT_EQ(d[0].at, at(hours(17))) << "2 h to the body shop, 5 h fitting, same region as the quarry";
  ASSERT_TRUE(d[0].upfitter.has_value());
  EXPECT_EQ(*d[0].upfitter, 0U);
  EXPECT_EQ(run.at_end("upfitter_trucks_fitted")(0), 4);
  EXPECT_TRUE(run.world.conservation_violations().empty());
}

TEST(WorldTest, OneWayRoadsSendTheOrderToTheFactoryThatReachesTheUpfitter) {
  Simulated run("one_way_roads.yaml");
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 4U);
  for (const TruckDelivered& record : d) EXPECT_EQ(record.factory, 1U) << "plant_d, not the nearer plant in A";
  EXPECT_EQ(d[0].built_at, at(hours(34)));
  EXPECT_EQ(d[0].at, at(hours(45)));
  EXPECT_TRUE(run.world.conservation_violations().empty());
}

TEST(WorldTest, TheChecksRejectWhatTheWorldCouldNotDeliver) {
  // Plant D's road now leads to A instead of C: no plant (and no body maker) reaches the body shop,
  // and the scenario checks say so before a run (they choose with the same ChainMap as the world).
  try {
    (void)scenarios::load_scenario(tiny + "one_way_roads.yaml", {.overrides = {"roads[2].to=a"}});
    FAIL() << "loaded";
  } catch (const scenarios::ScenarioError& error) {
    ASSERT_EQ(error.diagnostics().size(), 2U) << error.what();
    EXPECT_EQ(error.diagnostics()[1].message,
              "no factory that builds 'truck' is connected by road to site 'quarry' through its upfitter");
  }
}

TEST(WorldTest, TargetFleetOrdersWhatIsMissing) {
  Simulated run("two_regions.yaml", {"sites[quarry].deployment=[]",
                                     "sites[quarry].target_fleet=[{year: 2026, truck_type: truck, trucks: 3}]"});
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 3U);
  EXPECT_EQ(d[1].ordered_at, at(engine::Duration::from_ticks(days(365).ticks() / 3)));
}

// plan_factor scales every line of the site, rounded to the nearest truck: the 4 trucks of the
// deployment line become 8, 6 (x1.5), 5 (x1.2 = 4.8) or none; a target of 3 becomes 6.
TEST(WorldTest, APlanFactorScalesEveryLineOfTheSite) {
  for (const auto& [factor, trucks] : {std::pair{"2", 8U}, {"1.5", 6U}, {"1.2", 5U}, {"0", 0U}}) {
    Simulated run("two_regions.yaml", {std::string("sites[quarry].plan_factor=") + factor});
    EXPECT_EQ(run.recorder.deliveries.size(), trucks) << "plan_factor " << factor;
  }
  Simulated target("two_regions.yaml", {"sites[quarry].deployment=[]", "sites[quarry].plan_factor=2",
                                        "sites[quarry].target_fleet=[{year: 2026, truck_type: truck, trucks: 3}]"});
  EXPECT_EQ(target.recorder.deliveries.size(), 6U);
}

TEST(WorldTest, OrderProcessingDelaysTheStartOfProduction) {
  Simulated run("two_regions.yaml", {"factories[plant].order_processing_days=3"});
  const auto& d = run.recorder.deliveries;
  ASSERT_EQ(d.size(), 4U);
  EXPECT_EQ(d[0].ordered_at, at(hours(0)));
  EXPECT_EQ(d[0].built_at, at(days(3) + hours(10)));
  EXPECT_EQ(d[0].at, at(days(3) + hours(12)));
  EXPECT_EQ(run(run.recorder.samples[1], "trucks_by_stage")(static_cast<std::size_t>(TruckStage::order_processing)), 1)
      << "day 1: the first order is still being processed";
}

// Many trucks through the upfit scenario with every duration varying.
std::vector<std::string> varied(std::uint64_t seed) {
  return {"simulation.seed=" + std::to_string(seed),
          "sites[quarry].deployment[0].trucks=300",
          "factories[plant].assembly_time_cv=0.5",
          "factories[plant].lines=50",
          "upfitters[body_shop].upfit_time_cv=0.5",
          "upfitters[body_shop].bays=50",
          "roads[0].travel_time_cv=0.3"};
}

std::vector<engine::Duration> build_times(const std::vector<TruckDelivered>& deliveries) {
  std::vector<engine::Duration> times;
  for (const TruckDelivered& d : deliveries) times.push_back(d.built_at - d.ordered_at);
  return times;
}

TEST(WorldTest, VariedDurationsAreReproducibleAndKeepTheirMean) {
  const Simulated first("upfit.yaml", varied(1));
  const Simulated again("upfit.yaml", varied(1));
  const Simulated other("upfit.yaml", varied(2));
  ASSERT_EQ(first.recorder.deliveries.size(), 300U);
  EXPECT_EQ(build_times(first.recorder.deliveries), build_times(again.recorder.deliveries)) << "same seed";
  EXPECT_NE(build_times(first.recorder.deliveries), build_times(other.recorder.deliveries)) << "another seed";
  // Orders are spread over the year and there are 50 lines, so nobody queues for a line and the build
  // time is the assembly time: its mean over 300 trucks is 10 h within 4 standard errors (cv 0.5).
  double sum_h = 0;
  double distinct = 0;
  const auto times = build_times(first.recorder.deliveries);
  for (std::size_t i = 0; i < times.size(); ++i) {
    sum_h += times[i].to_hours();
    if (i > 0 && times[i] != times[i - 1]) ++distinct;
  }
  EXPECT_NEAR(sum_h / 300.0, 10.0, 4 * 10.0 * 0.5 / std::sqrt(300.0));
  EXPECT_GT(distinct, 250) << "the durations do vary";
  EXPECT_TRUE(first.world.conservation_violations().empty());
}

TEST(WorldTest, AVariedLeadTimeKeepsItsMean) {
  // slow_supplier.yaml with kits in stock and a 1-day lead time of cv 0.5. The plant, empty, orders
  // two kits in one shipment when it opens (so the first truck cannot take a later, luckier order):
  // the first truck's kit is dispatched after one lead-time draw, travels 2 h and is assembled in 10 h.
  double sum_h = 0;
  std::set<engine::Duration> distinct;
  constexpr int runs = 300;
  for (int seed = 1; seed <= runs; ++seed) {
    const Simulated run("slow_supplier.yaml",
                        {"simulation.seed=" + std::to_string(seed), "suppliers[kit_maker].initial_stock_units=10",
                         "suppliers[kit_maker].lead_time_days=1", "suppliers[kit_maker].lead_time_cv=0.5",
                         "factories[plant].inventory.order_quantity_trucks=2"});
    const engine::Duration lead = run.recorder.deliveries.at(0).built_at - at(hours(12));
    sum_h += lead.to_hours();
    distinct.insert(lead);
  }
  EXPECT_NEAR(sum_h / runs, 24.0, 4 * 24.0 * 0.5 / std::sqrt(runs)) << "within 4 standard errors of one day";
  EXPECT_GT(distinct.size(), 290U) << "the lead time does vary";
}

TEST(WorldTest, NoVariationMeansNoRandomness) {
  auto with_seed = [](std::uint64_t seed) {
    std::vector<std::string> o = varied(seed);
    o.resize(2);  // the seed and the number of trucks, no coefficient of variation
    return o;
  };
  const Simulated first("upfit.yaml", with_seed(1));
  const Simulated other("upfit.yaml", with_seed(2));
  const auto times = build_times(first.recorder.deliveries);
  EXPECT_EQ(times, build_times(other.recorder.deliveries));
  for (const engine::Duration t : times) EXPECT_EQ(t, hours(10));
}

TEST(WorldTest, ConservationHoldsMidRunWithTrucksInEveryStage) {
  // Stop while trucks are waiting at every step: 3,000 orders a year for one line.
  const auto loaded = scenarios::load_scenario(
      tiny + "upfit.yaml", {.overrides = {"simulation.horizon_years=1", "sites[quarry].deployment[0].trucks=3000"}});
  World world(loaded.description);
  world.run_until(Time::zero() + days(20));
  const Sample s = world.read_series();
  const auto stages = world.series().counts(s, "trucks_by_stage");
  EXPECT_GT(stages(static_cast<std::size_t>(TruckStage::awaiting_line)) +
                stages(static_cast<std::size_t>(TruckStage::awaiting_components)),
            0);
  EXPECT_GT(stages(static_cast<std::size_t>(TruckStage::delivered)), 0);
  EXPECT_EQ(world.conservation_violations(), std::vector<std::string>{});
}

/// Every event of a run, as the listeners see them.
class EventLog : public Observer {
 public:
  void on_event(const DomainEvent& event) override { events.push_back(event); }
  std::vector<DomainEvent> events;
};

template <typename E>
std::size_t count_of(const std::vector<DomainEvent>& events) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [](const DomainEvent& e) { return std::holds_alternative<E>(e); }));
}

TEST(WorldTest, TheEventStreamTellsEachTrucksLifeInOrder) {
  const auto loaded = scenarios::load_scenario(tiny + "upfit.yaml");
  World world(loaded.description);
  EventLog log;
  Recorder later;  // a second listener sees the same stream
  world.add_observer(log);
  world.add_observer(later);
  world.run();
  const auto& events = log.events;
  const std::size_t trucks = count_of<TruckOrdered>(events);
  ASSERT_EQ(trucks, 4U);
  EXPECT_EQ(count_of<TruckBuilt>(events), trucks);
  EXPECT_EQ(count_of<TruckUpfitted>(events), trucks);
  EXPECT_EQ(count_of<TruckDelivered>(events), trucks);
  EXPECT_EQ(later.deliveries.size(), trucks);
  // order_processing -> awaiting_components -> awaiting_line -> in_assembly -> to_upfitter ->
  // at_upfitter -> to_site -> delivered: seven changes a truck.
  EXPECT_EQ(count_of<TruckStageChanged>(events), 7 * trucks);
  EXPECT_EQ(count_of<ShipmentDispatched>(events), count_of<ShipmentReceived>(events));
  // In time order; each truck's stages in chain order, ordered before built before delivered.
  std::map<std::int64_t, int> stage_of;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(time_of(events[i - 1]), time_of(events[i]));
    }
    if (const auto* ordered = std::get_if<TruckOrdered>(&events[i])) {
      EXPECT_FALSE(stage_of.contains(ordered->truck_id));
      stage_of[ordered->truck_id] = 0;
    } else if (const auto* changed = std::get_if<TruckStageChanged>(&events[i])) {
      EXPECT_EQ(static_cast<int>(changed->from), stage_of.at(changed->truck_id));
      EXPECT_EQ(static_cast<int>(changed->to), stage_of[changed->truck_id] + 1);
      stage_of[changed->truck_id] = static_cast<int>(changed->to);
    } else if (const auto* built = std::get_if<TruckBuilt>(&events[i])) {
      EXPECT_EQ(stage_of.at(built->truck_id), static_cast<int>(TruckStage::in_assembly));
    } else if (const auto* delivered = std::get_if<TruckDelivered>(&events[i])) {
      EXPECT_EQ(stage_of.at(delivered->truck_id), static_cast<int>(TruckStage::delivered));
      EXPECT_LE(delivered->ordered_at, delivered->built_at);
      EXPECT_LE(delivered->built_at, delivered->at);
    }
  }
  // The counters are listeners of the same stream: what they report is what it told.
  const auto& series = world.series();
  const Sample end = world.read_series();
  EXPECT_EQ(static_cast<std::size_t>(series.counts(end, "factory_trucks_ordered").total()), trucks);
  EXPECT_EQ(static_cast<std::size_t>(series.counts(end, "upfitter_trucks_fitted").total()), trucks);
  EXPECT_EQ(static_cast<std::size_t>(series.counts(end, "supplier_stockouts_orders").total()),
            count_of<StockOut>(events));
}

TEST(WorldTest, TheEventStreamIsTheSameOnEveryRun) {
  const auto loaded =
      scenarios::load_scenario(tiny + "upfit.yaml", {.overrides = {"factories[plant].assembly_time_cv=0.5"}});
  std::vector<std::vector<DomainEvent>> runs;
  for (int i = 0; i < 2; ++i) {
    World world(loaded.description);
    EventLog log;
    world.add_observer(log);
    world.run();
    runs.push_back(log.events);
  }
  ASSERT_EQ(runs[0].size(), runs[1].size());
  for (std::size_t i = 0; i < runs[0].size(); ++i) {
    EXPECT_EQ(runs[0][i].index(), runs[1][i].index()) << i;
    EXPECT_EQ(time_of(runs[0][i]), time_of(runs[1][i])) << i;
  }
}

// Retirement (which the operations layer will decide): a retired truck leaves the fleet but not
// the records, the conservation laws account for it, and a target fleet replaces it.
TEST(WorldTest, ARetiredTruckLeavesTheFleetAndATargetReplacesIt) {
  const auto loaded =
      scenarios::load_scenario(tiny + "two_regions.yaml",
                               {.overrides = {"simulation.horizon_years=2", "sites[quarry].deployment=[]",
                                              "sites[quarry].target_fleet=[{year: 2026, truck_type: truck, trucks: 4}, "
                                              "{year: 2027, truck_type: truck, trucks: 4}]"}});
  detail::Chain chain(loaded.description);
  chain.sim.run_until(Time::zero() + days(364));
  ASSERT_EQ(chain.trucks.size(), 4U);
  ASSERT_EQ(chain.trucks[0].service, TruckService::in_service);
  chain.retire(chain.trucks[0]);
  chain.retire(chain.trucks[1]);
  EXPECT_THROW(chain.retire(chain.trucks[1]), std::logic_error) << "retired already";
  EXPECT_EQ(chain.violations(), std::vector<std::string>{});
  const Sample now = chain.read_series();
  EXPECT_EQ(chain.series.catalog().counts(now, "region_fleet_trucks")(1, 0), 2);
  EXPECT_EQ(chain.series.catalog().counts(now, "region_trucks_delivered")(1, 0), 4) << "the records stay";
  chain.sim.run_until(chain.end);
  EXPECT_EQ(chain.trucks.size(), 6U) << "the 2027 target of 4 in service orders the 2 retired trucks' replacements";
  EXPECT_EQ(chain.violations(), std::vector<std::string>{});
  EXPECT_EQ(chain.series.catalog().counts(chain.read_series(), "region_fleet_trucks")(1, 0), 4);
}

}  // namespace
}  // namespace truckflow::models
