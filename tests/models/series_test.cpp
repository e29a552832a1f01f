// The series catalog: where each series sits in a sample, typed access, flows over an interval,
// and the mistakes it refuses.
#include "truckflow/models/series.hpp"

#include <gtest/gtest.h>

#include "truckflow/models/description.hpp"
#include "truckflow/models/events.hpp"
#include "truckflow/scenarios/loader.hpp"

#include "chain.hpp"
#include "site.hpp"

namespace truckflow::models {
namespace {

SeriesCatalog small_catalog() {
  SeriesCatalog c;
  c.add_dimension({"region", "region id", {"a", "b"}});
  c.add_dimension({"truck_type", "truck type id", {"x", "y", "z"}});
  c.add_series({"stock_units", {"region"}, "units", "stock", Measure::level, ValueType::count});
  c.add_series({"energy_kwh", {"region", "truck_type"}, "kWh", "energy used", Measure::flow, ValueType::real});
  c.add_series({"trips", {"region", "truck_type"}, "trips", "trips made", Measure::flow, ValueType::count});
  return c;
}

TEST(SeriesCatalogTest, EachSeriesHasItsSliceOfASample) {
  const SeriesCatalog c = small_catalog();
  EXPECT_EQ(c.values_per_sample(), 2U + 6U + 6U);
  Sample s = c.blank(engine::Time::zero());
  EXPECT_EQ(s.counts.size(), 8U) << "stock (2) and trips (6)";
  EXPECT_EQ(s.reals.size(), 6U);
  EXPECT_EQ(c.find("trips").offset, 2U);
  EXPECT_EQ(c.find("trips").shape, (std::vector<std::size_t>{2, 3}));
  s.counts[2 + 1 * 3 + 2] = 7;  // trips at (b, z)
  s.reals[0 * 3 + 1] = 2.5;     // energy at (a, y)
  EXPECT_EQ(c.counts(s, "trips")(1, 2), 7);
  EXPECT_EQ(c.counts(s, "trips").row_total(1), 7);
  EXPECT_EQ(c.counts(s, "trips").total(), 7);
  EXPECT_DOUBLE_EQ(c.reals(s, "energy_kwh")(0, 1), 2.5);
  EXPECT_EQ(c.counts(s, "stock_units").total(), 0);
}

TEST(SeriesCatalogTest, AFlowIsWhatHappenedSinceThePreviousSample) {
  const SeriesCatalog c = small_catalog();
  Sample first = c.blank(engine::Time::zero());
  first.counts = {5, 1, /*trips*/ 1, 2, 3, 4, 5, 6};
  first.reals = {10, 20, 30, 40, 50, 60};
  Sample second = first;
  second.counts = {4, 0, /*trips*/ 2, 2, 5, 4, 5, 9};
  second.reals = {11, 20, 35, 40, 50, 61.5};
  const Sample at_first = c.flows_since(first, nullptr);
  EXPECT_EQ(at_first.counts, first.counts) << "the first sample's flows are everything since the start";
  const Sample at_second = c.flows_since(second, &first);
  EXPECT_EQ(at_second.counts, (std::vector<std::int64_t>{4, 0, 1, 0, 2, 0, 0, 3})) << "levels stay as they are";
  EXPECT_EQ(at_second.reals, (std::vector<double>{1, 0, 5, 0, 0, 1.5}));
}

TEST(SeriesCatalogTest, MistakesAreRefused) {
  SeriesCatalog c = small_catalog();
  EXPECT_THROW(c.add_series({"trips", {"region"}, "trips", "again", Measure::flow, ValueType::count}),
               std::logic_error);
  EXPECT_THROW(c.add_series({"unknown", {"station"}, "1", "over an unknown dimension"}), std::out_of_range);
  EXPECT_THROW(c.add_dimension({"region", "again", {}}), std::logic_error);
  EXPECT_THROW(c.add_dimension({"site", "site id", {"s"}, {{"site_name", "name", {"one", "two"}}}}), std::logic_error)
      << "a property needs one value per label";
  const Sample s = c.blank(engine::Time::zero());
  EXPECT_THROW((void)c.counts(s, "energy_kwh"), std::logic_error) << "real numbers, not counts";
  EXPECT_THROW((void)c.counts(s, "nothing"), std::out_of_range);
  EXPECT_THROW((void)small_catalog().counts(SeriesCatalog{}.blank(engine::Time::zero()), "trips"), std::logic_error)
      << "a sample of another catalog";
}

TEST(SeriesCatalogTest, TheWorldsCatalogNeedsOnlyADescription) {
  const SeriesCatalog empty = series_catalog(ScenarioDesc{});
  EXPECT_EQ(empty.find("trucks_by_stage").shape, (std::vector<std::size_t>{truck_stage_count}));
  EXPECT_EQ(empty.find("region_fleet_trucks").size, 0U);
  EXPECT_EQ(empty.find("region_fleet_trucks").spec.measure, Measure::level);
  EXPECT_EQ(empty.find("factory_trucks_ordered").spec.measure, Measure::cumulative);
  for (const auto& e : empty.series()) {
    EXPECT_FALSE(e.spec.units.empty()) << e.spec.name << ": every series has units";
    EXPECT_FALSE(e.spec.long_name.empty()) << e.spec.name;
  }
}

// CONTRIBUTING.md, "Adding a series": what a part writes in its declare_*_series function. The
// sampler, the results files, compare and docs/output.md then take the series from the catalog.
TEST(RecipeTest, AddingASeries) {
  const auto loaded = scenarios::load_scenario(std::string(TRUCKFLOW_SOURCE_DIR) + "/scenarios/tiny/two_regions.yaml");
  detail::Chain chain(loaded.description);
  detail::SeriesRegistry registry(chain.desc);
  registry.counts({"region_sites", {"region"}, "sites", "application sites in the region", Measure::level},
                  [](const detail::Chain& c, std::span<std::int64_t> out) {
                    for (std::size_t s = 0; s < c.delivery.sites(); ++s) ++out[c.delivery.site(s).region()];
                  });
  const Sample sample = registry.read(chain, engine::Time::zero());
  EXPECT_EQ(registry.catalog().counts(sample, "region_sites")(0), 0);
  EXPECT_EQ(registry.catalog().counts(sample, "region_sites")(1), 1) << "the quarry is in region b";
  EXPECT_EQ(registry.catalog().values_per_sample(), chain.series.catalog().values_per_sample() + 2);
}

}  // namespace
}  // namespace truckflow::models
