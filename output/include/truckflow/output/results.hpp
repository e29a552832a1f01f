// Results: what a run emits, kept by a RunRecorder, its headline figures, and the netCDF-4 /
// HDF5 results files of a run and of a comparison of truck types. Layout: docs/output.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "truckflow/models/description.hpp"
#include "truckflow/models/observer.hpp"
#include "truckflow/models/series.hpp"

namespace truckflow::output {

/// The state at the end of a calendar year (models::Observer::on_year_end).
struct YearEnd {
  std::int64_t year = 0;
  models::Sample state;
};

/// Everything a World emits during one run that results files hold (samples, year ends and
/// deliveries), kept for writing, with the catalog that says what the samples hold.
class RunRecorder : public models::Observer {
 public:
  /// `catalog`: the world's (World::series()).
  explicit RunRecorder(models::SeriesCatalog catalog) : catalog_(std::move(catalog)) {}
  void on_event(const models::DomainEvent& event) override {
    if (const auto* delivered = std::get_if<models::TruckDelivered>(&event)) deliveries_.push_back(*delivered);
  }
  void on_sample(const models::Sample& sample) override { samples_.push_back(sample); }
  void on_year_end(std::int64_t year, const models::Sample& state) override { year_ends_.push_back({year, state}); }

  const models::SeriesCatalog& catalog() const noexcept { return catalog_; }
  const std::vector<models::Sample>& samples() const noexcept { return samples_; }
  const std::vector<models::TruckDelivered>& deliveries() const noexcept { return deliveries_; }
  /// One per calendar year of the run, in order.
  const std::vector<YearEnd>& year_ends() const noexcept { return year_ends_; }

 private:
  models::SeriesCatalog catalog_;
  std::vector<models::Sample> samples_;
  std::vector<models::TruckDelivered> deliveries_;
  std::vector<YearEnd> year_ends_;
};

/// Where results came from, stored in the file.
struct Provenance {
  std::string command_line;
  std::string scenario_file;
  std::string scenario_yaml;  ///< the resolved scenario, as simulated
  std::string truckflow_version;
  std::string git_revision;
};

/// One headline figure of a run: a row of `truckflow compare`'s table and a `headline_<name>`
/// variable in results files. Later layers add figures to `headline_figures`, nothing else.
struct HeadlineFigure {
  std::string name;   ///< with its unit where it has one, e.g. "mean_order_to_delivery_days"
  std::string units;  ///< e.g. "trucks", "d", "CNY"
  std::string long_name;
  double value = 0.0;
};

std::vector<HeadlineFigure> headline_figures(const models::ScenarioDesc& scenario, const RunRecorder& run);

/// Writes the results of one run to `path` (created or truncated; publish it with AtomicFile).
/// `interruption_check` (if any) is called before each variable is written and may throw to
/// abandon the file (Ctrl-C while a large file is written).
void write_run_results(const std::string& path, const models::ScenarioDesc& scenario, const RunRecorder& run,
                       const Provenance& provenance, const std::function<void()>& interruption_check = {});

/// One run of a comparison: the truck type the whole plan was assigned to, and what it gave.
struct ComparedRun {
  std::string truck_type;
  const models::ScenarioDesc* scenario = nullptr;
  const RunRecorder* run = nullptr;
};

/// Writes the results of a comparison (one run per truck type) to `path`, with a `truck_type`
/// dimension for the runs.
void write_compare_results(const std::string& path, const std::vector<ComparedRun>& runs, const Provenance& provenance,
                           const std::function<void()>& interruption_check = {});

}  // namespace truckflow::output
