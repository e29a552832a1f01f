// The value layer: the ledger's rules, and the money, value-added, taxes and sharing of tiny
// scenarios worked out by hand (scenarios/tiny/two_regions.yaml and sharing.yaml).
#include <chrono>
#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "truckflow/models/world.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "establishments.hpp"
#include "ledger.hpp"
#include "losses_carried.hpp"
#include "money.hpp"

namespace truckflow::models {
namespace {

using detail::Establishments;
using detail::Ledger;

const std::string tiny = std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/";

ScenarioDesc load(const std::string& file, std::vector<std::string> overrides = {}) {
  return scenarios::load_scenario(tiny + file, {.overrides = std::move(overrides)}).description;
}

TEST(MoneyTest, FenAreExactAndBounded) {
  EXPECT_EQ(detail::fen_of(0.105), 11);  // 10.5 fen rounds away from zero
  EXPECT_EQ(detail::fen_of(-0.105), -11);
  EXPECT_EQ(detail::fen_of(400000.0), 40'000'000);
  EXPECT_THROW((void)detail::fen_of(1e300), std::overflow_error);
  EXPECT_THROW((void)detail::fen_of(std::numeric_limits<double>::quiet_NaN()), std::overflow_error);
  EXPECT_EQ(detail::times_fen(3, 40'000'000), 120'000'000);
  EXPECT_THROW((void)detail::times_fen(std::int64_t{1} << 40, std::int64_t{1} << 40), std::overflow_error);
  // A million postings of 0.01 CNY add up to exactly 10,000 CNY (a double sum of 0.01 would not).
  std::int64_t total = 0;
  double drifting = 0.0;
  for (int i = 0; i < 1'000'000; ++i) {
    total = detail::add_fen(total, detail::fen_of(0.01));
    drifting += 0.01;
  }
  EXPECT_EQ(total, 1'000'000);
  EXPECT_NE(drifting, 10000.0);
}

TEST(LedgerTest, PostingsKeepEveryAccount) {
  const ScenarioDesc d = load("two_regions.yaml");
  const Establishments e(d);
  Ledger ledger(e);
  const std::size_t supplier = e.supplier(0);  // in region b
  const std::size_t factory = e.factory(0);    // in region a
  const std::size_t fleet = e.fleet_operator(0);
  ledger.post({engine::Time::zero(), FlowKind::component_sale, factory, supplier, 10'000});
  ledger.post({engine::Time::zero(), FlowKind::inputs, supplier, e.rest_of_economy(1), 7'000});
  ledger.post({engine::Time::zero(), FlowKind::truck_sale, fleet, factory, 50'000, 0, 1});
  ledger.post({engine::Time::zero(), FlowKind::crew, fleet, e.households(1), 2'000});
  EXPECT_EQ(ledger.postings(), 4U);
  EXPECT_EQ(ledger.value_added(supplier), 3'000);
  EXPECT_EQ(ledger.value_added(factory), 40'000);
  EXPECT_EQ(ledger.value_added(fleet), 0) << "a truck is investment and wages are value-added";
  EXPECT_EQ(ledger.value_added_of_region(0), 40'000);
  EXPECT_EQ(ledger.value_added_of_region(1), 3'000);
  EXPECT_EQ(ledger.final_sales() - ledger.outside_inputs(), 43'000);
  EXPECT_EQ(ledger.flow(0, 1, FlowKind::component_sale), 10'000);
  EXPECT_EQ(ledger.flow(1, 0, FlowKind::truck_sale), 50'000);
  std::int64_t balances = 0;
  for (std::size_t i = 0; i < e.size(); ++i) balances += ledger.balance(i);
  EXPECT_EQ(balances, 0);
  // Bad postings change nothing.
  EXPECT_THROW(ledger.post({engine::Time::zero(), FlowKind::crew, fleet, e.households(1), -1}), std::invalid_argument);
  EXPECT_THROW(ledger.post({engine::Time::zero(), FlowKind::crew, fleet, fleet, 1}), std::invalid_argument);
  EXPECT_THROW(ledger.post({engine::Time::zero(), FlowKind::crew, fleet, e.size(), 1}), std::invalid_argument);
  EXPECT_THROW(ledger.post({engine::Time::zero(), FlowKind::crew, fleet, e.households(1), detail::max_fen}),
               std::overflow_error);
  EXPECT_EQ(ledger.postings(), 4U);
  EXPECT_EQ(ledger.paid(fleet, FlowKind::crew), 2'000);
}

/// A run with the state at each year's end.
class YearEnds : public Observer {
 public:
  void on_year_end(std::int64_t year, const Sample& state) override { states.emplace_back(year, state); }
  std::vector<std::pair<std::int64_t, Sample>> states;
};

struct Simulated {
  explicit Simulated(ScenarioDesc d) : world(std::move(d)) {
    world.add_observer(years);
    world.run();
  }
  /// A cumulative series' value at the end of the year with index `y` (0: the first).
  double at(std::size_t y, std::string_view series, std::size_t i) const {
    return world.series().reals(years.states.at(y).second, series)(i);
  }
  /// What it added in year `y`.
  double in(std::size_t y, std::string_view series, std::size_t i) const {
    return at(y, series, i) - (y == 0 ? 0.0 : at(y - 1, series, i));
  }
  World world;
  YearEnds years;
};

TEST(ValueTest, TwoRegionsHandComputed) {
  // 4 trucks at 400,000 sold by the factory in A to the quarry's fleet in B; 4 kits at 100,000
  // bought from the supplier in B, of which 30% is its value-added (the default share).
  Simulated run(load("two_regions.yaml"));
  EXPECT_DOUBLE_EQ(run.at(0, "value_added_recorded_cny", 0), 1'600'000.0 - 400'000.0);
  EXPECT_DOUBLE_EQ(run.at(0, "value_added_recorded_cny", 1), 0.3 * 400'000.0);
  EXPECT_DOUBLE_EQ(run.at(0, "value_added_credited_cny", 0), 1'200'000.0) << "no rules: as recorded";
  // VAT 13% on value-added, half kept locally (the fleet's credit for the trucks' VAT carries
  // over); income tax 25% on profit (value-added here), 40% kept locally; the fleet, writing its
  // trucks off over 4 years, makes a loss and pays none.
  EXPECT_DOUBLE_EQ(run.at(0, "tax_collected_cny", 0), (0.5 * 0.13 + 0.4 * 0.25) * 1'200'000.0);
  EXPECT_DOUBLE_EQ(run.at(0, "tax_collected_cny", 1), (0.5 * 0.13 + 0.4 * 0.25) * 120'000.0);
  EXPECT_TRUE(run.world.conservation_violations().empty());
}

/// sharing.yaml with the named rules switched on and statistics sharing honoured (or not).
ScenarioDesc sharing(const std::vector<std::string>& rules, bool honoured = true) {
  std::vector<std::string> overrides{"economics.statistics_sharing_honoured=" +
                                     std::string(honoured ? "true" : "false")};
  for (const std::string& rule : rules) overrides.push_back("sharing_rules[" + rule + "].active=true");
  return load("sharing.yaml", overrides);
}

TEST(ValueTest, SixFourSplitOfValueAdded) {
  Simulated run(sharing({"six_four"}));
  for (std::size_t y = 0; y < 4; ++y) {
    EXPECT_DOUBLE_EQ(run.in(y, "value_added_recorded_cny", 0), 1'600'000.0) << y;
    EXPECT_DOUBLE_EQ(run.in(y, "value_added_credited_cny", 0), 960'000.0) << y;
    EXPECT_DOUBLE_EQ(run.in(y, "value_added_credited_cny", 1), 640'000.0) << y;
  }
  EXPECT_DOUBLE_EQ(run.in(4, "sharing_settled_cny", 0), 0.0) << "2030: nothing built, nothing shared";
  EXPECT_DOUBLE_EQ(run.at(4, "tax_after_transfers_cny", 0), run.at(4, "tax_collected_cny", 0))
      << "statistics sharing moves no money";
}

TEST(ValueTest, StatisticsSharingNotHonouredIsAgreedOnly) {
  Simulated run(sharing({"six_four"}, false));
  EXPECT_DOUBLE_EQ(run.at(4, "sharing_agreed_cny", 0), 4 * 640'000.0);
  EXPECT_DOUBLE_EQ(run.at(4, "sharing_settled_cny", 0), 0.0);
  EXPECT_DOUBLE_EQ(run.at(4, "value_added_credited_cny", 0), run.at(4, "value_added_recorded_cny", 0));
}

TEST(ValueTest, TwoOverlappingRulesEachTakeTheirShareOfTheRecordedBase) {
  Simulated run(sharing({"six_four", "one_tenth"}));
  EXPECT_DOUBLE_EQ(run.in(0, "sharing_settled_cny", 0), 640'000.0);
  EXPECT_DOUBLE_EQ(run.in(0, "sharing_settled_cny", 1), 160'000.0);
  EXPECT_DOUBLE_EQ(run.in(0, "value_added_credited_cny", 0), 800'000.0);
  EXPECT_DOUBLE_EQ(run.in(0, "value_added_credited_cny", 1), 800'000.0);
}

TEST(ValueTest, CapReachedInTheSecondYear) {
  // Half of region A's local tax (104,000 VAT and 160,000 income tax a year) is 132,000; the cap of
  // 150,000 leaves 18,000 in 2027.
  Simulated run(sharing({"capped"}));
  const std::size_t capped = 2;
  const double expected[] = {132'000.0, 18'000.0, 0.0, 0.0, 0.0};
  for (std::size_t y = 0; y < 5; ++y) {
    EXPECT_DOUBLE_EQ(run.in(y, "sharing_settled_cny", capped), expected[y]) << y;
  }
  EXPECT_DOUBLE_EQ(run.at(4, "tax_after_transfers_cny", 1), 150'000.0);
  EXPECT_DOUBLE_EQ(run.at(4, "tax_after_transfers_cny", 0), 4 * 264'000.0 - 150'000.0);
}

TEST(ValueTest, ADurationWithoutStepDownEndsTheRule) {
  Simulated run(load("sharing.yaml", {"sharing_rules[capped].active=true", "sharing_rules[capped].cap_cny=0",
                                      "sharing_rules[capped].duration_years=2"}));
  const double expected[] = {132'000.0, 132'000.0, 0.0, 0.0, 0.0};
  for (std::size_t y = 0; y < 5; ++y) EXPECT_DOUBLE_EQ(run.in(y, "sharing_settled_cny", 2), expected[y]) << y;
}

TEST(ValueTest, GuaranteePaidInABadYear) {
  Simulated run(sharing({"guaranteed"}));
  const std::size_t guaranteed = 3;
  for (std::size_t y = 0; y < 4; ++y) EXPECT_DOUBLE_EQ(run.in(y, "sharing_settled_cny", guaranteed), 132'000.0) << y;
  EXPECT_DOUBLE_EQ(run.in(4, "tax_collected_cny", 0), 0.0) << "2030: nothing sold, no tax";
  EXPECT_DOUBLE_EQ(run.in(4, "sharing_settled_cny", guaranteed), 30'000.0) << "the guarantee";
}

TEST(ValueTest, FiveYearStepDownOnScopedOutput) {
  Simulated run(sharing({"stepped"}));
  const std::size_t stepped = 4;
  const double expected[] = {800'000.0, 800'000.0, 640'000.0, 480'000.0, 0.0};
  for (std::size_t y = 0; y < 5; ++y) {
    EXPECT_DOUBLE_EQ(run.in(y, "sharing_settled_cny", stepped), expected[y]) << y;
  }
}

TEST(ValueTest, ScopeExcludesTrucksWorkingElsewhere) {
  // The same rule scoped to trucks working in region A finds none: the quarry is in B.
  Simulated run(sharing({"stepped"}, true));
  Simulated elsewhere(
      load("sharing.yaml", {"economics.statistics_sharing_honoured=true", "sharing_rules[stepped].active=true",
                            "sharing_rules[stepped].deployed_in=a"}));
  EXPECT_GT(run.at(4, "sharing_settled_cny", 4), 0.0);
  EXPECT_DOUBLE_EQ(elsewhere.at(4, "sharing_settled_cny", 4), 0.0);
}

TEST(ValueTest, QuarterlySettlementReachesTheCapInAQuarter) {
  // One truck is delivered each quarter: 400,000 of value-added, 160,000 to B at 6:4, settled at
  // each quarter's end. A cap of 800,000 is reached at the end of the first quarter of 2027.
  ScenarioDesc d =
      load("sharing.yaml", {"economics.statistics_sharing_honoured=true", "sharing_rules[six_four].active=true",
                            "sharing_rules[six_four].settlement=quarterly", "sharing_rules[six_four].cap_cny=800000"});
  World world(d);
  const auto settled_by = [&](std::chrono::year_month_day date) {
    world.run_until(world.simulation().epoch().time_of(date) + engine::hours(1));
    return world.series().reals(world.read_series(), "sharing_settled_cny")(0);
  };
  using std::chrono::April, std::chrono::January, std::chrono::July, std::chrono::year;
  EXPECT_DOUBLE_EQ(settled_by(year(2026) / April / 1), 160'000.0);
  EXPECT_DOUBLE_EQ(settled_by(year(2026) / July / 1), 320'000.0);
  EXPECT_DOUBLE_EQ(settled_by(year(2027) / January / 1), 640'000.0);
  EXPECT_DOUBLE_EQ(settled_by(year(2027) / April / 1), 800'000.0) << "the cap, reached in the first quarter";
  EXPECT_DOUBLE_EQ(settled_by(year(2028) / January / 1), 800'000.0);
}

TEST(ValueTest, MonthlySettlementsAddUpToTheYearsAndTheGuaranteeIsMadeUpAtTheYearsEnd) {
  Simulated yearly(sharing({"six_four"}));
  Simulated monthly(
      load("sharing.yaml",
           {"economics.statistics_sharing_honoured=true", "sharing_rules[six_four].active=true",
            "sharing_rules[six_four].settlement=monthly", "sharing_rules[six_four].minimum_cny_per_year=700000"}));
  for (std::size_t y = 0; y < 4; ++y) {
    EXPECT_DOUBLE_EQ(yearly.in(y, "sharing_settled_cny", 0), 640'000.0) << y;
    EXPECT_DOUBLE_EQ(monthly.in(y, "sharing_settled_cny", 0), 700'000.0) << y << ": 640,000 and 60,000 made up";
  }
  EXPECT_DOUBLE_EQ(monthly.in(4, "sharing_settled_cny", 0), 700'000.0) << "2030: the guarantee alone";
}

TEST(ValueTest, SettlementsWithinAYearAdvanceTheYearsAmountAndTheYearsEndTruesItUp) {
  // The factory buys 16 kits at 300,000 at once, then sells a truck a quarter: region A's
  // value-added is negative in the quarters it buys, positive in those it sells. However often a
  // rule settles, each year moves 40% of that year's value-added (none when it is negative).
  const auto settled = [](const std::string& period, const std::string& initial_trucks) {
    return Simulated(load(
        "sharing.yaml",
        {"economics.statistics_sharing_honoured=true", "sharing_rules[six_four].active=true",
         "sharing_rules[six_four].settlement=" + period, "suppliers[kit_maker].unit_price_cny=300000",
         "suppliers[kit_maker].initial_stock_units=100",
         "factories[plant].inventory.initial_stock_trucks=" + initial_trucks,
         "factories[plant].inventory.reorder_point_trucks=0", "factories[plant].inventory.order_quantity_trucks=16"}));
  };
  for (const std::string initial : {"0", "2"}) {  // kits bought before the year's sales, or after some
    const Simulated yearly = settled("yearly", initial);
    const Simulated quarterly = settled("quarterly", initial);
    const Simulated monthly = settled("monthly", initial);
    for (std::size_t y = 0; y < 5; ++y) {
      EXPECT_DOUBLE_EQ(quarterly.at(y, "sharing_settled_cny", 0), yearly.at(y, "sharing_settled_cny", 0)) << y;
      EXPECT_DOUBLE_EQ(monthly.at(y, "sharing_settled_cny", 0), yearly.at(y, "sharing_settled_cny", 0)) << y;
    }
    EXPECT_GT(yearly.at(4, "sharing_settled_cny", 0), 0.0);
  }
}

TEST(ValueTest, AGuaranteeIsProratedInAPartYear) {
  // Twelve months from 1 July: half of 2026 and half of 2027 at 1,000,000 a year.
  Simulated run(load("sharing.yaml", {"simulation.start_date=2026-07-01", "simulation.horizon_years=1",
                                      "sharing_rules[guaranteed].active=true",
                                      "sharing_rules[guaranteed].minimum_cny_per_year=1000000"}));
  EXPECT_NEAR(run.at(0, "sharing_settled_cny", 3), 1'000'000.0 * 184.0 / 365.0, 0.01);
  EXPECT_NEAR(run.at(1, "sharing_settled_cny", 3), 1'000'000.0, 0.02);
}

TEST(ValueTest, ScopeByKindOfEstablishmentAndOfSale) {
  // Region A's value-added is all its factory's, from selling trucks.
  const auto scoped = [](const std::string& key, const std::string& value) {
    return Simulated(load("sharing.yaml",
                          {"economics.statistics_sharing_honoured=true", "sharing_rules[six_four].active=true",
                           "sharing_rules[six_four]." + key + "=" + value}))
        .in(0, "sharing_settled_cny", 0);
  };
  EXPECT_DOUBLE_EQ(scoped("establishments", "[factory, station]"), 640'000.0);
  EXPECT_DOUBLE_EQ(scoped("establishments", "[supplier]"), 0.0);
  EXPECT_DOUBLE_EQ(scoped("flows", "[truck_sale]"), 640'000.0);
  EXPECT_DOUBLE_EQ(scoped("flows", "[upfit, energy_sale]"), 0.0);
}

TEST(LossesCarriedTest, ALossIsSetAgainstTheNextProfitsOldestFirstForAsManyYears) {
  detail::LossesCarried losses(2);
  EXPECT_DOUBLE_EQ(losses.taxable(2026, -100.0), 0.0);
  EXPECT_DOUBLE_EQ(losses.taxable(2027, -50.0), 0.0);
  EXPECT_DOUBLE_EQ(losses.taxable(2028, 80.0), 0.0) << "80 of 2026's loss used";
  EXPECT_DOUBLE_EQ(losses.carried(), 70.0);
  EXPECT_DOUBLE_EQ(losses.taxable(2029, 60.0), 10.0) << "2026's last 20 have expired; 2027's 50 used";
  EXPECT_DOUBLE_EQ(losses.carried(), 0.0);
  detail::LossesCarried none(0);
  EXPECT_DOUBLE_EQ(none.taxable(2026, -100.0), 0.0);
  EXPECT_DOUBLE_EQ(none.taxable(2027, 30.0), 30.0);
}

}  // namespace
}  // namespace truckflow::models
