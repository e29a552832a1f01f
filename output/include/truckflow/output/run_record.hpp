// What a run leaves for its summary and headline figures: RunTotals keeps, in memory that does not
// grow with the run's length, the last sample, each year's end, the money between regions by
// year and the delivery totals; RunRecorder
// keeps every sample and delivery as well (for a comparison's file, and for tests).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/series.hpp"
#include "truckflow/output/stage_waits.hpp"
#include "truckflow/output/station_waits.hpp"

namespace truckflow::output {

/// The state at the end of a calendar year (models::Observer::on_year_end).
struct YearEnd {
  std::int64_t year = 0;
  models::Sample state;
};

class RunTotals : public models::Observer {
 public:
  /// `catalog`: the world's (World::series()).
  explicit RunTotals(models::SeriesCatalog catalog);
  void on_event(const models::DomainEvent& event) override;
  void on_sample(const models::Sample& sample) override;
  void on_year_end(std::int64_t year, const models::Sample& state) override;

  const models::SeriesCatalog& catalog() const noexcept { return catalog_; }
  /// The latest sample (the run's final state once it has run); throws std::logic_error before any.
  const models::Sample& last() const;
  /// One per calendar year of the run, in order.
  const std::vector<YearEnd>& year_ends() const noexcept { return year_ends_; }
  std::int64_t max_backlog_trucks() const noexcept { return max_backlog_; }
  std::int64_t deliveries() const noexcept { return deliveries_; }
  /// Trucks delivered, by truck type.
  const std::vector<std::int64_t>& delivered_by_type() const noexcept { return delivered_by_type_; }
  double lead_time_sum_days() const noexcept { return lead_sum_days_; }
  double lead_time_max_days() const noexcept { return lead_max_days_; }
  /// Where trucks waited, up to the latest sample (see StageWaits).
  std::vector<StageWait> stage_waits(const models::ScenarioDesc& scenario) const;
  /// How long trucks waited at stations.
  const StationWaits& station_waits() const noexcept { return station_waits_; }
  /// Waits for an assembly line at a factory, of the trucks that have left the `awaiting_line` stage.
  WaitSummary line_waits(std::size_t factory) const { return waits_.line_waits(factory); }
  /// The money between regions, year by year (only pairs and kinds with money).
  const std::vector<models::RegionMoneyFlow>& region_flows() const noexcept { return region_flows_; }

 private:
  StageWaits waits_;
  StationWaits station_waits_;
  models::SeriesCatalog catalog_;
  std::vector<models::Sample> last_;  // empty, or the latest sample
  std::vector<YearEnd> year_ends_;
  std::vector<models::RegionMoneyFlow> region_flows_;
  std::int64_t max_backlog_ = 0;
  std::int64_t deliveries_ = 0;
  std::vector<std::int64_t> delivered_by_type_;
  double lead_sum_days_ = 0.0;
  double lead_max_days_ = 0.0;
};

/// RunTotals, with every sample and delivery kept.
class RunRecorder : public RunTotals {
 public:
  using RunTotals::RunTotals;
  void on_event(const models::DomainEvent& event) override;
  void on_sample(const models::Sample& sample) override;

  const std::vector<models::Sample>& samples() const noexcept { return samples_; }
  const std::vector<models::TruckDelivered>& deliveries() const noexcept { return delivered_; }

 private:
  std::vector<models::Sample> samples_;
  std::vector<models::TruckDelivered> delivered_;
};

/// One headline figure of a run: a row of the headline table of `run`, `compare` and `inspect`,
/// and a `headline_<name>` variable in results files.
struct HeadlineFigure {
  std::string name;   ///< with its unit where it has one, e.g. "mean_order_to_delivery_days"
  std::string units;  ///< e.g. "trucks", "d", "CNY"
  std::string long_name;
  double value = 0.0;
};

/// The headline figures' names, units and meanings (values 0), in the order headline_figures
/// gives them: for the docs. A new figure is added here and computed in headline_figures.
std::vector<HeadlineFigure> headline_definitions();
std::vector<HeadlineFigure> headline_figures(const models::ScenarioDesc& scenario, const RunTotals& run);

}  // namespace truckflow::output
